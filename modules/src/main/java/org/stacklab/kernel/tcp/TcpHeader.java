package org.stacklab.kernel.tcp;

/**
 * The TCP header (RFC 9293 §3.1) as an immutable value: parsed from received bytes with
 * {@link #parse}, written into an outgoing buffer with {@link #writeTo}. Options understood: MSS
 * (RFC 9293 §3.7.1), window scale (RFC 7323 §2), SACK-permitted (RFC 2018; recognised and not used)
 * and timestamps (RFC 7323 §3). Absent numeric options are {@code -1}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  |          Source Port          |       Destination Port        |
 *  |                        Sequence Number                        |
 *  |                    Acknowledgment Number                      |
 *  | DOff  | Rsrvd |C|E|U|A|P|R|S|F|            Window             |
 *  |           Checksum            |         Urgent Pointer        |
 *  |                     Options (DOff*4 - 20 bytes)               |
 * </pre>
 */
public final class TcpHeader {
    public static final int MIN_LENGTH = 20;
    public static final int OPT_EOL = 0, OPT_NOP = 1, OPT_MSS = 2, OPT_WSCALE = 3, OPT_SACK_PERM = 4, OPT_TIMESTAMP = 8;
    /** RFC 7323 §2.3: the shift count is capped at 14. */
    public static final int MAX_WSCALE = 14;

    private final int srcPort, dstPort, seq, ack, flags, window, checksum, urgent;
    private final int mss, wscale;
    private final boolean sackPermitted;
    private final long tsVal, tsEcr;
    private final int length;

    private TcpHeader(int srcPort, int dstPort, int seq, int ack, int flags, int window, int checksum, int urgent,
                      int mss, int wscale, boolean sackPermitted, long tsVal, long tsEcr) {
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.seq = seq;
        this.ack = ack;
        this.flags = flags;
        this.window = window;
        this.checksum = checksum;
        this.urgent = urgent;
        this.mss = mss;
        this.wscale = wscale;
        this.sackPermitted = sackPermitted;
        this.tsVal = tsVal;
        this.tsEcr = tsEcr;
        this.length = MIN_LENGTH + optionsLength(mss, wscale, sackPermitted, tsVal >= 0);
    }

    /** A header with no options. */
    public static TcpHeader of(int srcPort, int dstPort, int seq, int ack, int flags, int window) {
        return new TcpHeader(srcPort, dstPort, seq, ack, flags, window, 0, 0, -1, -1, false, -1, -1);
    }

    public TcpHeader withMss(int v) { return new TcpHeader(srcPort, dstPort, seq, ack, flags, window, checksum, urgent, v, wscale, sackPermitted, tsVal, tsEcr); }
    public TcpHeader withWscale(int v) { return new TcpHeader(srcPort, dstPort, seq, ack, flags, window, checksum, urgent, mss, v, sackPermitted, tsVal, tsEcr); }
    /** With the timestamps option (RFC 7323 §3): TSval, TSecr (unsigned 32-bit values). */
    public TcpHeader withTimestamps(long val, long ecr) { return new TcpHeader(srcPort, dstPort, seq, ack, flags, window, checksum, urgent, mss, wscale, sackPermitted, val & 0xffffffffL, ecr & 0xffffffffL); }
    public TcpHeader withSeq(int v) { return new TcpHeader(srcPort, dstPort, v, ack, flags, window, checksum, urgent, mss, wscale, sackPermitted, tsVal, tsEcr); }
    public TcpHeader withAck(int v) { return new TcpHeader(srcPort, dstPort, seq, v, flags, window, checksum, urgent, mss, wscale, sackPermitted, tsVal, tsEcr); }
    public TcpHeader withFlags(int v) { return new TcpHeader(srcPort, dstPort, seq, ack, v, window, checksum, urgent, mss, wscale, sackPermitted, tsVal, tsEcr); }
    public TcpHeader withWindow(int v) { return new TcpHeader(srcPort, dstPort, seq, ack, flags, v, checksum, urgent, mss, wscale, sackPermitted, tsVal, tsEcr); }

    public int srcPort() { return srcPort; }
    public int dstPort() { return dstPort; }
    public int seq() { return seq; }
    public int ack() { return ack; }
    public int flags() { return flags; }
    /** The 16-bit window field as sent (unscaled). */
    public int window() { return window; }
    public int checksum() { return checksum; }
    public int urgent() { return urgent; }
    /** MSS option value, or -1. */
    public int mss() { return mss; }
    /** Window-scale shift count option, or -1. */
    public int wscale() { return wscale; }
    public boolean sackPermitted() { return sackPermitted; }
    /** Timestamp value, or -1 when the option is absent. */
    public long tsVal() { return tsVal; }
    public long tsEcr() { return tsEcr; }
    /** Header length in bytes including options (the data offset × 4). */
    public int length() { return length; }

    public boolean syn() { return (flags & TcpFlags.SYN) != 0; }
    public boolean hasAck() { return (flags & TcpFlags.ACK) != 0; }
    public boolean fin() { return (flags & TcpFlags.FIN) != 0; }
    public boolean rst() { return (flags & TcpFlags.RST) != 0; }
    public boolean psh() { return (flags & TcpFlags.PSH) != 0; }

    /**
     * Parses the header at {@code off}; {@code len} is the segment length (header + data). Returns
     * null for a malformed header (shorter than 20 bytes, data offset below 5 or beyond the segment,
     * an option running past the header), which the caller drops and counts.
     */
    public static TcpHeader parse(byte[] b, int off, int len) {
        if (len < MIN_LENGTH) return null;
        int doff = ((b[off + 12] & 0xff) >>> 4) * 4;
        if (doff < MIN_LENGTH || doff > len) return null;
        int mss = -1, wscale = -1;
        boolean sackOk = false;
        long tsVal = -1, tsEcr = -1;
        int i = off + MIN_LENGTH, end = off + doff;
        while (i < end) {
            int kind = b[i] & 0xff;
            if (kind == OPT_EOL) break;
            if (kind == OPT_NOP) { i++; continue; }
            if (i + 1 >= end) return null;
            int olen = b[i + 1] & 0xff;
            if (olen < 2 || i + olen > end) return null;
            if (kind == OPT_MSS && olen == 4) mss = u16(b, i + 2);
            else if (kind == OPT_WSCALE && olen == 3) wscale = Math.min(b[i + 2] & 0xff, MAX_WSCALE);
            else if (kind == OPT_SACK_PERM && olen == 2) sackOk = true;
            else if (kind == OPT_TIMESTAMP && olen == 10) {
                tsVal = u32(b, i + 2) & 0xffffffffL;
                tsEcr = u32(b, i + 6) & 0xffffffffL;
            }
            i += olen; // unknown options are skipped by their length (RFC 9293 §3.1)
        }
        return new TcpHeader(u16(b, off), u16(b, off + 2), u32(b, off + 4), u32(b, off + 8), b[off + 13] & 0xff,
                u16(b, off + 14), u16(b, off + 16), u16(b, off + 18), mss, wscale, sackOk, tsVal, tsEcr);
    }

    /**
     * Writes the header with its options at {@code off}, checksum field zero (the sender fills it in
     * over the pseudo-header and data). Returns the header length.
     */
    public int writeTo(byte[] b, int off) {
        set16(b, off, srcPort);
        set16(b, off + 2, dstPort);
        set32(b, off + 4, seq);
        set32(b, off + 8, ack);
        b[off + 12] = (byte) ((length / 4) << 4);
        b[off + 13] = (byte) flags;
        set16(b, off + 14, window);
        set16(b, off + 16, 0);
        set16(b, off + 18, urgent);
        int i = off + MIN_LENGTH;
        if (mss >= 0) { b[i] = OPT_MSS; b[i + 1] = 4; set16(b, i + 2, mss); i += 4; }
        if (wscale >= 0) { b[i] = OPT_NOP; b[i + 1] = OPT_WSCALE; b[i + 2] = 3; b[i + 3] = (byte) wscale; i += 4; }
        if (sackPermitted) { b[i] = OPT_NOP; b[i + 1] = OPT_NOP; b[i + 2] = OPT_SACK_PERM; b[i + 3] = 2; i += 4; }
        if (tsVal >= 0) {
            b[i] = OPT_NOP; b[i + 1] = OPT_NOP; b[i + 2] = OPT_TIMESTAMP; b[i + 3] = 10;
            set32(b, i + 4, (int) tsVal); set32(b, i + 8, (int) tsEcr); i += 12;
        }
        return length;
    }

    /** Bytes the given options take, padded to 32-bit words. */
    public static int optionsLength(int mss, int wscale, boolean sackOk, boolean timestamps) {
        return (mss >= 0 ? 4 : 0) + (wscale >= 0 ? 4 : 0) + (sackOk ? 4 : 0) + (timestamps ? 12 : 0);
    }

    /** Writes the checksum into a header written at {@code off} ({@code len} = header + data). */
    public static void setChecksum(byte[] b, int off, int csum) { set16(b, off + 16, csum); }

    private static int u16(byte[] b, int i) { return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff); }

    private static int u32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    private static void set16(byte[] b, int i, int v) { b[i] = (byte) (v >>> 8); b[i + 1] = (byte) v; }

    private static void set32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24); b[i + 1] = (byte) (v >>> 16); b[i + 2] = (byte) (v >>> 8); b[i + 3] = (byte) v;
    }

    /** tcpdump's view: {@code Flags [S.], seq 7702, ack 3912, win 65160, options [mss 1460,wscale 7]}. */
    public String describe(int dataLength) {
        StringBuilder sb = new StringBuilder("Flags [").append(TcpFlags.tcpdump(flags)).append("]");
        if (dataLength > 0 || syn() || fin() || rst() || !hasAck()) {
            sb.append(", seq ").append(SeqNum.toString(seq));
            if (dataLength > 0) sb.append(':').append(SeqNum.toString(seq + dataLength));
        }
        if (hasAck()) sb.append(", ack ").append(SeqNum.toString(ack));
        sb.append(", win ").append(window);
        if (mss >= 0 || wscale >= 0 || sackPermitted || tsVal >= 0) {
            StringBuilder o = new StringBuilder();
            if (mss >= 0) o.append("mss ").append(mss);
            if (sackPermitted) o.append(o.length() > 0 ? "," : "").append("sackOK");
            if (tsVal >= 0) o.append(o.length() > 0 ? "," : "").append("TS val ").append(tsVal).append(" ecr ").append(tsEcr);
            if (wscale >= 0) o.append(o.length() > 0 ? "," : "").append("wscale ").append(wscale);
            sb.append(", options [").append(o).append(']');
        }
        sb.append(", length ").append(dataLength);
        return sb.toString();
    }

    @Override
    public String toString() { return srcPort + " > " + dstPort + ": " + describe(0); }
}
