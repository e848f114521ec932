package org.stacklab.labs.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.scenario.Frames;

/** The receive path: ports, addresses, lengths and the checksum (RFC 768). */
class DemuxTest {
    UdpRig rig;

    @AfterEach
    void healthy(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    @Test @Points(2)
    @DisplayName("demultiplexing by port: sockets on 7 and 9 each get only their own datagrams")
    void byPort() {
        rig = UdpRig.wired(701);
        Sock echo = UdpRig.bound(rig.h2, 7);
        Sock discard = UdpRig.bound(rig.h2, 9);
        rig.wire.send(rig.fromWire(5000, 7, "to seven"));
        rig.wire.send(rig.fromWire(5000, 9, "to nine"));
        rig.wire.send(rig.fromWire(5001, 7, "seven again"));
        rig.settle();
        assertEquals(List.of("to seven", "seven again"), UdpRig.drain(echo), () -> rig.explain());
        assertEquals(List.of("to nine"), UdpRig.drain(discard), () -> rig.explain());
    }

    @Test @Points(1)
    @DisplayName("a socket bound to 127.0.0.1 does not receive datagrams sent to 10.0.0.2")
    void boundAddressMustMatch() {
        rig = UdpRig.wired(702);
        Sock local = UdpRig.udp(rig.h2);
        assertEquals(0, local.bind(SockAddr.of("127.0.0.1", 7)), () -> rig.explain());
        rig.wire.send(rig.fromWire(5000, 7, "x"));
        rig.settle();
        assertEquals(List.of(), UdpRig.drain(local), () -> rig.explain());
    }

    @Test @Points(2)
    @DisplayName("the checksum a datagram leaves with verifies over the pseudo-header, header and data")
    void outgoingChecksum() {
        rig = UdpRig.switched(703);
        UdpRig.bound(rig.h2, 7);
        UdpRig.sendTo(UdpRig.udp(rig.h1), "checksum me", "10.0.0.2", 7);
        rig.settle();
        byte[] f = UdpRig.frames(rig.h1, true).stream().filter(UdpRig::isUdp).findFirst().orElse(null);
        assertTrue(f != null, () -> "h1 sent no UDP datagram" + rig.explain());
        int u = 14 + (f[14] & 0xf) * 4;
        int ulen = Frames.get16(f, u + 4);
        assertEquals(8 + 11, ulen, () -> "UDP length = header + data" + rig.explain());
        assertTrue(Frames.get16(f, u + 6) != 0, () -> "Linux always sends a checksum" + rig.explain());
        assertEquals(0, Checksum.transport(Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2"), 17, f, u, ulen),() ->
                "the checksum over pseudo-header + datagram must verify" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("a bad checksum is dropped and counted (InCsumErrors); a zero checksum means none and is accepted")
    void checksumOnInput() {
        rig = UdpRig.wired(704);
        Sock s = UdpRig.bound(rig.h2, 7);
        byte[] bad = rig.fromWire(5000, 7, "corrupt");
        bad[bad.length - 1] ^= 0x20;
        byte[] none = rig.fromWire(5000, 7, "no checksum");
        Frames.put16(none, 14 + 20 + 6, 0);
        rig.wire.send(bad);
        rig.wire.send(none);
        rig.settle();
        assertEquals(List.of("no checksum"), UdpRig.drain(s), () -> rig.explain());
        assertEquals(1, rig.counter(rig.h2, "InCsumErrors"), () -> rig.explain());
        assertTrue(rig.wire.frames.stream().noneMatch(f -> UdpRig.isIcmp(f, 3, 3)), () -> "a corrupt datagram gets no ICMP answer" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("a UDP length longer than the datagram is dropped; IP padding after a shorter UDP length is ignored")
    void lengthField() {
        rig = UdpRig.wired(705);
        Sock s = UdpRig.bound(rig.h2, 7);
        byte[] tooLong = rig.fromWire(5000, 7, "abc");
        Frames.put16(tooLong, 14 + 20 + 4, 200);
        rig.wire.send(tooLong);
        rig.settle();
        assertFalse(UdpRig.drain(s).contains("abc"), () -> "UDP length 200 in a 11-byte datagram" + rig.explain());
        assertTrue(rig.counter(rig.h2, "InErrors") >= 1, () -> rig.explain());
    }
}
