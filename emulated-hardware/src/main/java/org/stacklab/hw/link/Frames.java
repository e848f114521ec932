package org.stacklab.hw.link;

/** Reading Ethernet header fields from a raw frame; MACs are 48-bit longs, first octet most significant. */
public final class Frames {
    private Frames() {}

    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    public static long dst(byte[] f) { return mac(f, 0); }

    public static long src(byte[] f) { return mac(f, 6); }

    public static long mac(byte[] f, int off) {
        return ((long) (f[off] & 0xff) << 40) | ((long) (f[off + 1] & 0xff) << 32) | ((long) (f[off + 2] & 0xff) << 24)
                | ((f[off + 3] & 0xff) << 16) | ((f[off + 4] & 0xff) << 8) | (f[off + 5] & 0xff);
    }

    public static void putMac(byte[] f, int off, long mac) {
        for (int i = 5; i >= 0; i--) {
            f[off + i] = (byte) mac;
            mac >>>= 8;
        }
    }

    /** Group bit: the least significant bit of the first octet (broadcast is a multicast). */
    public static boolean isMulticast(long mac) { return ((mac >>> 40) & 1) != 0; }

    public static int etherType(byte[] f) { return ((f[12] & 0xff) << 8) | (f[13] & 0xff); }

    /** {@code 52:54:00:12:34:56}. */
    public static String formatMac(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int o = (int) (mac >>> (8 * i)) & 0xff;
            if (i < 5) sb.append(':');
            sb.append(Character.forDigit(o >>> 4, 16)).append(Character.forDigit(o & 15, 16));
        }
        return sb.toString();
    }

    /** A frame of {@code len} bytes from {@code src} to {@code dst} with {@code etherType}, payload bytes 0,1,2... */
    public static byte[] build(long dst, long src, int etherType, int len) {
        byte[] f = new byte[len];
        putMac(f, 0, dst);
        putMac(f, 6, src);
        f[12] = (byte) (etherType >>> 8);
        f[13] = (byte) etherType;
        for (int i = 14; i < len; i++) f[i] = (byte) (i - 14);
        return f;
    }
}
