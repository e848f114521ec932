package org.stacklab.kernel.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071): the 16-bit ones' complement of the ones' complement sum. IPv4,
 * ICMP, UDP and TCP all use it; TCP and UDP add a pseudo-header (RFC 9293 §3.1, RFC 768).
 *
 * <p>The sum is accumulated 32 bits at a time in a {@code long} and folded once at the end, so the
 * hot path does one add per four bytes and no allocation.
 */
public final class Checksum {
    private Checksum() {}

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * Adds bytes {@code [off, off+len)} to a running (unfolded) sum, the byte at {@code off} being
     * the high byte of a 16-bit word.
     *
     * <p>Eight bytes are loaded at once and added as two 32-bit halves: the ones' complement sum
     * does not care how wide the words are as long as the carries are folded back in at the end
     * (RFC 1071 §2(B)), and a {@code long} holds the carries of any buffer under 2 GiB.
     */
    public static long add(long sum, byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        // Four independent loads per round: the adds of one word do not wait for the previous one's.
        long s0 = 0, s1 = 0;
        while (end - i >= 32) {
            long v0 = (long) LONG_BE.get(b, i);
            long v1 = (long) LONG_BE.get(b, i + 8);
            long v2 = (long) LONG_BE.get(b, i + 16);
            long v3 = (long) LONG_BE.get(b, i + 24);
            s0 += (v0 >>> 32) + (v0 & 0xffffffffL) + (v2 >>> 32) + (v2 & 0xffffffffL);
            s1 += (v1 >>> 32) + (v1 & 0xffffffffL) + (v3 >>> 32) + (v3 & 0xffffffffL);
            i += 32;
        }
        sum += s0 + s1;
        while (end - i >= 8) {
            long v = (long) LONG_BE.get(b, i);
            sum += (v >>> 32) + (v & 0xffffffffL);
            i += 8;
        }
        if (end - i >= 4) {
            sum += (((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)) + (((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff));
            i += 4;
        }
        if (end - i >= 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
            i += 2;
        }
        if (i < end) sum += (b[i] & 0xff) << 8;
        return sum;
    }

    /** Folds a running sum to 16 bits and complements it: the value to put in the header. */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }

    /** Checksum of {@code len} bytes at {@code off}. Verifying a header that contains its checksum gives 0. */
    public static int compute(byte[] b, int off, int len) {
        return finish(add(0, b, off, len));
    }

    /** The TCP/UDP pseudo-header sum: source, destination, zero, protocol, length. */
    public static long pseudoHeader(int saddr, int daddr, int protocol, int length) {
        return (long) (saddr >>> 16) + (saddr & 0xffff) + (daddr >>> 16) + (daddr & 0xffff) + protocol + length;
    }

    /** Transport checksum over pseudo-header + segment {@code [off, off+len)}. */
    public static int transport(int saddr, int daddr, int protocol, byte[] b, int off, int len) {
        return finish(add(pseudoHeader(saddr, daddr, protocol, len), b, off, len));
    }
}
