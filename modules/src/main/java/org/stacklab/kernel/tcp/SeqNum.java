package org.stacklab.kernel.tcp;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4). Sequence numbers are kept in plain
 * {@code int}s; comparisons look at the sign of the 32-bit difference, so {@code lt(0xFFFFFFF0, 0x10)}
 * is true: 0x10 lies 32 bytes after 0xFFFFFFF0 across the wrap. Valid while the two numbers are less
 * than 2^31 apart, which the window sizes TCP allows guarantee (RFC 7323 §2.3).
 */
public final class SeqNum {
    private SeqNum() {}

    /** {@code a < b} in sequence space. */
    public static boolean lt(int a, int b) { return a - b < 0; }

    /** {@code a <= b} in sequence space. */
    public static boolean leq(int a, int b) { return a - b <= 0; }

    /** {@code a > b} in sequence space. */
    public static boolean gt(int a, int b) { return a - b > 0; }

    /** {@code a >= b} in sequence space. */
    public static boolean geq(int a, int b) { return a - b >= 0; }

    /** {@code a + n} wrapped to 32 bits. */
    public static int add(int a, int n) { return a + n; }

    /** The signed distance {@code a - b}: how many sequence numbers {@code a} lies after {@code b}. */
    public static int diff(int a, int b) { return a - b; }

    /** {@code lo <= x < hi}: whether {@code x} lies in the half-open window starting at {@code lo}. */
    public static boolean inWindow(int x, int lo, int hi) { return leq(lo, x) && lt(x, hi); }

    /** The later of two sequence numbers. */
    public static int max(int a, int b) { return gt(a, b) ? a : b; }

    /** The earlier of two sequence numbers. */
    public static int min(int a, int b) { return lt(a, b) ? a : b; }

    /** Unsigned text form for logs and traces. */
    public static String toString(int s) { return Integer.toUnsignedString(s); }
}
