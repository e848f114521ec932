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
    @DisplayName("connect: send() goes to the peer, and only the peer's datagrams are received")
    void connectedSocket() {
        rig = UdpRig.switched(605);
        Sock server = UdpRig.bound(rig.h2, 7);
        Sock other = UdpRig.bound(rig.h2, 8);
        Sock client = UdpRig.bound(rig.h1, 40001);
        assertEquals(0, client.connect(SockAddr.of("10.0.0.2", 7)), () -> rig.explain());
        assertEquals(4, UdpRig.send(client, "ping"), () -> rig.explain());
        rig.settle();
        assertEquals("ping", UdpRig.recv(server), () -> rig.explain());
        UdpRig.sendTo(other, "intruder", "10.0.0.1", 40001);
        UdpRig.sendTo(server, "pong", "10.0.0.1", 40001);
        rig.settle();
        assertEquals(List.of("pong"), UdpRig.drain(client), () -> "a connected socket filters by its peer (port 8 is not port 7)" + rig.explain());
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
