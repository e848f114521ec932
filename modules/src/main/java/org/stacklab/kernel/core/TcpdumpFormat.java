package org.stacklab.kernel.core;

/**
 * Formats frames the way {@code tcpdump -n} prints them. Reads raw bytes only (no module's
 * classes), so the trace works whichever implementation of IP or TCP is loaded.
 */
public final class TcpdumpFormat {
    private TcpdumpFormat() {}

    public static String timestamp(long nanos) {
        long us = nanos / 1000;
        return String.format("%d.%06d", us / 1_000_000, us % 1_000_000);
    }

    /** One-line description of a frame (Ethernet, or raw IPv4 on loopback-type devices). */
    public static String describe(byte[] f, int off, int len, int devType) {
        if (len < 14) return "[|ether] truncated frame, length " + len;
        int type = ((f[off + 12] & 0xff) << 8) | (f[off + 13] & 0xff);
        return String.format("ethertype 0x%04x, length %d", type, len);
    }
}
