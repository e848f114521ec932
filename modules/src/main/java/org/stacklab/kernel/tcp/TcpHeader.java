package org.stacklab.kernel.tcp;

import java.util.Arrays;

/**
 * The TCP header (RFC 9293 §3.1) as an immutable value: parsed from received bytes with
 * {@link #parse}, written into an outgoing buffer with {@link #writeTo}. Options understood: MSS
 * (RFC 9293 §3.7.1), window scale (RFC 7323 §2), SACK-permitted and SACK blocks (RFC 2018) and
 * timestamps (RFC 7323 §3). Absent numeric options are {@code -1}.
 *
 * <p>A parsed header keeps what was on the wire: its data offset (the payload starts at
 * {@code dataOffset() * 4}, never at a length recomputed from the options we understood) and its
 * option bytes as they were laid out, so a header parsed and written again is the same bytes. A
 * header built here ({@link #of} and the {@code with...} option setters) lays its options out as
 * Linux does: {@code mss, nop,wscale, nop,nop,sackOK, nop,nop,TS, nop,nop,sack}.
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
    /** RFC 9293 §3.1: the data offset is 4 bits of 32-bit words, so a header is at most 60 bytes. */
    public static final int MAX_LENGTH = 60;
    public static final int OPT_EOL = 0, OPT_NOP = 1, OPT_MSS = 2, OPT_WSCALE = 3, OPT_SACK_PERM = 4, OPT_SACK = 5,
            OPT_TIMESTAMP = 8;
    /** RFC 7323 §2.3: the shift count is capped at 14. */
    public static final int MAX_WSCALE = 14;
    private static final int[] NO_SACK = new int[0];

    /** Why {@link #parse} refused a header: the input path drops the segment and counts it by this. */
    public enum Malformed {
        /** Fewer than 20 bytes. */
        TRUNCATED,
        /** Data offset below 5 words, or a header longer than the segment (RFC 9293 §3.1). */
        BAD_DATA_OFFSET,
        /** An option whose length byte is 0 or 1, or that runs past the header (RFC 9293 §3.1, §3.2). */
        BAD_OPTION
    }

    private final int srcPort, dstPort, seq, ack, flags, window, checksum, urgent;
    private final int mss, wscale;
    private final boolean sackPermitted;
    private final long tsVal, tsEcr;
    /** SACK blocks (RFC 2018 §3) as left/right edge pairs: {@code [l0, r0, l1, r1, ...]}. */
    private final int[] sack;
    /** The option bytes as received (up to the data offset), or null for a header laid out here. */
    private final byte[] rawOptions;
    private final int length;

    private TcpHeader(int srcPort, int dstPort, int seq, int ack, int flags, int window, int checksum, int urgent,
                      int mss, int wscale, boolean sackPermitted, long tsVal, long tsEcr, int[] sack, byte[] rawOptions) {
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
        this.sack = sack;
        this.rawOptions = rawOptions;
        this.length = MIN_LENGTH + (rawOptions != null ? rawOptions.length
                : optionsLength(mss, wscale, sackPermitted, tsVal >= 0) + sackLength(sack.length / 2));
        if (length > MAX_LENGTH) throw new IllegalArgumentException("TCP options take " + (length - MIN_LENGTH)
                + " bytes; at most 40 fit (RFC 9293 §3.1)");
    }

    /** A header with no options. */
    public static TcpHeader of(int srcPort, int dstPort, int seq, int ack, int flags, int window) {
        return new TcpHeader(srcPort, dstPort, seq, ack, flags, window, 0, 0, -1, -1, false, -1, -1, NO_SACK, null);
    }

    // Setters of fixed fields keep the received option bytes; setters of options lay them out anew.
    public TcpHeader withMss(int v) { return new TcpHeader(srcPort, dstPort, seq, ack, flags, window, checksum, urgent, v, wscale, sackPermitted, tsVal, tsEcr, sack, null); }
    public TcpHeader withWscale(int v) { return new TcpHeader(srcPort, dstPort, seq, ack, flags, window, checksum, urgent, mss, v, sackPermitted, tsVal, tsEcr, sack, null); }
    public TcpHeader withSackPermitted(boolean v) { return new TcpHeader(srcPort, dstPort, seq, ack, flags, window, checksum, urgent, mss, wscale, v, tsVal, tsEcr, sack, null); }
    /** With the timestamps option (RFC 7323 §3): TSval, TSecr (unsigned 32-bit values). */
    public TcpHeader withTimestamps(long val, long ecr) { return new TcpHeader(srcPort, dstPort, seq, ack, flags, window, checksum, urgent, mss, wscale, sackPermitted, val & 0xffffffffL, ecr & 0xffffffffL, sack, null); }
    /** With SACK blocks (RFC 2018 §3), given as left/right edge pairs. */
    public TcpHeader withSack(int... edges) {
        if (edges.length % 2 != 0) throw new IllegalArgumentException("SACK blocks are pairs of edges");
        return new TcpHeader(srcPort, dstPort, seq, ack, flags, window, checksum, urgent, mss, wscale, sackPermitted, tsVal, tsEcr, edges.clone(), null);
    }
    public TcpHeader withSeq(int v) { return new TcpHeader(srcPort, dstPort, v, ack, flags, window, checksum, urgent, mss, wscale, sackPermitted, tsVal, tsEcr, sack, rawOptions); }
    public TcpHeader withAck(int v) { return new TcpHeader(srcPort, dstPort, seq, v, flags, window, checksum, urgent, mss, wscale, sackPermitted, tsVal, tsEcr, sack, rawOptions); }
    public TcpHeader withFlags(int v) { return new TcpHeader(srcPort, dstPort, seq, ack, v, window, checksum, urgent, mss, wscale, sackPermitted, tsVal, tsEcr, sack, rawOptions); }
    public TcpHeader withWindow(int v) { return new TcpHeader(srcPort, dstPort, seq, ack, flags, v, checksum, urgent, mss, wscale, sackPermitted, tsVal, tsEcr, sack, rawOptions); }

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
    /** Number of SACK blocks (RFC 2018 §3) the header carries. */
    public int sackBlocks() { return sack.length / 2; }
    /** Left edge of SACK block {@code i}. */
    public int sackLeft(int i) { return sack[2 * i]; }
    /** Right edge of SACK block {@code i} (the first sequence number after the block). */
    public int sackRight(int i) { return sack[2 * i + 1]; }
    /** The option bytes as they are (or will be) on the wire, {@code length() - 20} of them. */
    public byte[] optionBytes() {
        byte[] b = new byte[length];
        writeTo(b, 0);
        return Arrays.copyOfRange(b, MIN_LENGTH, length);
    }
    /** The data-offset field: header length in 32-bit words (5..15). */
    public int dataOffset() { return length / 4; }
    /** Header length in bytes including options: {@code dataOffset() * 4}; the payload starts here. */
    public int length() { return length; }

    public boolean syn() { return (flags & TcpFlags.SYN) != 0; }
    public boolean hasAck() { return (flags & TcpFlags.ACK) != 0; }
    public boolean fin() { return (flags & TcpFlags.FIN) != 0; }
    public boolean rst() { return (flags & TcpFlags.RST) != 0; }
    public boolean psh() { return (flags & TcpFlags.PSH) != 0; }

    /**
     * Parses the header at {@code off}; {@code len} is the segment length (header + data). Returns
     * null for a malformed header ({@link #malformed} says why), which the caller drops and counts.
     */
    public static TcpHeader parse(byte[] b, int off, int len) {
        return decode(b, off, len, null);
    }

    /** Why {@link #parse} returns null for these bytes, or null if it does not. */
    public static Malformed malformed(byte[] b, int off, int len) {
        Malformed[] why = new Malformed[1];
        decode(b, off, len, why);
        return why[0];
    }

    private static TcpHeader decode(byte[] b, int off, int len, Malformed[] why) {
        if (len < MIN_LENGTH) return refuse(why, Malformed.TRUNCATED);
        // RFC 9293 §3.1: the data offset says where the data begins; it is taken as sent.
        int doff = ((b[off + 12] & 0xff) >>> 4) * 4;
        if (doff < MIN_LENGTH || doff > len) return refuse(why, Malformed.BAD_DATA_OFFSET);
        int mss = -1, wscale = -1;
        boolean sackOk = false;
        long tsVal = -1, tsEcr = -1;
        int[] sack = NO_SACK;
        int i = off + MIN_LENGTH, end = off + doff;
        while (i < end) {
            int kind = b[i] & 0xff;
            if (kind == OPT_EOL) break;           // RFC 9293 §3.2: the rest is padding
            if (kind == OPT_NOP) { i++; continue; }
            // Every other option has a length byte counting kind and length (RFC 9293 §3.2); a length
            // below 2 would never advance, and one past the data offset reads into the data.
            if (i + 1 >= end) return refuse(why, Malformed.BAD_OPTION);
            int olen = b[i + 1] & 0xff;
            if (olen < 2 || i + olen > end) return refuse(why, Malformed.BAD_OPTION);
            // A known option with the wrong length is ignored, as Linux's tcp_parse_options does.
            if (kind == OPT_MSS && olen == 4) mss = u16(b, i + 2);
            else if (kind == OPT_WSCALE && olen == 3) wscale = Math.min(b[i + 2] & 0xff, MAX_WSCALE);
            else if (kind == OPT_SACK_PERM && olen == 2) sackOk = true;
            else if (kind == OPT_TIMESTAMP && olen == 10) {
                tsVal = u32(b, i + 2) & 0xffffffffL;
                tsEcr = u32(b, i + 6) & 0xffffffffL;
            } else if (kind == OPT_SACK && olen >= 10 && (olen - 2) % 8 == 0) {
                // RFC 2018 §3: 1..4 blocks of two 32-bit edges.
                sack = new int[(olen - 2) / 4];
                for (int k = 0; k < sack.length; k++) sack[k] = u32(b, i + 2 + 4 * k);
            }
            i += olen; // unknown options are skipped by their length (RFC 9293 §3.1)
        }
        return new TcpHeader(u16(b, off), u16(b, off + 2), u32(b, off + 4), u32(b, off + 8), b[off + 13] & 0xff,
                u16(b, off + 14), u16(b, off + 16), u16(b, off + 18), mss, wscale, sackOk, tsVal, tsEcr, sack,
                Arrays.copyOfRange(b, off + MIN_LENGTH, off + doff));
    }

    private static TcpHeader refuse(Malformed[] why, Malformed reason) {
        if (why != null) why[0] = reason;
        return null;
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
        if (rawOptions != null) {
            System.arraycopy(rawOptions, 0, b, i, rawOptions.length);
            return length;
        }
        if (mss >= 0) { b[i] = OPT_MSS; b[i + 1] = 4; set16(b, i + 2, mss); i += 4; }
        if (wscale >= 0) { b[i] = OPT_NOP; b[i + 1] = OPT_WSCALE; b[i + 2] = 3; b[i + 3] = (byte) wscale; i += 4; }
        if (sackPermitted) { b[i] = OPT_NOP; b[i + 1] = OPT_NOP; b[i + 2] = OPT_SACK_PERM; b[i + 3] = 2; i += 4; }
        if (tsVal >= 0) {
            b[i] = OPT_NOP; b[i + 1] = OPT_NOP; b[i + 2] = OPT_TIMESTAMP; b[i + 3] = 10;
            set32(b, i + 4, (int) tsVal); set32(b, i + 8, (int) tsEcr); i += 12;
        }
        if (sack.length > 0) {
            b[i] = OPT_NOP; b[i + 1] = OPT_NOP; b[i + 2] = OPT_SACK; b[i + 3] = (byte) (2 + 4 * sack.length);
            i += 4;
            for (int edge : sack) { set32(b, i, edge); i += 4; }
        }
        return length;
    }

    /** Bytes the given options take, padded to 32-bit words. */
    public static int optionsLength(int mss, int wscale, boolean sackOk, boolean timestamps) {
        return (mss >= 0 ? 4 : 0) + (wscale >= 0 ? 4 : 0) + (sackOk ? 4 : 0) + (timestamps ? 12 : 0);
    }

    /** Bytes a SACK option with {@code blocks} blocks takes, with its two NOPs (RFC 2018 §3). */
    public static int sackLength(int blocks) { return blocks == 0 ? 0 : 4 + 8 * blocks; }

    // In-place reads, for code that looks at every packet and must not allocate (netfilter, as Linux's
    // tcp_hdr(skb)). The offsets of RFC 9293 §3.1 live here, in the codec, and nowhere else.

    /** Offset of the checksum field in the header. */
    public static final int CHECKSUM_OFFSET = 16;

    /** The data offset of the header at {@code off}, in bytes (not checked; {@link #parse} checks). */
    public static int dataOffsetAt(byte[] b, int off) { return ((b[off + 12] & 0xff) >>> 4) * 4; }

    /** The flags byte (CWR..FIN) of the header at {@code off}. */
    public static int flagsAt(byte[] b, int off) { return b[off + 13] & 0xff; }

    /** The sequence number of the header at {@code off}, unsigned. */
    public static long seqAt(byte[] b, int off) { return u32(b, off + 4) & 0xffffffffL; }

    /** The acknowledgment number of the header at {@code off}, unsigned. */
    public static long ackAt(byte[] b, int off) { return u32(b, off + 8) & 0xffffffffL; }

    /** The (unscaled) window field of the header at {@code off}. */
    public static int windowAt(byte[] b, int off) { return u16(b, off + 14); }

    /** The urgent pointer of the header at {@code off}. */
    public static int urgentAt(byte[] b, int off) { return u16(b, off + 18); }

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
        if (mss >= 0 || wscale >= 0 || sackPermitted || tsVal >= 0 || sack.length > 0) {
            StringBuilder o = new StringBuilder();
            if (mss >= 0) o.append("mss ").append(mss);
            if (sackPermitted) o.append(o.length() > 0 ? "," : "").append("sackOK");
            if (tsVal >= 0) o.append(o.length() > 0 ? "," : "").append("TS val ").append(tsVal).append(" ecr ").append(tsEcr);
            if (wscale >= 0) o.append(o.length() > 0 ? "," : "").append("wscale ").append(wscale);
            if (sack.length > 0) {
                o.append(o.length() > 0 ? "," : "").append("sack ").append(sack.length / 2);
                for (int k = 0; k < sack.length; k += 2) {
                    o.append(" {").append(SeqNum.toString(sack[k])).append(':').append(SeqNum.toString(sack[k + 1])).append('}');
                }
            }
            sb.append(", options [").append(o).append(']');
        }
        sb.append(", length ").append(dataLength);
        return sb.toString();
    }

    @Override
    public String toString() { return srcPort + " > " + dstPort + ": " + describe(0); }
}
