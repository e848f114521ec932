package org.stacklab.scenario;

import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.MacAddr;

/**
 * Builds well-formed Ethernet frames byte by byte (ARP, IPv4 with ICMP, UDP or TCP), with correct
 * checksums, for tests, fuzzing seeds and hand-made traffic. Fields are host-order ints and longs
 * as the kernel keeps them ({@code Ip4}, {@code MacAddr}).
 */
public final class Frames {
    private Frames() {}

    public static final int ETH_HLEN = 14;
    public static final int IP_HLEN = 20;

    /** An ARP request: who-has {@code tpa} tell {@code spa}, broadcast. */
    public static byte[] arpRequest(long sha, int spa, int tpa) {
        return arp(MacAddr.BROADCAST, 1, sha, spa, 0, tpa);
    }

    /** An ARP reply: {@code spa} is-at {@code sha}, to {@code tha}. */
    public static byte[] arpReply(long sha, int spa, long tha, int tpa) {
        return arp(tha, 2, sha, spa, tha, tpa);
    }

    private static byte[] arp(long dst, int op, long sha, int spa, long tha, int tpa) {
        byte[] f = new byte[ETH_HLEN + 28];
        ether(f, dst, sha, 0x0806);
        int o = ETH_HLEN;
        put16(f, o, 1);
        put16(f, o + 2, 0x0800);
        f[o + 4] = 6;
        f[o + 5] = 4;
        put16(f, o + 6, op);
        MacAddr.write(sha, f, o + 8);
        put32(f, o + 14, spa);
        MacAddr.write(tha, f, o + 18);
        put32(f, o + 24, tpa);
        return f;
    }

    /** An ICMP echo request or reply with {@code dataLen} bytes of pattern data. */
    public static byte[] icmpEcho(long dmac, long smac, int saddr, int daddr, boolean request, int id, int seq, int dataLen, int ttl) {
        byte[] icmp = new byte[8 + dataLen];
        icmp[0] = (byte) (request ? 8 : 0);
        put16(icmp, 4, id);
        put16(icmp, 6, seq);
        for (int i = 0; i < dataLen; i++) icmp[8 + i] = (byte) i;
        put16(icmp, 2, Checksum.compute(icmp, 0, icmp.length));
        return ipv4(dmac, smac, saddr, daddr, 1, ttl, 0, 0, icmp);
    }

    /** A UDP datagram with a correct checksum. */
    public static byte[] udp(long dmac, long smac, int saddr, int sport, int daddr, int dport, byte[] payload) {
        byte[] u = new byte[8 + payload.length];
        put16(u, 0, sport);
        put16(u, 2, dport);
        put16(u, 4, u.length);
        System.arraycopy(payload, 0, u, 8, payload.length);
        int c = Checksum.transport(saddr, daddr, 17, u, 0, u.length);
        put16(u, 6, c == 0 ? 0xffff : c);
        return ipv4(dmac, smac, saddr, daddr, 17, 64, 0, 0, u);
    }

    /** A TCP segment; {@code options} must be a multiple of 4 bytes long. */
    public static byte[] tcp(long dmac, long smac, int saddr, int sport, int daddr, int dport,
                             long seq, long ack, int flags, int window, byte[] options, byte[] payload) {
        int hlen = 20 + options.length;
        byte[] t = new byte[hlen + payload.length];
        put16(t, 0, sport);
        put16(t, 2, dport);
        put32(t, 4, (int) seq);
        put32(t, 8, (int) ack);
        t[12] = (byte) ((hlen / 4) << 4);
        t[13] = (byte) flags;
        put16(t, 14, window);
        System.arraycopy(options, 0, t, 20, options.length);
        System.arraycopy(payload, 0, t, hlen, payload.length);
        put16(t, 16, Checksum.transport(saddr, daddr, 6, t, 0, t.length));
        return ipv4(dmac, smac, saddr, daddr, 6, 64, 0, 0, t);
    }

    /**
     * An IPv4 datagram around {@code payload} in an Ethernet frame. {@code fragField} is the 16-bit
     * flags+offset field (0x2000 = MF, offset in 8-byte units).
     */
    public static byte[] ipv4(long dmac, long smac, int saddr, int daddr, int proto, int ttl, int id, int fragField, byte[] payload) {
        byte[] f = new byte[ETH_HLEN + IP_HLEN + payload.length];
        ether(f, dmac, smac, 0x0800);
        int o = ETH_HLEN;
        f[o] = 0x45;
        put16(f, o + 2, IP_HLEN + payload.length);
        put16(f, o + 4, id);
        put16(f, o + 6, fragField);
        f[o + 8] = (byte) ttl;
        f[o + 9] = (byte) proto;
        put32(f, o + 12, saddr);
        put32(f, o + 16, daddr);
        put16(f, o + 10, Checksum.compute(f, o, IP_HLEN));
        System.arraycopy(payload, 0, f, o + IP_HLEN, payload.length);
        return f;
    }

    /** Writes the Ethernet header. */
    public static void ether(byte[] f, long dst, long src, int type) {
        MacAddr.write(dst, f, 0);
        MacAddr.write(src, f, 6);
        put16(f, 12, type);
    }

    /**
     * Recomputes the IPv4 header checksum of a frame (after a test edited the header); does nothing
     * when the header length field points past the frame or below the checksum field.
     */
    public static void fixIpChecksum(byte[] f) {
        int ihl = (f[ETH_HLEN] & 0xf) * 4;
        if (ihl < 12 || ETH_HLEN + ihl > f.length) return;
        put16(f, ETH_HLEN + 10, 0);
        put16(f, ETH_HLEN + 10, Checksum.compute(f, ETH_HLEN, ihl));
    }

    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    public static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    public static int get16(byte[] b, int off) { return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff); }
}
