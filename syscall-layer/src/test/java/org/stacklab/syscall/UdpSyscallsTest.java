package org.stacklab.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.Time;

/** UDP through the socket API over the reference UDP/IP on two kernels. */
class UdpSyscallsTest {
    static final int AF = InetSockets.AF_INET, DGRAM = Sock.SOCK_DGRAM;

    final RealHosts net = new RealHosts(31);
    final Syscalls a = Processes.on(net.h1).foreground("a", Task.ROOT).sys();
    final Syscalls b = Processes.on(net.h2).foreground("b", Task.USER).sys();

    @Test
    void sendtoBindsAnEphemeralPortAndRecvfromNamesTheSender() {
        int rx = b.socket(AF, DGRAM, 0);
        assertEquals(0, b.bind(rx, new SockAddr(0, 5353)), "ports from 1024 up need no root");
        int tx = a.socket(AF, DGRAM, 0);
        SockAddr[] name = new SockAddr[1];
        assertEquals(0, a.getsockname(tx, name));
        assertEquals(SockAddr.ANY, name[0], "unbound");
        assertEquals(4, a.sendto(tx, "ping".getBytes(), 0, 4, 0, SockAddr.of("10.0.0.2", 5353)));
        a.getsockname(tx, name);
        assertTrue(name[0].port() >= 32768 && name[0].port() <= 60999, "ephemeral " + name[0]);
        byte[] buf = new byte[16];
        SockAddr[] from = new SockAddr[1];
        assertEquals(4, b.recvfrom(rx, buf, 0, 16, 0, from), net.diagnostics());
        assertEquals(new SockAddr(Ip4.parse("10.0.0.1"), name[0].port()), from[0]);
    }

    @Test
    void aSlowReaderLosesWhatItsReceiveBufferCannotHold() {
        int rx = b.socket(AF, DGRAM, 0);
        b.bind(rx, new SockAddr(0, 9999));
        assertEquals(0, b.setsockopt(rx, Sock.SOL_SOCKET, Sock.SO_RCVBUF, 4096));
        assertEquals(8192, b.getsockopt(rx, Sock.SOL_SOCKET, Sock.SO_RCVBUF));
        int tx = a.socket(AF, DGRAM, 0);
        // Resolve h2's MAC first: while ARP is unanswered the neighbour queue holds only a few packets.
        a.sendto(tx, new byte[1], 0, 1, 0, SockAddr.of("10.0.0.2", 9));
        a.nanosleep(Time.ms(1));
        for (int i = 0; i < 50; i++) assertEquals(1000, a.sendto(tx, new byte[1000], 0, 1000, 0, SockAddr.of("10.0.0.2", 9999)));
        b.nanosleep(Time.ms(10));
        int got = 0;
        while (b.recv(rx, new byte[1000], 0, 1000, Sock.MSG_DONTWAIT) == 1000) got++;
        long dropped = InetSockets.of(net.h2).lookup(DGRAM, Sock.IPPROTO_UDP).counters().get("RcvbufErrors");
        assertTrue(got > 0 && got < 50, "queued " + got);
        assertEquals(50 - got, dropped, "every datagram is either queued or counted as dropped");
    }

    @Test
    void broadcastNeedsSoBroadcast() {
        int rx = b.socket(AF, DGRAM, 0);
        b.bind(rx, new SockAddr(0, 6767));
        int tx = a.socket(AF, DGRAM, 0);
        SockAddr bcast = SockAddr.of("10.0.0.255", 6767);
        assertEquals(Errno.EACCES.neg(), a.sendto(tx, new byte[1], 0, 1, 0, bcast));
        assertEquals(0, a.setsockopt(tx, Sock.SOL_SOCKET, Sock.SO_BROADCAST, 1));
        assertEquals(1, a.sendto(tx, new byte[] {42}, 0, 1, 0, bcast));
        byte[] buf = new byte[1];
        assertEquals(1, b.recv(rx, buf, 0, 1, 0), net.diagnostics());
        assertEquals(42, buf[0]);
    }

    @Test
    void connectedSocketLearnsOfAClosedPortFromIcmp() {
        int s = a.socket(AF, DGRAM, 0);
        assertEquals(0, a.connect(s, SockAddr.of("10.0.0.2", 4444)));
        assertEquals(1, a.write(s, new byte[1], 0, 1));
        PollFd[] p = {new PollFd(s, Sock.POLLIN)};
        assertEquals(1, a.poll(p, 1000), net.diagnostics());
        assertEquals(Sock.POLLERR, p[0].revents & Sock.POLLERR);
        assertEquals(Errno.ECONNREFUSED.neg(), a.read(s, new byte[1], 0, 1));
        assertEquals(1, InetSockets.of(net.h2).lookup(DGRAM, 0).counters().get("NoPorts"));
    }
}
