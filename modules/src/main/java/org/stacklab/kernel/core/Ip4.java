package org.stacklab.kernel.core;

/**
 * IPv4 addresses as the kernel keeps them: an {@code int} in host order (10.0.0.1 = 0x0A000001), so
 * comparisons, masks and prefix matches are plain integer operations and nothing is allocated.
 */
public final class Ip4 {
    private Ip4() {}

    public static final int ANY = 0;
    public static final int BROADCAST = 0xFFFFFFFF;
    public static final int LOOPBACK = 0x7F000001;

    /** Parses dotted-quad {@code 10.0.0.1}; throws IllegalArgumentException on anything else. */
    public static int parse(String s) {
        String[] p = s.trim().split("\\.", -1);
        if (p.length != 4) throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
        int a = 0;
        for (String part : p) {
            int v;
            try {
                v = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
            }
            if (v < 0 || v > 255 || part.isEmpty()) throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
            a = (a << 8) | v;
        }
        return a;
    }

    public static String format(int a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    /** Netmask for a prefix length: 24 → 0xFFFFFF00. */
    public static int mask(int prefixLen) {
        if (prefixLen < 0 || prefixLen > 32) throw new IllegalArgumentException("prefix length " + prefixLen);
        return prefixLen == 0 ? 0 : -1 << (32 - prefixLen);
    }

    public static boolean inSubnet(int addr, int network, int prefixLen) {
        int m = mask(prefixLen);
        return (addr & m) == (network & m);
    }

    public static boolean isMulticast(int a) { return (a >>> 28) == 0xE; }
    public static boolean isLoopback(int a) { return (a >>> 24) == 127; }
}
