package org.stacklab.labs.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.grader.Visibility;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;

/** Staff-only checks for lab 3. */
class HiddenUdpTest {
    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: 200 datagrams each way between two sockets, in order, none lost on a clean link")
    void manyDatagrams() {
        UdpRig rig = UdpRig.switched(921);
        Sock a = UdpRig.bound(rig.h1, 5000);
        Sock b = UdpRig.bound(rig.h2, 6000);
        for (int i = 0; i < 200; i++) {
            UdpRig.sendTo(a, "a" + i, "10.0.0.2", 6000);
            UdpRig.sendTo(b, "b" + i, "10.0.0.1", 5000);
            rig.run(20_000);
        }
        rig.settle();
        List<String> atB = UdpRig.drain(b), atA = UdpRig.drain(a);
        assertEquals(200, atB.size(), () -> rig.explain());
        assertEquals(200, atA.size(), () -> rig.explain());
        for (int i = 0; i < 200; i++) assertEquals("a" + i, atB.get(i), () -> rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: two unbound sockets get different ephemeral ports")
    void distinctEphemeralPorts() {
        UdpRig rig = UdpRig.switched(922);
        Sock server = UdpRig.bound(rig.h2, 7);
        UdpRig.sendTo(UdpRig.udp(rig.h1), "1", "10.0.0.2", 7);
        UdpRig.sendTo(UdpRig.udp(rig.h1), "2", "10.0.0.2", 7);
        rig.settle();
        SockAddr[] f1 = new SockAddr[1], f2 = new SockAddr[1];
        UdpRig.recv(server, 8, f1, null);
        UdpRig.recv(server, 8, f2, null);
        assertNotEquals(f1[0].port(), f2[0].port(), () -> rig.explain());
    }

    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: the most specific socket wins: connected to the sender > bound to the address > wildcard, whatever the bind order")
    void mostSpecificWins() {
        UdpRig rig = UdpRig.wired(923);
        Sock wildcard = UdpRig.udp(rig.h2), specific = UdpRig.udp(rig.h2), connected = UdpRig.udp(rig.h2);
        for (Sock s : List.of(wildcard, specific, connected)) s.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        assertEquals(0, wildcard.bind(new SockAddr(0, 7)), () -> rig.explain());
        assertEquals(0, specific.bind(SockAddr.of("10.0.0.2", 7)), () -> rig.explain());
        assertEquals(0, connected.bind(new SockAddr(0, 7)), () -> rig.explain());
        assertEquals(0, connected.connect(SockAddr.of("10.0.0.1", 5000)), () -> rig.explain());
        rig.wire.send(rig.fromWire(5000, 7, "from the peer"));
        rig.wire.send(rig.fromWire(5001, 7, "from another port"));
        rig.settle();
        assertEquals(List.of("from the peer"), UdpRig.drain(connected), () -> "10.0.0.1:5000 is the connected socket's peer" + rig.explain());
        assertEquals(List.of("from another port"), UdpRig.drain(specific), () -> "bound to 10.0.0.2 beats 0.0.0.0" + rig.explain());
        assertEquals(List.of(), UdpRig.drain(wildcard), () -> rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: connect(AF_UNSPEC) dissolves the association: no peer, send() is EDESTADDRREQ, anyone's datagrams arrive")
    void disconnect() {
        UdpRig rig = UdpRig.wired(924);
        Sock s = UdpRig.bound(rig.h2, 7);
        assertEquals(0, s.connect(SockAddr.of("10.0.0.1", 5000)), () -> rig.explain());
        assertEquals(SockAddr.of("10.0.0.2", 7), s.localAddress(), () -> "connect chose 10.0.0.2 as the source" + rig.explain());
        assertEquals(new SockAddr(org.stacklab.kernel.core.Ip4.parse("10.0.0.1"), 5000), s.peerAddress(), () -> rig.explain());
        assertEquals(0, s.connect(null), () -> rig.explain());
        assertNull(s.peerAddress(), () -> rig.explain());
        assertEquals(new SockAddr(0, 7), s.localAddress(), () -> "disconnect forgets the source connect chose, keeps the port bind chose" + rig.explain());
        assertEquals(Errno.EDESTADDRREQ.neg(), UdpRig.send(s, "x"), () -> rig.explain());
        rig.wire.send(rig.fromWire(6000, 7, "anyone"));
        rig.settle();
        assertEquals(List.of("anyone"), UdpRig.drain(s), () -> rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: shutdown: SHUT_RD reads end-of-file, SHUT_WR sends EPIPE; a datagram larger than 65507 bytes is EMSGSIZE")
    void shutdownAndSize() {
        UdpRig rig = UdpRig.switched(925);
        Sock s = UdpRig.bound(rig.h1, 5000);
        assertEquals(Errno.EMSGSIZE.neg(), s.sendmsg(new byte[65508], 0, 65508, 0, SockAddr.of("10.0.0.2", 7)), () -> rig.explain());
        assertEquals(65507, s.sendmsg(new byte[65507], 0, 65507, 0, SockAddr.of("10.0.0.2", 7)), () -> "65507 is the largest UDP payload" + rig.explain());
        assertEquals(Errno.ENOTCONN.neg(), s.shutdown(Sock.SHUT_WR), () -> "shutdown on an unconnected socket" + rig.explain());
        assertEquals(Errno.EINVAL.neg(), UdpRig.udp(rig.h1).shutdown(3), () -> rig.explain());
        s = UdpRig.bound(rig.h1, 5001);
        assertEquals(0, s.connect(SockAddr.of("10.0.0.2", 7)), () -> rig.explain());
        assertEquals(0, s.shutdown(Sock.SHUT_RD), () -> rig.explain());
        assertEquals(0, s.recvmsg(new byte[8], 0, 8, Sock.MSG_DONTWAIT, null), () -> "after SHUT_RD, recv reads end-of-file" + rig.explain());
        assertEquals(0, s.shutdown(Sock.SHUT_WR), () -> rig.explain());
        Sock sh = s;
        assertEquals(Errno.EPIPE.neg(), UdpRig.send(s, "x"), () -> "after SHUT_WR, send is EPIPE" + rig.explain());
        assertEquals(Sock.POLLIN | Sock.POLLOUT | Sock.POLLRDHUP | Sock.POLLHUP, sh.poll(), () -> "poll after SHUT_RDWR" + rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: 8192 bytes of SO_RCVBUF hold exactly 5 datagrams of 1000 bytes: Linux refuses only once the charge already exceeds the limit")
    void receiveBufferExactCount() {
        UdpRig rig = UdpRig.wired(926);
        Sock s = UdpRig.bound(rig.h2, 7);
        s.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, 4096);
        for (int i = 0; i < 10; i++) rig.wire.send(rig.fromWire(5000, 7, "x".repeat(1000)));
        rig.settle();
        assertEquals(5, UdpRig.drain(s).size(), () -> "each charges its truesize (its buffer rounded up to 64 bytes, plus 576); a datagram is"
                + " refused only when the charge already exceeds SO_RCVBUF, so a 5th still fits" + rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: a pending ICMP error shows in poll (POLLERR) and in SO_ERROR, once")
    void pollErr() {
        UdpRig rig = UdpRig.switched(927);
        Sock c = UdpRig.udp(rig.h1);
        assertEquals(0, c.connect(SockAddr.of("10.0.0.2", 4444)), () -> rig.explain());
        assertEquals(Sock.POLLOUT, c.poll(), () -> rig.explain());
        UdpRig.send(c, "anyone?");
        rig.settle();
        assertEquals(Sock.POLLOUT | Sock.POLLERR, c.poll(), () -> rig.explain());
        assertEquals(Errno.ECONNREFUSED.code, c.getsockopt(Sock.SOL_SOCKET, Sock.SO_ERROR), () -> rig.explain());
        assertEquals(0, c.getsockopt(Sock.SOL_SOCKET, Sock.SO_ERROR), () -> rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: errno at the edges: EBADF after close, ENETUNREACH without a route, a pending error fails the next send; an autobound port is released by disconnect")
    void errnoAtTheEdges() {
        UdpRig rig = UdpRig.switched(928);
        Sock c = UdpRig.udp(rig.h1);
        assertEquals(Errno.ENETUNREACH.neg(), c.connect(SockAddr.of("192.168.9.9", 53)), () -> "no route to 192.168.9.9" + rig.explain());
        assertEquals(Errno.ENETUNREACH.neg(), UdpRig.sendTo(c, "x", "192.168.9.9", 53), () -> rig.explain());
        assertEquals(0, c.connect(SockAddr.of("10.0.0.2", 4444)), () -> rig.explain());
        int port = c.localAddress().port();
        UdpRig.send(c, "anyone?");
        rig.settle();
        assertEquals(Errno.ECONNREFUSED.neg(), UdpRig.send(c, "again?"), () -> "the pending error fails the next send" + rig.explain());
        assertEquals(0, c.connect(null), () -> rig.explain());
        assertEquals(new SockAddr(0, 0), c.localAddress(), () -> "disconnect releases the port autobind chose (was " + port + ")" + rig.explain());
        assertEquals("UNCONN", c.info().state(), () -> rig.explain());
        Sock d = UdpRig.bound(rig.h1, 5353);
        d.close();
        assertEquals(Errno.EBADF.neg(), d.bind(new SockAddr(0, 5354)), () -> rig.explain());
        assertEquals(Errno.EBADF.neg(), d.connect(SockAddr.of("10.0.0.2", 7)), () -> rig.explain());
        assertEquals(Errno.EBADF.neg(), UdpRig.sendTo(d, "x", "10.0.0.2", 7), () -> rig.explain());
        assertEquals(Errno.EBADF.neg(), d.recvmsg(new byte[4], 0, 4, Sock.MSG_DONTWAIT, null), () -> rig.explain());
        assertEquals(Errno.EOPNOTSUPP.neg(), UdpRig.udp(rig.h1).listen(5), () -> rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: socket options as socket(7) has them: SO_TYPE, SO_SNDBUF and SO_RCVBUF doubled within [minimum, 2 x rmem_max], SO_KEEPALIVE, ENOPROTOOPT; ss shows Recv-Q")
    void socketOptions() {
        UdpRig rig = UdpRig.switched(929);
        Sock s = UdpRig.bound(rig.h2, 7);
        assertEquals(Sock.SOCK_DGRAM, s.getsockopt(Sock.SOL_SOCKET, Sock.SO_TYPE), () -> rig.explain());
        assertEquals(0, s.setsockopt(Sock.SOL_SOCKET, Sock.SO_SNDBUF, 10000), () -> rig.explain());
        assertEquals(20000, s.getsockopt(Sock.SOL_SOCKET, Sock.SO_SNDBUF), () -> rig.explain());
        s.setsockopt(Sock.SOL_SOCKET, Sock.SO_SNDBUF, 1);
        assertEquals(4608, s.getsockopt(Sock.SOL_SOCKET, Sock.SO_SNDBUF), () -> "SOCK_MIN_SNDBUF" + rig.explain());
        s.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, 1);
        assertEquals(2304, s.getsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF), () -> "SOCK_MIN_RCVBUF" + rig.explain());
        s.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, 10_000_000);
        assertEquals(2 * 212992, s.getsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF), () -> "capped by net.core.rmem_max, then doubled" + rig.explain());
        assertEquals(0, s.setsockopt(Sock.SOL_SOCKET, Sock.SO_KEEPALIVE, 1), () -> rig.explain());
        assertEquals(1, s.getsockopt(Sock.SOL_SOCKET, Sock.SO_KEEPALIVE), () -> rig.explain());
        assertEquals(Errno.ENOPROTOOPT.neg(), s.setsockopt(Sock.SOL_SOCKET, 999, 1), () -> rig.explain());
        assertEquals(Errno.ENOPROTOOPT.neg(), s.getsockopt(Sock.SOL_SOCKET, 999), () -> rig.explain());
        assertEquals(Errno.ENOPROTOOPT.neg(), s.setsockopt(6, 1, 1), () -> "level IPPROTO_TCP on a UDP socket" + rig.explain());
        UdpRig.sendTo(UdpRig.udp(rig.h1), "queued", "10.0.0.2", 7);
        rig.settle();
        org.stacklab.kernel.socket.SockInfo info = s.info();
        assertEquals("udp", info.netid(), () -> rig.explain());
        assertTrue(info.recvQ() > 0, () -> "ss Recv-Q: the bytes charged to the receive buffer" + rig.explain());
        UdpRig.drain(s);
        assertEquals(0, s.info().recvQ(), () -> "reading uncharges the buffer" + rig.explain());
    }
}
