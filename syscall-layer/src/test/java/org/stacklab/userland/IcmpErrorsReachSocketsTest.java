package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.sim.Time;
import org.stacklab.syscall.Processes;
import org.stacklab.syscall.RealHosts;
import org.stacklab.syscall.Task;

/**
 * ICMP errors reach sockets as Linux's tcp_v4_err and udp_err deliver them (RFC 1122 §4.2.3.9,
 * RFC 5927): the firewall's REJECT tells the client at once, and nc -w bounds connect and idle time.
 */
class IcmpErrorsReachSocketsTest {
    RealHosts net;

    @BeforeEach
    void hosts() {
        net = new RealHosts(14);
        net.h2.insmod("filter");
    }

    Task run(Kernel k, String... argv) { return Processes.on(k).spawn(argv[0], Programs.lookup(argv[0]), argv); }

    void runAll() { assertTrue(net.sched.runUntilAllExit(Time.s(300)), "not all exited\n" + net.diagnostics()); }

    void reject(String... withArgs) {
        String[] base = {"iptables", "-A", "INPUT", "-p", "tcp", "--dport", "80", "-j", "REJECT"};
        String[] argv = new String[base.length + withArgs.length];
        System.arraycopy(base, 0, argv, 0, base.length);
        System.arraycopy(withArgs, 0, argv, base.length, withArgs.length);
        Task t = run(net.h2, argv);
        runAll();
        assertEquals(0, t.exitStatus(), t.stderr());
    }

    /** Runs nc h1 -> h2:80 and returns how long (virtual ns) it took to fail. */
    long ncFails(String expectedStderr, String... flags) {
        Task server = run(net.h2, "nc", "-l", "80");
        server.console().openStdin();
        net.sched.runFor(Time.ms(1));
        String[] argv = new String[flags.length + 3];
        argv[0] = "nc";
        System.arraycopy(flags, 0, argv, 1, flags.length);
        argv[flags.length + 1] = "10.0.0.2";
        argv[flags.length + 2] = "80";
        long start = net.loop.now();
        Task client = run(net.h1, argv);
        assertTrue(net.sched.runUntil(client::exited, Time.s(300)), "nc did not exit\n" + net.diagnostics());
        long took = net.loop.now() - start;
        assertEquals(1, client.exitStatus(), client.stderr());
        assertEquals(expectedStderr, client.stderr(), net.diagnostics());
        return took;
    }

    @Test
    void rejectWithPortUnreachableRefusesTheConnectAtOnce() {
        reject();
        long took = ncFails("nc: connect to 10.0.0.2 port 80 (tcp) failed: Connection refused\n");
        assertTrue(took < Time.ms(100), "Linux fails at once, not after the SYN retries: took " + took + " ns");
        assertTrue(net.diagnostics().contains("ICMP 10.0.0.2 tcp port 80 unreachable"), net.diagnostics());
    }

    @Test
    void hostUnreachableIsEHOSTUNREACHAtOnce() {
        reject("--reject-with", "icmp-host-unreachable");
        long took = ncFails("nc: connect to 10.0.0.2 port 80 (tcp) failed: No route to host\n");
        assertTrue(took < Time.ms(100), "took " + took);
    }

    @Test
    void netUnreachableIsENETUNREACH() {
        reject("--reject-with", "icmp-net-unreachable");
        ncFails("nc: connect to 10.0.0.2 port 80 (tcp) failed: Network is unreachable\n");
    }

    @Test
    void adminProhibitedIsEHOSTUNREACH() {
        reject("--reject-with", "icmp-admin-prohibited");
        ncFails("nc: connect to 10.0.0.2 port 80 (tcp) failed: No route to host\n");
    }

    @Test
    void ncDashWBoundsTheConnect() {
        net.dropTcpFromH1();
        long took = ncFails("nc: connect to 10.0.0.2 port 80 (tcp) failed: Connection timed out\n", "-w", "3");
        assertTrue(took >= Time.s(3) && took < Time.s(3) + Time.ms(10), "took " + took);
    }

    @Test
    void withoutDashWTheConnectTimesOutAfterTheSynRetries() {
        net.dropTcpFromH1();
        long took = ncFails("nc: connect to 10.0.0.2 port 80 (tcp) failed: Connection timed out\n");
        assertTrue(took > Time.s(60), "tcp_syn_retries=6 takes about 127 s: took " + took);
    }

    @Test
    void ncDashWBoundsIdleTime() {
        Task server = run(net.h2, "nc", "-l", "80");
        server.console().openStdin();
        net.sched.runFor(Time.ms(1));
        Task client = run(net.h1, "nc", "-w", "2", "10.0.0.2", "80");
        client.console().openStdin();
        net.sched.runFor(Time.s(1));
        assertTrue(!client.exited(), "still within -w 2");
        assertTrue(net.sched.runUntil(client::exited, Time.s(3)), "nc -w 2 quits after 2 idle seconds");
        assertEquals(0, client.exitStatus(), client.stderr());
    }

    /** Established: a soft ICMP error is kept, SO_ERROR reports it, and it replaces ETIMEDOUT when the RTO gives up. */
    @Test
    void softErrorInEstablishedIsKeptAndReplacesTimedOut() {
        Sock l = InetSockets.of(net.h2).lookup(Sock.SOCK_STREAM, 0).create();
        assertEquals(0, l.bind(new SockAddr(0, 80)));
        assertEquals(0, l.listen(1));
        Sock c = InetSockets.of(net.h1).lookup(Sock.SOCK_STREAM, 0).create();
        assertEquals(Errno.EINPROGRESS.neg(), c.connect(new SockAddr(Ip4.parse("10.0.0.2"), 80)));
        net.loop.runFor(Time.ms(5));
        assertEquals("ESTABLISHED", c.info().state());
        // From now on h2 answers TCP with host unreachable, as a router whose route went away would.
        reject("--reject-with", "icmp-host-unreachable");
        assertEquals(5, c.sendmsg("hello".getBytes(), 0, 5, 0, null));
        net.loop.runFor(Time.ms(5));
        assertEquals("ESTABLISHED", c.info().state(), "a soft error does not abort an established connection");
        assertEquals(0, c.takeError(), "nothing pending for the next call");
        assertEquals(Errno.EHOSTUNREACH.code, c.getsockopt(Sock.SOL_SOCKET, Sock.SO_ERROR), "SO_ERROR reports sk_err_soft");
        assertEquals(0, c.getsockopt(Sock.SOL_SOCKET, Sock.SO_ERROR), "and reading clears it");
        net.loop.runFor(Time.s(2)); // the next retransmission draws the error again
        net.loop.runFor(Time.s(1000)); // tcp_retries2: the RTO gives up
        assertEquals("CLOSE", c.info().state());
        assertEquals(Errno.EHOSTUNREACH.code, c.takeError(), "tcp_write_err: the soft error, not ETIMEDOUT");
    }

    /** udp_err: a connected socket hears of a hard error on its next call (send or recv); an unconnected one does not. */
    @Test
    void udpRejectedReachesTheConnectedSocketOnItsNextSend() {
        Sock server = InetSockets.of(net.h2).lookup(Sock.SOCK_DGRAM, 0).create();
        assertEquals(0, server.bind(new SockAddr(0, 5000)));
        Task t = run(net.h2, "iptables", "-A", "INPUT", "-p", "udp", "--dport", "5000", "-j", "REJECT");
        runAll();
        assertEquals(0, t.exitStatus(), t.stderr());
        SockAddr to = new SockAddr(Ip4.parse("10.0.0.2"), 5000);
        Sock connected = InetSockets.of(net.h1).lookup(Sock.SOCK_DGRAM, 0).create();
        assertEquals(0, connected.connect(to));
        Sock unconnected = InetSockets.of(net.h1).lookup(Sock.SOCK_DGRAM, 0).create();
        assertEquals(3, connected.sendmsg("one".getBytes(), 0, 3, 0, null));
        assertEquals(3, unconnected.sendmsg("one".getBytes(), 0, 3, 0, to));
        net.loop.runFor(Time.ms(5));
        assertEquals(Errno.ECONNREFUSED.neg(), connected.sendmsg("two".getBytes(), 0, 3, 0, null), net.diagnostics());
        assertEquals(3, connected.sendmsg("two".getBytes(), 0, 3, 0, null), "reported once, then cleared");
        assertEquals(3, unconnected.sendmsg("two".getBytes(), 0, 3, 0, to), "an unconnected socket is not told (no IP_RECVERR)");
    }
}
