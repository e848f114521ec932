package org.stacklab.labs.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;

/** Datagram sockets: bind, sendto, recvfrom, connect, and the errno each refuses with. */
class DatagramSocketTest {
    UdpRig rig;

    @AfterEach
    void healthy(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    @Test @Points(2)
    @DisplayName("sendto/recvfrom: the datagram arrives whole, with the sender's address and port")
    void sendtoRecvfrom() {
        rig = UdpRig.switched(601);
        Sock server = UdpRig.bound(rig.h2, 7);
        Sock client = UdpRig.bound(rig.h1, 40000);
        assertEquals(12, UdpRig.sendTo(client, "hello, world", "10.0.0.2", 7), () -> "sendto returns the bytes sent" + rig.explain());
        rig.settle();
        SockAddr[] from = new SockAddr[1];
        assertEquals("hello, world", UdpRig.recv(server, 2048, from, null), () -> rig.explain());
        assertEquals(Ip4.parse("10.0.0.1"), from[0].addr(), () -> "recvfrom's address" + rig.explain());
        assertEquals(40000, from[0].port(), () -> "recvfrom's port" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("boundaries are kept: three sends are three receives; a short buffer truncates and the rest of that datagram is lost")
    void datagramBoundaries() {
        rig = UdpRig.switched(602);
        Sock server = UdpRig.bound(rig.h2, 7);
        Sock client = UdpRig.udp(rig.h1);
        for (String s : List.of("first", "second datagram", "third")) UdpRig.sendTo(client, s, "10.0.0.2", 7);
        rig.settle();
        assertEquals("first", UdpRig.recv(server), () -> rig.explain());
        assertEquals("sec", UdpRig.recv(server, 3, null, null), () -> "a 3-byte buffer gets 3 bytes" + rig.explain());
        assertEquals("third", UdpRig.recv(server), () -> "the rest of the truncated datagram is gone" + rig.explain());
        int[] err = new int[1];
        assertNull(UdpRig.recv(server, 64, null, err), () -> rig.explain());
        assertEquals(Errno.EAGAIN.neg(), err[0], () -> "an empty socket with MSG_DONTWAIT: EAGAIN" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("bind: a taken port is EADDRINUSE, a bound socket EINVAL, an address not on this host EADDRNOTAVAIL")
    void bindErrors() {
        rig = UdpRig.switched(603);
        Sock a = UdpRig.bound(rig.h2, 53);
        assertEquals(Errno.EADDRINUSE.neg(), UdpRig.udp(rig.h2).bind(new SockAddr(0, 53)), () -> rig.explain());
        assertEquals(Errno.EINVAL.neg(), a.bind(new SockAddr(0, 54)), () -> "already bound" + rig.explain());
        assertEquals(Errno.EADDRNOTAVAIL.neg(), UdpRig.udp(rig.h2).bind(SockAddr.of("10.0.0.99", 55)), () -> rig.explain());
        a.close();
        assertEquals(0, UdpRig.udp(rig.h2).bind(new SockAddr(0, 53)), () -> "a closed socket frees its port" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("an unbound socket gets an ephemeral port (32768..60999) on its first sendto")
    void ephemeralPort() {
        rig = UdpRig.switched(604);
        Sock server = UdpRig.bound(rig.h2, 7);
        UdpRig.sendTo(UdpRig.udp(rig.h1), "x", "10.0.0.2", 7);
        rig.settle();
        SockAddr[] from = new SockAddr[1];
        assertEquals("x", UdpRig.recv(server, 64, from, null), () -> rig.explain());
        assertTrue(from[0].port() >= 32768 && from[0].port() <= 60999, () -> "source port " + from[0].port() + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("connect: send() goes to the peer, and only the peer's datagrams are received (same address other port, same port other address: refused)")
    void connectedSocket() {
        rig = UdpRig.switched(605);
        rig.h2.address("eth0", "10.0.0.9/24");
        Sock server = UdpRig.udp(rig.h2);
        assertEquals(0, server.bind(SockAddr.of("10.0.0.2", 7)), () -> rig.explain());
        Sock otherPort = UdpRig.bound(rig.h2, 8);
        Sock otherAddr = UdpRig.udp(rig.h2);
        assertEquals(0, otherAddr.bind(SockAddr.of("10.0.0.9", 7)), () -> "10.0.0.2:7 and 10.0.0.9:7 do not overlap" + rig.explain());
        Sock client = UdpRig.bound(rig.h1, 40001);
        assertEquals(0, client.connect(SockAddr.of("10.0.0.2", 7)), () -> rig.explain());
        assertEquals(SockAddr.of("10.0.0.1", 40001), client.localAddress(), () -> "connect() picks the source address for the peer" + rig.explain());
        assertEquals(4, UdpRig.send(client, "ping"), () -> rig.explain());
        rig.settle();
        assertEquals("ping", UdpRig.recv(server), () -> rig.explain());
        //   10.0.0.2:8 → client   (the peer's address, another port)
        //   10.0.0.9:7 → client   (the peer's port, another address)
        //   10.0.0.2:7 → client   (the peer)
        UdpRig.sendTo(otherPort, "from port 8", "10.0.0.1", 40001);
        UdpRig.sendTo(otherAddr, "from 10.0.0.9", "10.0.0.1", 40001);
        UdpRig.sendTo(server, "pong", "10.0.0.1", 40001);
        rig.settle();
        assertEquals(List.of("pong"), UdpRig.drain(client), () -> "connect() fixed the peer to 10.0.0.2:7; a connected socket takes"
                + " datagrams only from that address and that port" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("SO_REUSEADDR: two sockets that both set it share a port; without it EADDRINUSE; distinct specific addresses never collide")
    void reuseAddr() {
        rig = UdpRig.switched(607);
        Sock a = UdpRig.udp(rig.h2), b = UdpRig.udp(rig.h2), c = UdpRig.udp(rig.h2);
        assertEquals(0, a.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1), () -> rig.explain());
        assertEquals(1, a.getsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR), () -> rig.explain());
        b.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        assertEquals(0, a.bind(new SockAddr(0, 53)), () -> rig.explain());
        assertEquals(0, b.bind(new SockAddr(0, 53)), () -> "both set SO_REUSEADDR: 0.0.0.0:53 twice is allowed" + rig.explain());
        assertEquals(Errno.EADDRINUSE.neg(), c.bind(new SockAddr(0, 53)), () -> "c did not set SO_REUSEADDR" + rig.explain());
        assertEquals(0, UdpRig.udp(rig.h2).bind(SockAddr.of("10.0.0.2", 54)), () -> rig.explain());
        assertEquals(0, UdpRig.udp(rig.h2).bind(SockAddr.of("127.0.0.1", 54)), () -> "10.0.0.2:54 and 127.0.0.1:54 do not overlap" + rig.explain());
        assertEquals(Errno.EADDRINUSE.neg(), UdpRig.udp(rig.h2).bind(new SockAddr(0, 54)), () -> "0.0.0.0:54 overlaps 10.0.0.2:54" + rig.explain());
        UdpRig.sendTo(UdpRig.udp(rig.h1), "query", "10.0.0.2", 53);
        rig.settle();
        assertEquals(1, UdpRig.drain(a).size() + UdpRig.drain(b).size(), () -> "a unicast datagram goes to one socket of the two" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("broadcast: EACCES without SO_BROADCAST; with it, every socket on the port gets its own copy; nobody on the port: no ICMP")
    void broadcast() {
        rig = UdpRig.switched(608);
        Sock s1 = UdpRig.udp(rig.h2), s2 = UdpRig.udp(rig.h2);
        for (Sock s : List.of(s1, s2)) {
            s.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
            assertEquals(0, s.bind(new SockAddr(0, 67)), () -> rig.explain());
        }
        Sock client = UdpRig.bound(rig.h1, 68);
        assertEquals(Errno.EACCES.neg(), UdpRig.sendTo(client, "discover", "10.0.0.255", 67), () -> "broadcast without SO_BROADCAST" + rig.explain());
        assertEquals(Errno.EACCES.neg(), UdpRig.udp(rig.h1).connect(SockAddr.of("255.255.255.255", 67)), () -> "connect to broadcast without SO_BROADCAST" + rig.explain());
        assertEquals(0, client.setsockopt(Sock.SOL_SOCKET, Sock.SO_BROADCAST, 1), () -> rig.explain());
        assertEquals(1, client.getsockopt(Sock.SOL_SOCKET, Sock.SO_BROADCAST), () -> rig.explain());
        assertEquals(8, UdpRig.sendTo(client, "discover", "10.0.0.255", 67), () -> rig.explain());
        assertEquals(7, UdpRig.sendTo(client, "limited", "255.255.255.255", 67), () -> rig.explain());
        assertEquals(6, UdpRig.sendTo(client, "nobody", "10.0.0.255", 69), () -> rig.explain());
        rig.settle();
        assertEquals(List.of("discover", "limited"), UdpRig.drain(s1), () -> "the first socket on 67" + rig.explain());
        assertEquals(List.of("discover", "limited"), UdpRig.drain(s2), () -> "the second socket on 67 gets its own copy" + rig.explain());
        assertTrue(rig.t.hosts().stream().flatMap(h -> UdpRig.frames(h, true).stream()).noneMatch(f -> UdpRig.isIcmp(f, 3, 3)),
                () -> "no ICMP error answers a broadcast (RFC 1122 §3.2.2)" + rig.explain());
        assertEquals(0, rig.counter(rig.h2, "NoPorts"), () -> rig.explain());
        assertEquals(1, rig.counter(rig.h2, "IgnoredMulti"), () -> "a broadcast nobody wanted is counted as IgnoredMulti" + rig.explain());
        assertEquals(1, UdpRig.drops(rig.h2, org.stacklab.kernel.udp.UdpDropReason.NO_SOCKET), () -> "and dropped with kernel.drop(NO_SOCKET)" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("MSG_PEEK returns the next datagram and leaves it queued; the next recvfrom takes it")
    void msgPeek() {
        rig = UdpRig.switched(609);
        Sock server = UdpRig.bound(rig.h2, 7);
        Sock client = UdpRig.udp(rig.h1);
        UdpRig.sendTo(client, "first", "10.0.0.2", 7);
        UdpRig.sendTo(client, "second", "10.0.0.2", 7);
        rig.settle();
        byte[] buf = new byte[64];
        SockAddr[] from = new SockAddr[1];
        int n = server.recvmsg(buf, 0, buf.length, Sock.MSG_PEEK | Sock.MSG_DONTWAIT, from);
        assertEquals("first", new String(buf, 0, Math.max(n, 0)), () -> "MSG_PEEK sees the first datagram" + rig.explain());
        assertEquals(Ip4.parse("10.0.0.1"), from[0].addr(), () -> "and its sender" + rig.explain());
        assertTrue((server.poll() & Sock.POLLIN) != 0, () -> "still readable after a peek" + rig.explain());
        assertEquals(List.of("first", "second"), UdpRig.drain(server), () -> "a peek takes nothing off the queue" + rig.explain());
        assertEquals(2, rig.counter(rig.h2, "InDatagrams"), () -> "InDatagrams counts datagrams read, not peeks" + rig.explain());
        assertEquals(0, server.poll() & Sock.POLLIN, () -> "empty again: not readable" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("the receive buffer is bounded (SO_RCVBUF, doubled as in Linux): datagrams beyond it are dropped and counted as RcvbufErrors")
    void receiveBufferLimit() {
        rig = UdpRig.wired(610);
        Sock s = UdpRig.bound(rig.h2, 7);
        assertEquals(0, s.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, 4096), () -> rig.explain());
        assertEquals(8192, s.getsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF), () -> "Linux doubles SO_RCVBUF" + rig.explain());
        String kb = "x".repeat(1000);
        for (int i = 0; i < 20; i++) rig.wire.send(rig.fromWire(5000, 7, kb));
        rig.settle();
        int queued = UdpRig.drain(s).size();
        assertTrue(queued >= 1 && queued < 20, () -> queued + " of 20 datagrams of 1000 bytes queued in an 8192-byte receive buffer"
                + " (each charges its buffer and sk_buff overhead, about 2.6 KB)" + rig.explain());
        assertEquals(20 - queued, rig.counter(rig.h2, "RcvbufErrors"), () -> "every datagram dropped for the full buffer is counted" + rig.explain());
        assertEquals(20 - queued, rig.counter(rig.h2, "InErrors"), () -> "as InErrors too" + rig.explain());
        assertEquals(20 - queued, UdpRig.drops(rig.h2, org.stacklab.kernel.udp.UdpDropReason.SOCKET_RCVBUFF), () -> "and dropped with kernel.drop(SOCKET_RCVBUFF)" + rig.explain());
        rig.wire.send(rig.fromWire(5000, 7, "room again"));
        rig.settle();
        assertEquals(List.of("room again"), UdpRig.drain(s), () -> "reading frees the buffer" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("datagrams leave with the socket's IP_TTL (1..255), else net.ipv4.ip_default_ttl (64, or what the sysctl says)")
    void ttl() {
        rig = UdpRig.switched(611);
        UdpRig.bound(rig.h2, 7);
        Sock client = UdpRig.udp(rig.h1);
        UdpRig.sendTo(client, "ttl 64", "10.0.0.2", 7);
        rig.settle();
        rig.h1.kernel().sysctl().set("net.ipv4.ip_default_ttl", 33);
        UdpRig.sendTo(client, "ttl 33", "10.0.0.2", 7);
        rig.settle();
        assertEquals(Errno.EINVAL.neg(), client.setsockopt(Sock.SOL_IP, Sock.IP_TTL, 0), () -> "IP_TTL 0" + rig.explain());
        assertEquals(Errno.EINVAL.neg(), client.setsockopt(Sock.SOL_IP, Sock.IP_TTL, 256), () -> "IP_TTL 256" + rig.explain());
        assertEquals(0, client.setsockopt(Sock.SOL_IP, Sock.IP_TTL, 1), () -> "IP_TTL 1" + rig.explain());
        assertEquals(0, client.setsockopt(Sock.SOL_IP, Sock.IP_TTL, 255), () -> "IP_TTL 255" + rig.explain());
        assertEquals(0, client.setsockopt(Sock.SOL_IP, Sock.IP_TTL, 5), () -> rig.explain());
        assertEquals(5, client.getsockopt(Sock.SOL_IP, Sock.IP_TTL), () -> rig.explain());
        UdpRig.sendTo(client, "ttl 5", "10.0.0.2", 7);
        rig.settle();
        assertEquals(0, client.setsockopt(Sock.SOL_IP, Sock.IP_TTL, -1), () -> "-1: back to the default" + rig.explain());
        UdpRig.sendTo(client, "ttl 33 again", "10.0.0.2", 7);
        rig.settle();
        List<Integer> ttls = UdpRig.frames(rig.h1, true).stream().filter(UdpRig::isUdp).map(f -> f[22] & 0xff).toList();
        assertEquals(List.of(64, 33, 5, 33), ttls, () -> "the IPv4 TTL of each datagram h1 sent" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("send() on an unconnected socket is EDESTADDRREQ; sendto port 0 is EINVAL")
    void sendErrors() {
        rig = UdpRig.switched(606);
        Sock s = UdpRig.udp(rig.h1);
        assertEquals(Errno.EDESTADDRREQ.neg(), UdpRig.send(s, "x"), () -> rig.explain());
        assertEquals(Errno.EINVAL.neg(), UdpRig.sendTo(s, "x", "10.0.0.2", 0), () -> rig.explain());
    }
}
