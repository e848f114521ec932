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
import org.stacklab.kernel.udp.UdpDropReason;
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
        assertEquals(1, rig.counter(rig.h2, "InErrors"), () -> "a checksum error is an InErrors too" + rig.explain());
        assertEquals(1, UdpRig.drops(rig.h2, UdpDropReason.UDP_CSUM), () -> "dropped with kernel.drop(UDP_CSUM)" + rig.explain());
        assertTrue(rig.wire.frames.stream().noneMatch(f -> UdpRig.isIcmp(f, 3, 3)), () -> "a corrupt datagram gets no ICMP answer" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("the length field: longer than the datagram, or shorter than the header, is dropped; IP padding after a shorter UDP length is not data")
    void lengthField() {
        rig = UdpRig.wired(705);
        Sock s = UdpRig.bound(rig.h2, 7);
        //   IP total length 20+8+3+5 │ UDP length 8+3 │ "abc" │ "XXXXX" (IP padding, not UDP data)
        byte[] padded = UdpRig.withIpPadding(rig.fromWire(5000, 7, "abc"), "XXXXX");
        byte[] tooLong = rig.fromWire(5000, 7, "def");
        Frames.put16(tooLong, 14 + 20 + 4, 200);
        byte[] underHeader = rig.fromWire(5000, 7, "ghi");
        Frames.put16(underHeader, 14 + 20 + 4, 7);
        rig.wire.send(padded);
        rig.wire.send(tooLong);
        rig.wire.send(underHeader);
        rig.settle();
        assertEquals(List.of("abc"), UdpRig.drain(s), () -> "UDP length 11 behind 5 bytes of IP padding delivers \"abc\" only;"
                + " UDP length 200 in an 11-byte datagram and UDP length 7 (< the 8-byte header) are dropped" + rig.explain());
        assertEquals(2, rig.counter(rig.h2, "InErrors"), () -> "both bad lengths are counted as InErrors" + rig.explain());
        assertEquals(2, UdpRig.drops(rig.h2, UdpDropReason.PKT_TOO_SMALL), () -> "each dropped with kernel.drop(PKT_TOO_SMALL)" + rig.explain());
        assertTrue(rig.wire.frames.stream().noneMatch(f -> UdpRig.isIcmp(f, 3, 3)), () -> "a malformed datagram gets no ICMP answer" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("a datagram too short to hold a UDP header (IP carries 4 bytes) is dropped and counted")
    void truncatedHeader() {
        rig = UdpRig.wired(706);
        Sock s = UdpRig.bound(rig.h2, 7);
        byte[] f = rig.fromWire(5000, 7, "");
        byte[] cut = java.util.Arrays.copyOf(f, 14 + 20 + 4);
        Frames.put16(cut, 14 + 2, 20 + 4);
        Frames.fixIpChecksum(cut);
        rig.wire.send(cut);
        rig.settle();
        assertEquals(List.of(), UdpRig.drain(s), () -> rig.explain());
        assertEquals(1, rig.counter(rig.h2, "InErrors"), () -> "4 bytes of UDP header: InErrors" + rig.explain());
        assertEquals(1, UdpRig.drops(rig.h2, UdpDropReason.PKT_TOO_SMALL), () -> "dropped with kernel.drop(PKT_TOO_SMALL)" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("an empty datagram (UDP length 8) is a datagram: sent, delivered, and read as 0 bytes")
    void emptyDatagram() {
        rig = UdpRig.switched(707);
        Sock server = UdpRig.bound(rig.h2, 7);
        Sock client = UdpRig.bound(rig.h1, 40000);
        assertEquals(0, UdpRig.sendTo(client, "", "10.0.0.2", 7), () -> "sendto of 0 bytes returns 0" + rig.explain());
        UdpRig.sendTo(client, "after", "10.0.0.2", 7);
        rig.settle();
        byte[] f = UdpRig.frames(rig.h1, true).stream().filter(UdpRig::isUdp).findFirst().orElse(null);
        assertTrue(f != null, () -> "h1 sent no UDP datagram for the empty sendto" + rig.explain());
        assertEquals(8, Frames.get16(f, 14 + 20 + 4), () -> "an empty datagram has UDP length 8" + rig.explain());
        assertEquals(List.of("", "after"), UdpRig.drain(server), () -> "recvfrom returns 0 for the empty datagram, then the next one" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("a computed checksum of 0 is sent as 0xffff (0 on the wire would mean \"no checksum\"), and 0xffff is accepted")
    void zeroChecksumSentAsAllOnes() {
        rig = UdpRig.switched(708);
        Sock server = UdpRig.bound(rig.h2, 7);
        Sock client = UdpRig.bound(rig.h1, 40000);
        byte[] payload = UdpRig.payloadWithZeroChecksum("10.0.0.1", 40000, "10.0.0.2", 7, "sum to zero");
        assertEquals(payload.length, client.sendmsg(payload, 0, payload.length, 0, SockAddr.of("10.0.0.2", 7)), () -> rig.explain());
        rig.settle();
        byte[] f = UdpRig.frames(rig.h1, true).stream().filter(UdpRig::isUdp).findFirst().orElse(null);
        assertTrue(f != null, () -> "h1 sent no UDP datagram" + rig.explain());
        assertEquals(0xffff, Frames.get16(f, 14 + 20 + 6), () -> "this datagram's checksum computes to 0x0000; RFC 768 sends it as 0xffff" + rig.explain());
        assertEquals(1, UdpRig.drain(server).size(), () -> "the receiver accepts checksum 0xffff" + rig.explain());
    }
}
