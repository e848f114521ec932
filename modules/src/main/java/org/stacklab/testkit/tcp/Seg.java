package org.stacklab.testkit.tcp;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.tcp.SeqNum;
import org.stacklab.kernel.tcp.TcpFlags;
import org.stacklab.kernel.tcp.TcpHeader;

/**
 * A segment a test sends or expects, written the way the ladder reads:
 * {@code syn().seq(1000).mss(1460)}, {@code ack().seq(1001).ack(isn + 1)}, {@code data("hello")}.
 * Unset fields are "any" when matching ({@link #ANY}); when sending they take harness defaults
 * (ports of the connection under test, window 65535).
 */
public final class Seg {
    /** Matches any value. */
    public static final long ANY = Long.MIN_VALUE;

    final int flags;
    long seq = ANY, ack = ANY, window = ANY, mss = ANY, wscale = ANY, srcPort = ANY, dstPort = ANY;
    byte[] data;
    long dataLength = ANY;
    boolean badChecksum;

    private Seg(int flags) { this.flags = flags; }

    public static Seg syn() { return new Seg(TcpFlags.SYN); }
    public static Seg synAck() { return new Seg(TcpFlags.SYN | TcpFlags.ACK); }
    public static Seg ack() { return new Seg(TcpFlags.ACK); }
    public static Seg finAck() { return new Seg(TcpFlags.FIN | TcpFlags.ACK); }
    public static Seg rst() { return new Seg(TcpFlags.RST); }
    public static Seg rstAck() { return new Seg(TcpFlags.RST | TcpFlags.ACK); }
    /** A data segment with ACK|PSH set (match: PSH is not required). */
    public static Seg data(byte[] bytes) { Seg s = new Seg(TcpFlags.ACK | TcpFlags.PSH); s.data = bytes; s.dataLength = bytes.length; return s; }
    public static Seg data(String text) { return data(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)); }
    public static Seg withFlags(int flags) { return new Seg(flags); }

    public Seg seq(long v) { seq = v; return this; }
    public Seg ack(long v) { ack = v; return this; }
    public Seg window(long v) { window = v; return this; }
    public Seg mss(long v) { mss = v; return this; }
    public Seg wscale(long v) { wscale = v; return this; }
    public Seg from(int port) { srcPort = port; return this; }
    public Seg to(int port) { dstPort = port; return this; }
    /** For expectations: the data length, whatever the bytes. */
    public Seg length(long n) { dataLength = n; return this; }
    /** Send it with a wrong checksum. */
    public Seg corrupt() { badChecksum = true; return this; }

    /** Builds the segment's bytes with a correct checksum (unless {@link #corrupt()}). */
    byte[] build(int saddr, int daddr, int defSrcPort, int defDstPort) {
        int sp = srcPort == ANY ? defSrcPort : (int) srcPort;
        int dp = dstPort == ANY ? defDstPort : (int) dstPort;
        TcpHeader h = TcpHeader.of(sp, dp, seq == ANY ? 0 : (int) seq, ack == ANY ? 0 : (int) ack, flags,
                window == ANY ? 65535 : (int) window);
        if (mss != ANY) h = h.withMss((int) mss);
        if (wscale != ANY) h = h.withWscale((int) wscale);
        int dl = data == null ? 0 : data.length;
        byte[] b = new byte[h.length() + dl];
        h.writeTo(b, 0);
        if (dl > 0) System.arraycopy(data, 0, b, h.length(), dl);
        int csum = Checksum.transport(saddr, daddr, IpStack.PROTO_TCP, b, 0, b.length);
        TcpHeader.setChecksum(b, 0, badChecksum ? csum ^ 0x5555 : csum);
        return b;
    }

    /** Why {@code w} does not match this expectation, or null if it does. */
    String mismatch(WireSegment w) {
        TcpHeader h = w.header();
        if (h == null) return "not a valid TCP header";
        List<String> why = new ArrayList<>();
        int expectFlags = flags & ~TcpFlags.PSH;
        if ((h.flags() & ~TcpFlags.PSH) != expectFlags) {
            why.add("flags [" + TcpFlags.tcpdump(h.flags()) + "], expected [" + TcpFlags.tcpdump(flags) + "]");
        }
        check(why, "seq", seq, h.seq());
        check(why, "ack", ack, h.ack());
        check(why, "win", window, h.window());
        check(why, "mss", mss, h.mss());
        check(why, "wscale", wscale, h.wscale());
        check(why, "sport", srcPort, h.srcPort());
        check(why, "dport", dstPort, h.dstPort());
        if (dataLength != ANY && w.dataLength() != dataLength) why.add("length " + w.dataLength() + ", expected " + dataLength);
        if (data != null && !java.util.Arrays.equals(data, w.data())) why.add("data differs");
        return why.isEmpty() ? null : String.join("; ", why);
    }

    private static void check(List<String> why, String name, long expected, int actual) {
        if (expected == ANY) return;
        if (name.equals("mss") || name.equals("wscale") || name.endsWith("port") || name.equals("win")) {
            if (expected != actual) why.add(name + " " + actual + ", expected " + expected);
        } else if ((int) expected != actual) {
            why.add(name + " " + SeqNum.toString(actual) + ", expected " + SeqNum.toString((int) expected));
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Flags [").append(TcpFlags.tcpdump(flags)).append(']');
        if (seq != ANY) sb.append(", seq ").append(SeqNum.toString((int) seq));
        if (ack != ANY) sb.append(", ack ").append(SeqNum.toString((int) ack));
        if (window != ANY) sb.append(", win ").append(window);
        if (mss != ANY) sb.append(", mss ").append(mss);
        if (wscale != ANY) sb.append(", wscale ").append(wscale);
        if (dataLength != ANY) sb.append(", length ").append(dataLength);
        return sb.toString();
    }
}
