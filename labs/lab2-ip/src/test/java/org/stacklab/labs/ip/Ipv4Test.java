package org.stacklab.labs.ip;

import org.stacklab.kernel.ip.scaffold.Ethernet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.scenario.Frames;
import org.stacklab.scenario.Host;
import org.stacklab.sim.Time;

/** IPv4 output and input (RFC 791 §3.1, RFC 1122 §3.2.1): the header, delivery, and what is dropped. */
class Ipv4Test {
    IpRig rig;

    @AfterEach
    void healthy(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    static byte[] good(Host h2, String payload) {
        return Frames.udp(h2.nic("eth0").macAddress(), IpRig.WIRE_MAC, Ip4.parse("10.0.0.1"), 5000, Ip4.parse("10.0.0.2"), 7,
                payload.getBytes(StandardCharsets.US_ASCII));
    }

    @Test @Points(2)
    @DisplayName("the echo request leaves with a well-formed IPv4 header: 0x45, total length, TTL 64, protocol 1, checksum, addresses")
    void outgoingHeader() {
        rig = IpRig.switched(201);
        rig.host("h1").ping("10.0.0.2");
        List<byte[]> out = IpRig.icmp(rig.host("h1"), true, 8);
        assertFalse(out.isEmpty(), () -> "h1 sent no echo request" + rig.explain());
        byte[] f = out.get(0);
        int ip = 14;
        assertEquals(0x45, f[ip] & 0xff, () -> "version 4, IHL 5" + rig.explain());
        assertEquals(f.length - 14, Frames.get16(f, ip + 2), () -> "total length = IP header + ICMP message" + rig.explain());
        assertEquals(64, f[ip + 8] & 0xff, () -> "TTL" + rig.explain());
        assertEquals(1, f[ip + 9], () -> "protocol ICMP" + rig.explain());
        assertEquals(0, Checksum.compute(f, ip, 20), () -> "the header checksum must verify (RFC 1071)" + rig.explain());
        assertEquals(Ip4.parse("10.0.0.1"), (int) Long.parseLong(hex(f, ip + 12), 16), () -> "source" + rig.explain());
        assertEquals(Ip4.parse("10.0.0.2"), (int) Long.parseLong(hex(f, ip + 16), 16), () -> "destination" + rig.explain());
    }

    static String hex(byte[] b, int off) {
        return String.format("%02x%02x%02x%02x", b[off], b[off + 1], b[off + 2], b[off + 3]);
    }

    @Test @Points(2)
    @DisplayName("a UDP datagram is delivered up to the socket bound to its port, payload intact, InDelivers counted")
    void localDelivery() {
        rig = IpRig.wired(202);
        Host h2 = rig.host("h2");
        Sock s = IpRig.udpBound(h2, 7);
        rig.wire.send(good(h2, "hello, layer 3"));
        rig.run(Time.ms(1));
        assertEquals(List.of("hello, layer 3"), IpRig.drain(s), () -> rig.explain());
        assertTrue(IpRig.counter(h2, "InDelivers") >= 1, () -> "InDelivers" + rig.explain());
    }

    @Test @Points(3)
    @DisplayName("malformed datagrams (short, version 6, IHL 4, bad checksum, truncated) are dropped and counted; a good one still gets through")
    void malformedAreDropped() {
        rig = IpRig.wired(203);
        Host h2 = rig.host("h2");
        Sock s = IpRig.udpBound(h2, 7);
        long dropsBefore = IpRig.drops(h2.kernel());
        byte[] shortOne = Arrays.copyOf(good(h2, "x"), 14 + 12);
        byte[] v6 = good(h2, "v6");
        v6[14] = 0x65;
        Frames.fixIpChecksum(v6);
        byte[] ihl4 = good(h2, "ihl");
        ihl4[14] = 0x44;
        byte[] badSum = good(h2, "sum");
        badSum[14 + 10] ^= 0x5a;
        byte[] truncated = good(h2, "truncated");
        Frames.put16(truncated, 14 + 2, 400);
        Frames.fixIpChecksum(truncated);
        for (byte[] f : List.of(shortOne, v6, ihl4, badSum, truncated)) rig.wire.send(f);
        rig.wire.send(good(h2, "good"));
        rig.run(Time.ms(1));
        assertEquals(List.of("good"), IpRig.drain(s), () -> "only the well-formed datagram may reach the socket" + rig.explain());
        assertTrue(IpRig.drops(h2.kernel()) - dropsBefore >= 5, () -> "each malformed datagram is a counted drop (mib.drop): "
                + h2.kernel().drops() + rig.explain());
        assertTrue(IpRig.counter(h2, "InHdrErrors") >= 4, () -> "InHdrErrors (RFC 4293): " + IpRig.counter(h2, "InHdrErrors") + rig.explain());
        assertTrue(IpRig.counter(h2, "InReceives") >= 6, () -> "InReceives counts every datagram" + rig.explain());
        assertEquals(2, IpRig.counter(h2, "InCsumErrors"), () -> "InCsumErrors (each also an InHdrErrors): the bad checksum, and the"
                + " 12-byte one (Ethernet pads its frame to 60 bytes, so 20 bytes of header are there, half of them zeros)" + rig.explain());
        assertEquals(1, IpRig.counter(h2, "InTruncatedPkts"), () -> "total length 400 in a shorter frame is InTruncatedPkts" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("Ethernet padding is not payload: an echo request with no data, padded to a 60-byte frame, is answered with no data")
    void paddingIsTrimmed() {
        rig = IpRig.wired(204);
        Host h2 = rig.host("h2");
        //   frame: Ethernet 14 │ IP total length 28 │ ICMP echo 8 │ 18 bytes of padding (0xab), not part of the datagram
        byte[] request = Frames.icmpEcho(h2.nic("eth0").macAddress(), IpRig.WIRE_MAC, Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2"), true, 7, 1, 0, 64);
        byte[] f = Arrays.copyOf(request, 60);
        Arrays.fill(f, request.length, 60, (byte) 0xab);
        rig.wire.send(f);
        rig.run(Time.ms(1));
        byte[] reply = rig.wire.frames.stream().filter(x -> x.length >= 42 && x[12] == 8 && x[13] == 0 && x[23] == 1 && x[34] == 0)
                .findFirst().orElse(null);
        assertTrue(reply != null, () -> "no echo reply: was the padding summed into the ICMP checksum? Trim the skb to the IP total length" + rig.explain());
        assertEquals(28, Frames.get16(reply, 14 + 2), () -> "the reply's IP total length: 20 + 8, no padding echoed back as data" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("fragments are reassembled before delivery: two fragments, the last one first, arrive as one datagram")
    void fragmentsAreReassembled() {
        rig = IpRig.wired(206);
        Host h2 = rig.host("h2");
        Sock s = IpRig.udpBound(h2, 7);
        byte[] whole = good(h2, "0123456789abcdefghij");
        byte[] udp = Arrays.copyOfRange(whole, 14 + 20, whole.length);               // 8 + 20 bytes
        long mac = h2.nic("eth0").macAddress();
        int src = Ip4.parse("10.0.0.1"), dst = Ip4.parse("10.0.0.2");
        //   id 0x1234: [ offset 0, MF, bytes 0..15 ]  [ offset 2 (16 bytes), bytes 16..27 ]
        byte[] first = Frames.ipv4(mac, IpRig.WIRE_MAC, src, dst, 17, 64, 0x1234, 0x2000, Arrays.copyOfRange(udp, 0, 16));
        byte[] last = Frames.ipv4(mac, IpRig.WIRE_MAC, src, dst, 17, 64, 0x1234, 2, Arrays.copyOfRange(udp, 16, udp.length));
        rig.wire.send(last);
        rig.wire.send(first);
        rig.run(Time.ms(1));
        assertEquals(List.of("0123456789abcdefghij"), IpRig.drain(s), () -> "a fragment is not a datagram: hold it until the datagram is whole" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("a host does not forward: a datagram for another address is dropped and counted, not delivered")
    void notForUs() {
        rig = IpRig.wired(205);
        Host h2 = rig.host("h2");
        Sock s = IpRig.udpBound(h2, 7);
        byte[] f = Frames.udp(h2.nic("eth0").macAddress(), IpRig.WIRE_MAC, Ip4.parse("10.0.0.1"), 5000, Ip4.parse("10.0.0.77"), 7,
                "not yours".getBytes(StandardCharsets.US_ASCII));
        long before = IpRig.drops(h2.kernel());
        rig.wire.send(f);
        rig.run(Time.ms(1));
        assertEquals(List.of(), IpRig.drain(s), () -> rig.explain());
        assertEquals(1, IpRig.drops(h2.kernel()) - before, () -> "dropped and counted once" + rig.explain());
        assertEquals(1, IpRig.counter(h2, "InAddrErrors"), () -> "a datagram for an address not ours is an InAddrErrors (RFC 4293)" + rig.explain());
        assertTrue(rig.wire.frames.stream().noneMatch(x -> x.length > 30 && x[12] == 8 && x[13] == 0 && x[14 + 9] == 17),() ->
                "and not sent anywhere" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("a 3000-byte UDP datagram leaves in fragments of at most the MTU (MF, offsets in 8-byte units, one ID) and arrives whole")
    void largeDatagramIsFragmented() {
        rig = IpRig.switched(207);
        Sock server = IpRig.udpBound(rig.host("h2"), 7);
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() < 3000; i++) big.append(i % 10);
        String payload = big.substring(0, 3000);
        assertEquals(3000, IpRig.sendTo(IpRig.udp(rig.host("h1")), payload, "10.0.0.2", 7), () -> rig.explain());
        rig.run(Time.ms(10));
        List<byte[]> pieces = IpRig.frames(rig.host("h1"), true).stream().filter(f -> f[12] == 8 && f[13] == 0 && f[23] == 17).toList();
        assertEquals(3, pieces.size(), () -> "3008 bytes of UDP in 1480-byte pieces: 3 fragments" + rig.explain());
        int id = Frames.get16(pieces.get(0), 14 + 4);
        int expectedOffset = 0;
        for (int i = 0; i < pieces.size(); i++) {
            byte[] f = pieces.get(i);
            int k = i, off = expectedOffset;
            int fragField = Frames.get16(f, 14 + 6);
            assertTrue(f.length - 14 <= 1500, () -> "fragment " + k + " is " + (f.length - 14) + " bytes, over the 1500-byte MTU" + rig.explain());
            assertEquals(id, Frames.get16(f, 14 + 4), () -> "every fragment carries the datagram's ID" + rig.explain());
            assertEquals(off / 8, fragField & 0x1fff, () -> "fragment " + k + ": offset " + off + " bytes, in 8-byte units" + rig.explain());
            assertEquals(k < pieces.size() - 1, (fragField & 0x2000) != 0, () -> "MF on every fragment but the last" + rig.explain());
            assertEquals(0, Checksum.compute(f, 14, 20), () -> "each fragment's header checksum" + rig.explain());
            expectedOffset += Frames.get16(f, 14 + 2) - 20;
        }
        assertEquals(List.of(payload), IpRig.drain(server), () -> "h2 reassembles the 3000 bytes" + rig.explain());
    }
}
