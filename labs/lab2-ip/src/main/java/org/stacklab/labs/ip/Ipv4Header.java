package org.stacklab.labs.ip;

import org.stacklab.kernel.ip.scaffold.Ipv4HeaderView;
import org.stacklab.kernel.core.Checksum;

/**
 * The IPv4 header (RFC 791 §3.1) as an immutable value: {@link #parse} reads one from a buffer,
 * {@link #writeTo} emits one with its checksum. The header checksum lives here and nowhere else;
 * so does the in-place TTL decrement with its incremental checksum update (RFC 1624).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |Version|  IHL  |Type of Service|          Total Length         |
 * |         Identification        |Flags|      Fragment Offset    |
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * |                       Source Address                          |
 * |                    Destination Address                        |
 * </pre>
 *
 * @param ihl         header length in 32-bit words (5 without options)
 * @param flags       the three flag bits as they sit in the 16-bit word ({@link #DF}, {@link #MF})
 * @param fragOffset  fragment offset in bytes (the wire carries it in units of 8)
 */
public record Ipv4Header(int version, int ihl, int tos, int totalLength, int id, int flags, int fragOffset,
                         int ttl, int protocol, int checksum, int saddr, int daddr) implements Ipv4HeaderView {
    public static final int MIN_LENGTH = 20;
    public static final int MAX_DATAGRAM = 65535;
    /** Don't Fragment. */
    public static final int DF = 0x4000;
    /** More Fragments. */
    public static final int MF = 0x2000;
    private static final int OFFSET_MASK = 0x1fff;

    /** A header for an outgoing datagram without options. */
    public static Ipv4Header of(int tos, int totalLength, int id, int flags, int ttl, int protocol, int saddr, int daddr) {
        return new Ipv4Header(4, 5, tos, totalLength, id, flags, 0, ttl, protocol, 0, saddr, daddr);
    }

    /** Reads the fixed 20 bytes at {@code off}; the caller has checked that they exist. Nothing is validated. */
    public static Ipv4Header parse(byte[] b, int off) {
        // TODO(1): read the 20-byte header at off (RFC 791 §3.1); big-endian fields
        throw new UnsupportedOperationException("TODO: Ipv4Header.parse (lab 2, step 1)");
    }

    public int headerLength() { return ihl * 4; }

    public int payloadLength() { return totalLength - headerLength(); }

    public boolean moreFragments() { return (flags & MF) != 0; }

    public boolean dontFragment() { return (flags & DF) != 0; }

    /** A fragment is any datagram with MF set or a non-zero offset (RFC 791 §3.2, reassembly). */
    public boolean isFragment() { return moreFragments() || fragOffset != 0; }

    public Ipv4Header withTotalLength(int len) {
        return new Ipv4Header(version, ihl, tos, len, id, flags, fragOffset, ttl, protocol, checksum, saddr, daddr);
    }

    public Ipv4Header withFragment(int flagBits, int offsetBytes) {
        return new Ipv4Header(version, ihl, tos, totalLength, id, flagBits, offsetBytes, ttl, protocol, checksum, saddr, daddr);
    }

    /**
     * Writes the fixed 20 bytes at {@code off} and fills in the header checksum over
     * {@link #headerLength()} bytes (so options, if the caller placed them after, are covered).
     */
    public void writeTo(byte[] b, int off) {
        // TODO(1): write the 20-byte header with its checksum (RFC 791 §3.1, RFC 1071)
        throw new UnsupportedOperationException("TODO: Ipv4Header.writeTo (lab 2, step 1)");
    }

    // ---------------------------------------------------------------- the checksum, in place

    /** RFC 791: the ones' complement sum over the header, checksum included, is all ones; so this is 0 when valid. */
    public static boolean checksumOk(byte[] b, int off, int headerLength) {
        // TODO(1): the one's complement sum over a correct header is 0xffff, so Checksum.compute gives 0
        throw new UnsupportedOperationException("TODO: Ipv4Header.checksumOk (lab 2, step 1)");
    }

    /** Recomputes the header checksum of the header at {@code off} (after any field changed). */
    public static void updateChecksum(byte[] b, int off) {
        // TODO(1): zero the checksum field, compute over IHL*4 bytes, store it
        throw new UnsupportedOperationException("TODO: Ipv4Header.updateChecksum (lab 2, step 1)");
    }

    /**
     * Decrements the TTL of the header at {@code off} and patches the checksum incrementally,
     * {@code HC' = ~(~HC + ~m + m')} (RFC 1624 eqn. 3), as a router must do per hop without
     * summing the whole header again. The 16-bit word changed is TTL:protocol.
     */
    public static void decrementTtl(byte[] b, int off) {
        // TODO(6): TTL - 1 and an incremental checksum update (RFC 1624 eqn. 3), or recompute
        throw new UnsupportedOperationException("TODO: Ipv4Header.decrementTtl (lab 2, step 6)");
    }

    /** Rewrites the destination address in place and fixes the checksum (for NAT-style rewriters and tests). */
    public static void setDaddr(byte[] b, int off, int daddr) {
        put32(b, off + 16, daddr);
        updateChecksum(b, off);
    }

    static int u16(byte[] b, int off) { return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff); }

    static int u32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    static void put16(byte[] b, int off, int v) { b[off] = (byte) (v >>> 8); b[off + 1] = (byte) v; }

    static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24); b[off + 1] = (byte) (v >>> 16); b[off + 2] = (byte) (v >>> 8); b[off + 3] = (byte) v;
    }
}
