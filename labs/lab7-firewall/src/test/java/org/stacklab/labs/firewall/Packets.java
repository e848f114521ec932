package org.stacklab.labs.firewall;

import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.SkBuff;

/**
 * Builds IPv4 packets byte by byte, as they would sit in an skb at the hooks, and reads them back.
 * A received packet has its Ethernet header in front (mac header at 0, IP header at 14, data at the
 * IP header); a locally sent one has headroom in front and data at the IP header.
 */
final class Packets {
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
    static final long MAC_A = 0x020000000001L, MAC_B = 0x020000000002L;

    private Packets() {}

    static int ip(String s) { return Ip4.parse(s); }

    /** A TCP segment with a 20-byte header and {@code payload} bytes of zeros. */
    static SkBuff tcp(boolean received, String src, int sport, String dst, int dport, int flags, long seq, long ack, int payload) {
        return build(received, ip(src), ip(dst), 6, 20 + payload, (b, t) -> {
            set16(b, t, sport);
            set16(b, t + 2, dport);
            set32(b, t + 4, (int) seq);
            set32(b, t + 8, (int) ack);
            b[t + 12] = (byte) (5 << 4);
            b[t + 13] = (byte) flags;
            set16(b, t + 14, 64240);
        }, 16);
    }

    static SkBuff udp(boolean received, String src, int sport, String dst, int dport, int payload) {
        return build(received, ip(src), ip(dst), 17, 8 + payload, (b, t) -> {
            set16(b, t, sport);
            set16(b, t + 2, dport);
            set16(b, t + 4, 8 + payload);
        }, 6);
    }

    static SkBuff icmpEcho(boolean received, String src, String dst, int id, int seq) {
        return build(received, ip(src), ip(dst), 1, 8 + 56, (b, t) -> {
            b[t] = 8;
            set16(b, t + 4, id);
            set16(b, t + 6, seq);
        }, -1);
    }

    private interface Fill {
        void fill(byte[] b, int t);
    }

    private static SkBuff build(boolean received, int saddr, int daddr, int proto, int tlen, Fill fill, int csumOff) {
        int totLen = 20 + tlen;
        int nh = received ? 14 : SkBuff.DEFAULT_HEADROOM;
        byte[] b = new byte[nh + totLen];
        if (received) {
            writeMac(b, 0, MAC_B);
            writeMac(b, 6, MAC_A);
            set16(b, 12, 0x0800);
        }
        b[nh] = 0x45;
        set16(b, nh + 2, totLen);
        set16(b, nh + 4, 1);
        set16(b, nh + 6, 0x4000);   // DF
        b[nh + 8] = 64;
        b[nh + 9] = (byte) proto;
        set32(b, nh + 12, saddr);
        set32(b, nh + 16, daddr);
        set16(b, nh + 10, Checksum.compute(b, nh, 20));
        int t = nh + 20;
        fill.fill(b, t);
        if (csumOff >= 0) set16(b, t + csumOff, Checksum.transport(saddr, daddr, proto, b, t, tlen));
        else set16(b, t + 2, Checksum.compute(b, t, tlen));
        SkBuff skb = SkBuff.wrap(b, b.length);
        if (received) {
            skb.setMacHeader(0);
            skb.pull(14);
        } else {
            skb.pull(nh);
        }
        skb.resetNetworkHeader();
        skb.setTransportHeader(t);
        return skb;
    }

    /** The IPv4 datagram cut to {@code len} bytes (a malformed packet), with the Ethernet header kept. */
    static SkBuff truncated(SkBuff skb, int len) {
        skb.trim(len);
        return skb;
    }

    // ---- reading back ----

    static int nh(SkBuff s) { return s.networkHeader(); }
    static int saddr(SkBuff s) { return s.u32(nh(s) + 12); }
    static int daddr(SkBuff s) { return s.u32(nh(s) + 16); }
    static int th(SkBuff s) { return nh(s) + (s.u8(nh(s)) & 0xf) * 4; }
    static int sport(SkBuff s) { return s.u16(th(s)); }
    static int dport(SkBuff s) { return s.u16(th(s) + 2); }
    static int protocol(SkBuff s) { return s.u8(nh(s) + 9); }
    static int totLen(SkBuff s) { return s.u16(nh(s) + 2); }

    static boolean ipChecksumOk(SkBuff s) { return Checksum.compute(s.buf(), nh(s), 20) == 0; }

    static boolean transportChecksumOk(SkBuff s) {
        int tlen = totLen(s) - 20;
        int sum = Checksum.finish(Checksum.add(Checksum.pseudoHeader(saddr(s), daddr(s), protocol(s), tlen), s.buf(), th(s), tlen));
        return sum == 0;
    }

    /** {@code IP 10.0.0.1.40000 > 10.0.0.2.80: tcp flags 0x02} — for failure messages. */
    static String describe(SkBuff s) {
        if (s.networkHeader() < 0 || s.tail() - s.networkHeader() < 20) return "(no IPv4 header)";
        String proto = protocol(s) == 6 ? "tcp" : protocol(s) == 17 ? "udp" : protocol(s) == 1 ? "icmp" : "proto " + protocol(s);
        if (protocol(s) == 1) return "IP " + Ip4.format(saddr(s)) + " > " + Ip4.format(daddr(s)) + ": ICMP type " + s.u8(th(s));
        String flags = protocol(s) == 6 ? String.format(" flags 0x%02x", s.u8(th(s) + 13)) : "";
        return "IP " + Ip4.format(saddr(s)) + "." + sport(s) + " > " + Ip4.format(daddr(s)) + "." + dport(s) + ": " + proto + flags
                + ", length " + totLen(s);
    }

    private static void writeMac(byte[] b, int off, long mac) {
        for (int i = 0; i < 6; i++) b[off + i] = (byte) (mac >>> (40 - 8 * i));
    }

    static void set16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void set32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
