package org.stacklab.solutions.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.udp.UdpDropReason;
import org.stacklab.sim.EventLoop;
import org.stacklab.testkit.FakeIpNetwork;

/**
 * RFC 768 behaviour of a UDP module over a stand-in IP layer (see {@link FakeIpNetwork}). It uses
 * only the contracts (Sock, SocketProto counters, drop reasons), so the UDP lab can run the same
 * checks against a student's module.
 */
class UdpTest {
    static final long SEED = 7;
    EventLoop loop;
    FakeIpNetwork net;
    Kernel h1, h2;
    FakeIpNetwork.FakeIp ip1, ip2;

    @BeforeEach
    void setUp() {
        loop = EventLoop.virtual(SEED);
        net = new FakeIpNetwork(loop);
        h1 = new Kernel("h1", loop, ModuleSet.reference());
        h2 = new Kernel("h2", loop, ModuleSet.reference());
        ip1 = boot(h1, "10.0.0.1");
        ip2 = boot(h2, "10.0.0.2");
    }

    @AfterEach
    void noOops() {
        assertTrue(h1.oopses().isEmpty() && h2.oopses().isEmpty(), "kernel oops: " + h1.oopses() + h2.oopses());
    }

    private FakeIpNetwork.FakeIp boot(Kernel k, String addr) {
        FakeIpNetwork.FakeIp ip = net.attach(k, addr);
        k.insmod(new KernelModule() {
            @Override public String name() { return "ip"; }
            @Override public void init(Kernel kernel) { kernel.exportSymbol(IpStack.class, ip, "ip"); }
            @Override public void exit(Kernel kernel) {}
        });
        k.insmod("udp");
        return ip;
    }

    static Sock udp(Kernel k) { return InetSockets.of(k).lookup(Sock.SOCK_DGRAM, 0).create(); }

    /** The UDP MIB of {@code k}, through the socket family (any UDP implementation has one). */
    static long mib(Kernel k, String counter) {
        return InetSockets.of(k).lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_UDP).counters().get(counter);
    }

    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    static String recvString(Sock s, SockAddr[] from) {
        byte[] b = new byte[2000];
        int n = s.recvmsg(b, 0, b.length, 0, from);
        return n < 0 ? Errno.describe(n) : new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    @Test
    void datagramArrivesWithItsSenderAndAValidChecksum() {
        Sock server = udp(h2);
        assertEquals(0, server.bind(new SockAddr(0, 5353)));
        Sock client = udp(h1);
        assertEquals(5, client.sendmsg(bytes("hello"), 0, 5, 0, SockAddr.of("10.0.0.2", 5353)));
        assertEquals(Errno.EAGAIN.neg(), server.recvmsg(new byte[10], 0, 10, 0, null), "nothing before the wire delay");
        assertEquals(0, server.poll() & Sock.POLLIN);

        loop.runUntilIdle();
        assertTrue((server.poll() & Sock.POLLIN) != 0);
        SockAddr[] from = new SockAddr[1];
        assertEquals("hello", recvString(server, from));
        assertEquals(new SockAddr(Ip4.parse("10.0.0.1"), client.localAddress().port()), from[0]);

        FakeIpNetwork.Sent sent = ip1.sent.get(0);
        assertEquals(13, sent.segment().length);
        assertEquals(13, (sent.segment()[4] << 8) | sent.segment()[5], "UDP length covers header and data");
        assertEquals(0, Checksum.transport(sent.saddr(), sent.daddr(), 17, sent.segment(), 0, 13), "checksum verifies");
        assertEquals(1L, mib(h1, "OutDatagrams"));
        assertEquals(1, mib(h2, "InDatagrams"));
    }

    @Test
    void ephemeralPortComesFromTheLocalRangeAndIsReproducible() {
        Sock a = udp(h1);
        assertEquals(0, a.bind(SockAddr.ANY));
        int port = a.localAddress().port();
        assertTrue(port >= 32768 && port <= 60999, "port " + port);

        EventLoop again = EventLoop.virtual(SEED);
        Kernel k = new Kernel("h1", again, ModuleSet.reference());
        FakeIpNetwork n2 = new FakeIpNetwork(again);
        FakeIpNetwork.FakeIp ip = n2.attach(k, "10.0.0.1");
        k.insmod(new KernelModule() {
            @Override public String name() { return "ip"; }
            @Override public void init(Kernel kernel) { kernel.exportSymbol(IpStack.class, ip, "ip"); }
            @Override public void exit(Kernel kernel) {}
        });
        k.insmod("udp");
        Sock b = udp(k);
        b.bind(SockAddr.ANY);
        assertEquals(port, b.localAddress().port(), "same seed, same ephemeral port");
    }

    @Test
    void sysctlNarrowsTheEphemeralRange() {
        h1.sysctl().set(InetSockets.SYSCTL_PORT_LOW, 40000);
        h1.sysctl().set(InetSockets.SYSCTL_PORT_HIGH, 40001);
        Sock a = udp(h1), b = udp(h1), c = udp(h1);
        assertEquals(0, a.bind(SockAddr.ANY));
        assertEquals(0, b.bind(SockAddr.ANY));
        assertEquals(Errno.EADDRINUSE.neg(), c.bind(SockAddr.ANY), "range exhausted");
        assertNotEquals(a.localAddress().port(), b.localAddress().port());
    }

    @Test
    void nobodyListeningGetsPortUnreachableAndConnectedSenderSeesEconnrefused() {
        Sock client = udp(h1);
        assertEquals(0, client.connect(SockAddr.of("10.0.0.2", 9)));
        assertEquals(3, client.sendmsg(bytes("abc"), 0, 3, 0, null));
        loop.runUntilIdle();
        assertEquals(List.of(3), ip2.unreachables, "ICMP port unreachable (code 3)");
        assertEquals(1, mib(h2, "NoPorts"));
        assertEquals(1, h2.drops(UdpDropReason.NO_SOCKET));
        assertTrue((client.poll() & Sock.POLLERR) != 0);
        assertEquals(Errno.ECONNREFUSED.neg(), client.recvmsg(new byte[8], 0, 8, 0, null));
        assertEquals(Errno.EAGAIN.neg(), client.recvmsg(new byte[8], 0, 8, 0, null), "the error is reported once");
    }

    @Test
    void unconnectedSenderIsNotToldOfPortUnreachable() {
        Sock client = udp(h1);
        client.sendmsg(bytes("abc"), 0, 3, 0, SockAddr.of("10.0.0.2", 9));
        loop.runUntilIdle();
        assertEquals(1, ip2.unreachables.size());
        assertEquals(0, client.poll() & Sock.POLLERR);
    }

    @Test
    void zeroChecksumMeansNoneAndABadOneIsDropped() {
        Sock server = udp(h2);
        server.bind(new SockAddr(0, 7000));
        // A hand-made datagram with checksum 0: accepted.
        byte[] seg = {(byte) 0x9c, 0x40, 0x1b, 0x58, 0, 10, 0, 0, 'h', 'i'};
        ip2.deliver(seg, Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2"), 17);
        assertEquals("hi", recvString(server, null));

        Sock client = udp(h1);
        ip1.corruptAt = 9; // a payload bit flips on the wire
        client.sendmsg(bytes("hi"), 0, 2, 0, SockAddr.of("10.0.0.2", 7000));
        loop.runUntilIdle();
        assertEquals(Errno.EAGAIN.neg(), server.recvmsg(new byte[8], 0, 8, 0, null));
        assertEquals(1, mib(h2, "InCsumErrors"));
        assertEquals(1, mib(h2, "InErrors"));
        assertEquals(1, h2.drops(UdpDropReason.UDP_CSUM));
    }

    @Test
    void shortAndOverlongLengthsAreInErrors() {
        ip2.deliver(new byte[] {0, 1, 0, 2, 0}, Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2"), 17);
        ip2.deliver(new byte[] {0, 1, 0, 2, 0, 40, 0, 0}, Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2"), 17);
        assertEquals(2, mib(h2, "InErrors"));
        assertEquals(0, mib(h2, "NoPorts"));
    }

    @Test
    void bindConflictsFollowLinux() {
        Sock a = udp(h1), b = udp(h1), c = udp(h1);
        assertEquals(0, a.bind(new SockAddr(0, 53)));
        assertEquals(Errno.EADDRINUSE.neg(), b.bind(new SockAddr(Ip4.parse("10.0.0.1"), 53)), "wildcard covers every address");
        assertEquals(Errno.EINVAL.neg(), a.bind(new SockAddr(0, 54)), "already bound");
        assertEquals(Errno.EADDRNOTAVAIL.neg(), c.bind(SockAddr.of("10.9.9.9", 53)), "not our address");

        Sock r1 = udp(h1), r2 = udp(h1);
        r1.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        r2.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        assertEquals(0, r1.bind(new SockAddr(0, 6000)));
        assertEquals(0, r2.bind(new SockAddr(0, 6000)), "SO_REUSEADDR on both lets them share");
    }

    @Test
    void exactAddressBeatsWildcardAndConnectedSocketOnlyHearsItsPeer() {
        Sock wild = udp(h2), exact = udp(h2), conn = udp(h2);
        wild.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        exact.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        assertEquals(0, wild.bind(new SockAddr(0, 8000)));
        assertEquals(0, exact.bind(SockAddr.of("10.0.0.2", 8000)));
        Sock c = udp(h1);
        c.sendmsg(bytes("x"), 0, 1, 0, SockAddr.of("10.0.0.2", 8000));
        loop.runUntilIdle();
        assertEquals("x", recvString(exact, null));
        assertEquals(Errno.EAGAIN.neg(), wild.recvmsg(new byte[4], 0, 4, 0, null));

        assertEquals(0, conn.bind(new SockAddr(0, 8100)));
        assertEquals(0, conn.connect(SockAddr.of("10.0.0.1", 4444)));
        Sock other = udp(h1);
        other.bind(new SockAddr(0, 5555));
        other.sendmsg(bytes("no"), 0, 2, 0, SockAddr.of("10.0.0.2", 8100));
        Sock peer = udp(h1);
        peer.bind(new SockAddr(0, 4444));
        peer.sendmsg(bytes("yes"), 0, 3, 0, SockAddr.of("10.0.0.2", 8100));
        loop.runUntilIdle();
        assertEquals("yes", recvString(conn, null));
        assertEquals(Errno.EAGAIN.neg(), conn.recvmsg(new byte[4], 0, 4, 0, null));
        assertEquals(1, mib(h2, "NoPorts"), "the stranger's datagram found no socket");
    }

    @Test
    void fullReceiveBufferDropsAndCounts() {
        Sock server = udp(h2);
        server.bind(new SockAddr(0, 9000));
        assertEquals(0, server.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, 2000));
        assertEquals(4000, server.getsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF), "Linux doubles SO_RCVBUF");
        Sock c = udp(h1);
        for (int i = 0; i < 10; i++) c.sendmsg(new byte[500], 0, 500, 0, SockAddr.of("10.0.0.2", 9000));
        loop.runUntilIdle();
        int queued = 0;
        while (server.recvmsg(new byte[600], 0, 600, 0, null) == 500) queued++;
        assertTrue(queued >= 2 && queued < 10, "queued " + queued);
        assertEquals(10 - queued, mib(h2, "RcvbufErrors"));
        assertEquals(0, server.info().recvQ(), "the charge returns as datagrams are read");
    }

    @Test
    void defaultReceiveBufferIsLinuxs() {
        assertEquals(212992, udp(h1).getsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF));
    }

    @Test
    void recvQReportsChargedBytes() {
        Sock server = udp(h2);
        server.bind(new SockAddr(0, 9001));
        udp(h1).sendmsg(new byte[100], 0, 100, 0, SockAddr.of("10.0.0.2", 9001));
        loop.runUntilIdle();
        assertTrue(server.info().recvQ() > 100);
        assertEquals("UNCONN", server.info().state());
    }

    @Test
    void broadcastNeedsSoBroadcastAndReachesEverySocket() {
        Sock a = udp(h2), b = udp(h2);
        a.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        b.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        a.bind(new SockAddr(0, 67));
        b.bind(new SockAddr(0, 67));
        Sock c = udp(h1);
        assertEquals(Errno.EACCES.neg(), c.sendmsg(bytes("d"), 0, 1, 0, SockAddr.of("255.255.255.255", 67)));
        assertEquals(Errno.EACCES.neg(), c.sendmsg(bytes("d"), 0, 1, 0, SockAddr.of("10.0.0.255", 67)));
        assertEquals(0, c.setsockopt(Sock.SOL_SOCKET, Sock.SO_BROADCAST, 1));
        assertEquals(1, c.sendmsg(bytes("d"), 0, 1, 0, SockAddr.of("255.255.255.255", 67)));
        assertEquals(1, c.sendmsg(bytes("e"), 0, 1, 0, SockAddr.of("10.0.0.255", 67)));
        loop.runUntilIdle();
        for (Sock s : List.of(a, b)) {
            assertEquals("d", recvString(s, null));
            assertEquals("e", recvString(s, null));
        }
        assertTrue(ip2.unreachables.isEmpty(), "no ICMP error for a broadcast");
        assertTrue(mib(h1, "IgnoredMulti") >= 1, "h1 itself heard its broadcast with nobody on 67");
    }

    @Test
    void sendErrors() {
        Sock s = udp(h1);
        assertEquals(Errno.EDESTADDRREQ.neg(), s.sendmsg(new byte[1], 0, 1, 0, null));
        assertEquals(Errno.EMSGSIZE.neg(), s.sendmsg(new byte[65508], 0, 65508, 0, SockAddr.of("10.0.0.2", 1)));
        assertEquals(65507, s.sendmsg(new byte[65507], 0, 65507, 0, SockAddr.of("10.0.0.2", 1)));
        assertEquals(Errno.EINVAL.neg(), s.sendmsg(new byte[1], 0, 1, 0, SockAddr.of("10.0.0.2", 0)));
        assertEquals(Errno.EOPNOTSUPP.neg(), s.listen(5));
        assertEquals(Errno.ENOTCONN.neg(), s.shutdown(Sock.SHUT_WR));
        assertEquals(Errno.EPIPE.neg(), s.sendmsg(new byte[1], 0, 1, 0, SockAddr.of("10.0.0.2", 1)));
        assertEquals(Errno.ENOPROTOOPT.neg(), s.setsockopt(Sock.SOL_SOCKET, 999, 1));
    }

    @Test
    void peekLeavesTheDatagramAndShortBufferTruncates() {
        Sock server = udp(h2);
        server.bind(new SockAddr(0, 9100));
        udp(h1).sendmsg(bytes("abcdef"), 0, 6, 0, SockAddr.of("10.0.0.2", 9100));
        loop.runUntilIdle();
        byte[] b = new byte[3];
        assertEquals(3, server.recvmsg(b, 0, 3, Sock.MSG_PEEK, null));
        assertArrayEquals(bytes("abc"), b);
        assertEquals(2, server.recvmsg(b, 0, 2, 0, null), "truncated to the buffer");
        assertEquals(Errno.EAGAIN.neg(), server.recvmsg(b, 0, 3, 0, null), "the rest of a datagram is lost");
    }

    @Test
    void loopbackAndConnectAddresses() {
        Sock a = udp(h1);
        a.bind(new SockAddr(0, 3000));
        Sock b = udp(h1);
        assertEquals(0, b.connect(SockAddr.of("127.0.0.1", 3000)));
        assertEquals(Ip4.LOOPBACK, b.localAddress().addr());
        assertEquals(SockAddr.of("127.0.0.1", 3000), b.peerAddress());
        assertEquals("ESTABLISHED", b.info().state());
        b.sendmsg(bytes("lo"), 0, 2, 0, null);
        loop.runUntilIdle();
        SockAddr[] from = new SockAddr[1];
        assertEquals("lo", recvString(a, from));
        assertEquals(b.localAddress(), from[0]);
        assertEquals(0, b.connect(null), "AF_UNSPEC dissolves the association");
        assertNull(b.peerAddress());
        assertEquals(0, b.localAddress().port(), "an autobound port is released on disconnect");
    }

    @Test
    void closeReleasesThePortAndUnloadClosesAll() {
        Sock a = udp(h1);
        a.bind(new SockAddr(0, 3001));
        a.close();
        Sock b = udp(h1);
        assertEquals(0, b.bind(new SockAddr(0, 3001)));
        assertEquals(1, InetSockets.of(h1).lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_UDP).sockets().size());
        h1.rmmod("udp");
        assertNull(InetSockets.of(h1).lookup(Sock.SOCK_DGRAM, 0));
    }
}
