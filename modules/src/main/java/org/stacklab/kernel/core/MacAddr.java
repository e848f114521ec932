package org.stacklab.kernel.core;

/** Ethernet (MAC) addresses as a {@code long} holding 48 bits, first octet most significant. */
public final class MacAddr {
    private MacAddr() {}

    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
    public static final long ZERO = 0;

    public static long read(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }

    public static void write(long mac, byte[] b, int off) {
        for (int i = 5; i >= 0; i--) {
            b[off + i] = (byte) mac;
            mac >>>= 8;
        }
    }

    public static boolean isMulticast(long mac) { return ((mac >>> 40) & 1) != 0; }

    public static String format(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int o = (int) (mac >>> (8 * i)) & 0xff;
            if (sb.length() > 0) sb.append(':');
            sb.append(Character.forDigit(o >>> 4, 16)).append(Character.forDigit(o & 15, 16));
        }
        return sb.toString();
    }

    public static long parse(String s) {
        String[] p = s.split(":");
        if (p.length != 6) throw new IllegalArgumentException("not a MAC address: '" + s + "'");
        long v = 0;
        for (String x : p) {
            int o;
            try {
                o = Integer.parseInt(x, 16);
            } catch (NumberFormatException e) {
                o = -1;
            }
            if (o < 0 || o > 255 || x.length() > 2) throw new IllegalArgumentException("not a MAC address: '" + s + "'");
            v = (v << 8) | o;
        }
        return v;
    }
}
