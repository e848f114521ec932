package org.stacklab.solutions.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.stacklab.kernel.tcp.TcpState.ESTABLISHED;
import static org.stacklab.testkit.tcp.TcpHarness.LOCAL;
import static org.stacklab.testkit.tcp.TcpHarness.PEER;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.tcp.TcpFlags;
import org.stacklab.kernel.tcp.TcpHeader;
import org.stacklab.kernel.tcp.TcpStats;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/**
 * SYNs as other stacks lay their options out (RFC 9293 §3.1-§3.2, RFC 7323, RFC 2018), written
 * here byte by byte: whatever the order and padding, the header ends at the data offset, so the
 * SYN-ACK acknowledges SEQ+1 and a closed port's RST acknowledges SEQ+1 (RFC 9293 §3.10.7.1).
 */
class ForeignOptionLayoutTest {
    static final int SEQ = 0x12345678;
    static final int TSVAL = 0x01020304;

    final TcpHarness h = TcpHarness.create(42);

    @AfterEach
    void noOops() { h.assertNoOops(); }

    /** One stack's default SYN options, and what they offer. */
    record Layout(String stack, byte[] options, boolean wscale, boolean timestamps) {
        @Override public String toString() { return stack; }
    }

    static List<Layout> layouts() {
        return List.of(
                // Linux: mss, sackOK, TS, nop, wscale — 20 bytes, data offset 10.
                new Layout("Linux", bytes(2, 4, 0x05, 0xb4, 4, 2, 8, 10, 1, 2, 3, 4, 0, 0, 0, 0, 1, 3, 3, 7), true, true),
                // FreeBSD: mss, nop, wscale, sackOK, TS — 20 bytes, data offset 10.
                new Layout("FreeBSD", bytes(2, 4, 0x05, 0xb4, 1, 3, 3, 6, 4, 2, 8, 10, 1, 2, 3, 4, 0, 0, 0, 0), true, true),
                // Windows: mss, nop, wscale, nop, nop, sackOK — 12 bytes, data offset 8.
                new Layout("Windows", bytes(2, 4, 0x05, 0xb4, 1, 3, 3, 8, 1, 1, 4, 2), true, false),
                // macOS: mss, nop, wscale, nop, nop, TS, sackOK, eol, eol — 24 bytes, data offset 11.
                new Layout("macOS", bytes(2, 4, 0x05, 0xb4, 1, 3, 3, 6, 1, 1, 8, 10, 1, 2, 3, 4, 0, 0, 0, 0, 4, 2, 0, 0),
                        true, true));
    }

    @ParameterizedTest(name = "{0} SYN at a listener: SYN-ACK acknowledges SEQ+1")
    @MethodSource("layouts")
    void synAtListenerIsAnsweredWithSynAckForSeqPlusOne(Layout l) {
        Sock listener = h.listenOn(80);
        h.ip().inject(IpStack.PROTO_TCP, PEER, LOCAL, segment(40000, 80, SEQ, 0, TcpFlags.SYN, 64240, l.options(), new byte[0]));
        h.after(0);
        List<WireSegment> sent = h.drainSent();
        assertEquals(1, sent.size(), h.ladder());
        WireSegment sa = sent.get(0);
        TcpHeader got = sa.header();
        assertEquals(SEQ + 1, got.ack(), "SYN-ACK must acknowledge SEQ+1\n" + h.ladder());

        // Byte for byte: our layout, the options the SYN offered answered (RFC 7323 §2.2, §3.2),
        // TSecr echoing the SYN's TSval; ISN, window and our TSval are ours to choose.
        TcpHeader want = TcpHeader.of(80, 40000, got.seq(), SEQ + 1, TcpFlags.SYN | TcpFlags.ACK, got.window()).withMss(1460);
        if (l.wscale()) want = want.withWscale(got.wscale());
        if (l.timestamps()) want = want.withTimestamps(got.tsVal(), TSVAL);
        assertArrayEquals(withChecksum(want, LOCAL, PEER), sa.bytes, "SYN-ACK bytes\n" + h.ladder());
        assertEquals(l.wscale(), got.wscale() >= 0);
        assertEquals(l.timestamps(), got.tsVal() >= 0);

        // The final ACK, with the peer's own layout again, completes the handshake.
        h.after(Time.MS);
        byte[] ackOpts = l.timestamps() ? bytes(1, 1, 8, 10, 1, 2, 3, 5,
                (int) (got.tsVal() >>> 24), (int) (got.tsVal() >>> 16), (int) (got.tsVal() >>> 8), (int) got.tsVal()) : new byte[0];
        h.ip().inject(IpStack.PROTO_TCP, PEER, LOCAL, segment(40000, 80, SEQ + 1, got.seq() + 1, TcpFlags.ACK, 502, ackOpts, new byte[0]));
        h.after(0);
        Sock s = listener.accept();
        assertNotNull(s, h.ladder());
        assertEquals(ESTABLISHED, h.state(s));
    }

    @ParameterizedTest(name = "{0} SYN at a closed port: RST acknowledges SEQ+1")
    @MethodSource("layouts")
    void synAtClosedPortIsRefusedWithAckOfSeqPlusOne(Layout l) {
        h.ip().inject(IpStack.PROTO_TCP, PEER, LOCAL, segment(40000, 81, SEQ, 0, TcpFlags.SYN, 64240, l.options(), new byte[0]));
        h.after(0);
        List<WireSegment> sent = h.drainSent();
        assertEquals(1, sent.size(), h.ladder());
        // RFC 9293 §3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, a bare 20-byte header.
        byte[] want = withChecksum(TcpHeader.of(81, 40000, 0, SEQ + 1, TcpFlags.RST | TcpFlags.ACK, 0), LOCAL, PEER);
        assertArrayEquals(want, sent.get(0).bytes, "RST bytes\n" + h.ladder());
    }

    @Test
    void dataSegmentWithOptionsInAnUnusualOrderDeliversExactlyItsPayload() {
        var c = h.acceptConnection(80, 1000, 1460);
        // NOP, an unknown option (kind 254, RFC 6994 experimental, 6 bytes), NOP, an option of a
        // known kind with a length it never has (skipped, as Linux skips it), EOL and padding.
        byte[] opts = bytes(1, 254, 6, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 9, 0, 0, 0, 0, 0);
        byte[] payload = "exactly this".getBytes(StandardCharsets.US_ASCII);
        h.after(Time.MS);
        h.ip().inject(IpStack.PROTO_TCP, PEER, LOCAL,
                segment(40000, 80, 1001, (int) c.us(0), TcpFlags.ACK | TcpFlags.PSH, 65535, opts, payload));
        h.after(0);
        byte[] buf = new byte[100];
        int n = c.sock().recvmsg(buf, 0, buf.length, 0, null);
        assertEquals(payload.length, n, h.ladder());
        assertArrayEquals(payload, java.util.Arrays.copyOf(buf, n));
    }

    @Test
    void malformedOptionsAreDroppedAndCounted() {
        h.listenOn(80);
        TcpStats stats = h.kernel().symbol(TcpStats.class);
        // Length 0 (would loop forever), length 1 (shorter than its own kind and length bytes), and
        // an MSS option that runs past the data offset into the payload.
        byte[][] bad = {bytes(2, 0, 0, 0), bytes(1, 1, 3, 1), bytes(1, 1, 2, 4)};
        for (byte[] o : bad) {
            h.ip().inject(IpStack.PROTO_TCP, PEER, LOCAL, segment(40000, 80, SEQ, 0, TcpFlags.SYN, 64240, o, bytes(5, 0xb4)));
            h.after(0);
        }
        h.expectNothingSent();
        assertEquals(3, stats.counters().badOptions);
        assertEquals(3, stats.counters().inErrs);
        assertEquals(3, h.kernel().drops().getOrDefault(TcpInput.DROP_OPTION, 0L));
    }

    @Test
    void dataOffsetBelowFiveOrBeyondTheSegmentIsDroppedAndCounted() {
        h.listenOn(80);
        TcpStats stats = h.kernel().symbol(TcpStats.class);
        byte[] low = segment(40000, 80, SEQ, 0, TcpFlags.SYN, 64240, new byte[0], new byte[0]);
        low[12] = (byte) (4 << 4);
        byte[] high = segment(40000, 80, SEQ, 0, TcpFlags.SYN, 64240, new byte[0], new byte[8]);
        high[12] = (byte) (8 << 4); // 32 bytes of header in a 28-byte segment
        for (byte[] s : new byte[][] {low, high}) {
            fixChecksum(s);
            h.ip().inject(IpStack.PROTO_TCP, PEER, LOCAL, s);
            h.after(0);
        }
        h.expectNothingSent();
        assertEquals(2, stats.counters().inErrs);
        assertEquals(0, stats.counters().badOptions);
        assertEquals(2, h.kernel().drops().getOrDefault(TcpInput.DROP_HDR, 0L));
    }

    // ------------------------------------------------------------------------ bytes, by hand

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    /** A segment as the RFC 9293 §3.1 diagram lays it out; the options are padded with EOL to 32 bits. */
    static byte[] segment(int sport, int dport, int seq, int ack, int flags, int window, byte[] options, byte[] data) {
        int hlen = 20 + (options.length + 3) / 4 * 4;
        byte[] b = new byte[hlen + data.length];
        b[0] = (byte) (sport >>> 8); b[1] = (byte) sport;
        b[2] = (byte) (dport >>> 8); b[3] = (byte) dport;
        for (int i = 0; i < 4; i++) b[4 + i] = (byte) (seq >>> (24 - 8 * i));
        for (int i = 0; i < 4; i++) b[8 + i] = (byte) (ack >>> (24 - 8 * i));
        b[12] = (byte) ((hlen / 4) << 4);
        b[13] = (byte) flags;
        b[14] = (byte) (window >>> 8); b[15] = (byte) window;
        System.arraycopy(options, 0, b, 20, options.length);
        System.arraycopy(data, 0, b, hlen, data.length);
        fixChecksum(b);
        return b;
    }

    static void fixChecksum(byte[] b) {
        b[16] = 0; b[17] = 0;
        TcpHeader.setChecksum(b, 0, Checksum.transport(PEER, LOCAL, IpStack.PROTO_TCP, b, 0, b.length));
    }

    static byte[] withChecksum(TcpHeader h, int saddr, int daddr) {
        byte[] b = new byte[h.length()];
        h.writeTo(b, 0);
        TcpHeader.setChecksum(b, 0, Checksum.transport(saddr, daddr, IpStack.PROTO_TCP, b, 0, b.length));
        return b;
    }
}
