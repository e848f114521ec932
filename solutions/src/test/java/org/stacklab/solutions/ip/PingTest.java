package org.stacklab.solutions.ip;

import org.stacklab.kernel.ip.scaffold.IpMib;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.solutions.ip.IpNet.ip;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.Time;

/** ICMP echo end to end through ping sockets: on one link, across a router, TTL expiry, loopback. */
class PingTest {
    private IpNet net;

    @AfterEach
    void noOopses() {
        if (net != null) net.assertNoOopses();
    }

    @Test
    void pingBetweenTwoHosts() {
        net = IpNet.twoHosts();
        Kernel h1 = net.k("h1");
        Sock s = IpNet.pingSocket(h1);
        byte[] req = IpNet.echoRequest(1, 56);
        assertEquals(64, s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.0.2", 0)));

        SockAddr[] from = new SockAddr[1];
        byte[] reply = net.receive(s, from, Time.s(1));
        assertNotNull(reply, "no echo reply" + net.dump());
        assertEquals(0, reply[0], "type echo reply");
        assertEquals(ip("10.0.0.2"), from[0].addr());
        assertEquals(s.localAddress().port(), ((reply[4] & 0xff) << 8) | (reply[5] & 0xff), "identifier is the socket's");
        assertEquals(1, reply[7]);
        byte[] data = java.util.Arrays.copyOfRange(reply, 8, reply.length);
        assertArrayEquals(java.util.Arrays.copyOfRange(req, 8, req.length), data, "echo data comes back unchanged");
        assertEquals(1L, IpNet.ip(net.k("h2")).counters().get("IcmpOutEchoReps"));
        assertEquals("REACHABLE", IpNet.ip(h1).neighbours().get(0).state(), net.dump());
    }

    @Test
    void pingAcrossRouterDecrementsTtl() {
        net = IpNet.routed();
        Sock s = IpNet.pingSocket(net.k("h1"));
        byte[] req = IpNet.echoRequest(7, 32);
        s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.2.2", 0));
        SockAddr[] from = new SockAddr[1];
        byte[] reply = net.receive(s, from, Time.s(1));
        assertNotNull(reply, "no echo reply across r1" + net.dump());
        assertEquals(0, reply[0]);
        assertEquals(ip("10.0.2.2"), from[0].addr());

        List<PacketTrace.Entry> sent = IpNet.ipFrames(net.k("h1"), true, 1);
        List<PacketTrace.Entry> arrived = IpNet.ipFrames(net.k("h2"), false, 1);
        assertEquals(64, sent.get(0).frame()[22] & 0xff, "h1 sends with TTL 64" + net.dump());
        assertEquals(63, arrived.get(0).frame()[22] & 0xff, "r1 decrements the TTL" + net.dump());
        assertTrue(Ipv4Header.checksumOk(arrived.get(0).frame(), 14, 20), "checksum still valid after the TTL update");
        List<PacketTrace.Entry> back = IpNet.ipFrames(net.k("h1"), false, 1);
        assertEquals(63, back.get(0).frame()[22] & 0xff, "the reply crossed r1 too");
        assertEquals(2L, IpNet.ip(net.k("r1")).counters().get("ForwDatagrams"));
        assertEquals(63, s.getsockopt(Sock.SOL_IP, Sock.IP_RECVTTL), "ping can print ttl=63");
    }

    @Test
    void ttlExpiryAtRouterSendsTimeExceeded() {
        net = IpNet.routed();
        Sock s = IpNet.pingSocket(net.k("h1"));
        assertEquals(0, s.setsockopt(Sock.SOL_IP, Sock.IP_TTL, 1));
        byte[] req = IpNet.echoRequest(3, 16);
        s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.2.2", 0));
        SockAddr[] from = new SockAddr[1];
        byte[] msg = net.receive(s, from, Time.s(1));
        assertNotNull(msg, "no time exceeded for the socket" + net.dump());
        assertEquals(11, msg[0], "ICMP time exceeded");
        assertEquals(0, msg[1], "code 0: TTL exceeded in transit");
        assertEquals(ip("10.0.1.1"), from[0].addr(), "from the router");
        // The quoted datagram is ours: the echo request with sequence 3.
        assertEquals(8, msg[8 + 20] & 0xff);
        assertEquals(3, msg[8 + 20 + 7]);
        assertEquals(1L, net.k("r1").drops(IpMib.TTL_EXPIRED), net.dump());
        assertTrue(IpNet.ipFrames(net.k("h2"), false, 1).isEmpty(), "nothing reached h2");
    }

    @Test
    void pingLoopbackAndOwnAddress() {
        net = IpNet.twoHosts();
        Kernel h1 = net.k("h1");
        for (String dst : new String[] {"127.0.0.1", "10.0.0.1"}) {
            Sock s = IpNet.pingSocket(h1);
            byte[] req = IpNet.echoRequest(1, 8);
            assertEquals(16, s.sendmsg(req, 0, req.length, 0, SockAddr.of(dst, 0)));
            SockAddr[] from = new SockAddr[1];
            byte[] reply = net.receive(s, from, Time.ms(10));
            assertNotNull(reply, "no reply from " + dst + net.dump());
            assertEquals(0, reply[0]);
            assertEquals(ip(dst), from[0].addr());
            s.close();
        }
        assertTrue(IpNet.ipFrames(net.k("h2"), false, 1).isEmpty(), "loopback traffic never leaves the host");
        assertEquals(4, h1.device("lo").stats().txPackets, "request and reply, twice, over lo");
        assertEquals(65536, IpNet.ip(h1).mtuFor(ip("127.0.0.1")));
    }

    @Test
    void largePingIsFragmentedAndReassembled() {
        net = IpNet.routed();
        Sock s = IpNet.pingSocket(net.k("h1"));
        byte[] req = IpNet.echoRequest(9, 4000);
        assertEquals(4008, s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.2.2", 0)));
        byte[] reply = net.receive(s, new SockAddr[1], Time.s(1));
        assertNotNull(reply, net.dump());
        assertEquals(4008, reply.length);
        assertArrayEquals(java.util.Arrays.copyOfRange(req, 8, req.length), java.util.Arrays.copyOfRange(reply, 8, reply.length));
        assertEquals(3L, IpNet.ip(net.k("h1")).counters().get("FragCreates"), "4028 bytes over MTU 1500: 3 fragments");
        assertEquals(1L, IpNet.ip(net.k("h2")).counters().get("ReasmOKs"));
        assertEquals(1L, IpNet.ip(net.k("h1")).counters().get("ReasmOKs"));
    }
}
