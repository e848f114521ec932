package org.stacklab.solutions.filter;

import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.tcp.TcpHeader;

/**
 * Rewrites addresses and ports in place and patches the checksums incrementally (RFC 1624 eqn. 3,
 * as Linux's inet_proto_csum_replace4 does), so a datagram that was corrupted on the wire stays
 * detectably corrupt instead of being given a fresh, valid checksum.
 */
final class Mangle {
    private Mangle() {}

    /** HC' = ~(~HC + ~m + m'), in ones' complement arithmetic. */
    static int replace16(int hc, int old, int neu) {
        int sum = (~hc & 0xffff) + (~old & 0xffff) + (neu & 0xffff);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        return ~sum & 0xffff;
    }

    static int replace32(int hc, int old, int neu) {
        return replace16(replace16(hc, old >>> 16, neu >>> 16), old & 0xffff, neu & 0xffff);
    }

    /** Offset of the transport checksum, or -1 (none, or UDP sent without one: RFC 768). */
    private static int transportCsum(Ipv4Packet p) {
        if (p.th < 0) return -1;
        if (p.protocol == 6) return p.th + TcpHeader.CHECKSUM_OFFSET;
        if (p.protocol == 17) return p.skb.u16(p.th + 6) == 0 ? -1 : p.th + 6;
        return -1;
    }

    /** Sets the source (dst=false) or destination address and fixes IP and pseudo-header checksums. */
    static void setAddress(Ipv4Packet p, boolean dst, int addr) {
        SkBuff s = p.skb;
        int at = p.nh + (dst ? 16 : 12);
        int old = s.u32(at);
        if (old == addr) return;
        s.set32(at, addr);
        s.set16(p.nh + 10, replace32(s.u16(p.nh + 10), old, addr));
        int c = transportCsum(p);
        if (c >= 0) s.set16(c, fixUdpZero(p, replace32(s.u16(c), old, addr)));
        if (dst) p.daddr = addr; else p.saddr = addr;
    }

    /** Sets the source (dst=false) or destination port and fixes the transport checksum. */
    static void setPort(Ipv4Packet p, boolean dst, int port) {
        if (!p.hasPorts()) return;
        SkBuff s = p.skb;
        int at = p.th + (dst ? 2 : 0);
        int old = s.u16(at);
        if (old == port) return;
        s.set16(at, port);
        int c = transportCsum(p);
        if (c >= 0) s.set16(c, fixUdpZero(p, replace16(s.u16(c), old, port)));
        if (dst) p.dport = port; else p.sport = port;
    }

    /** A UDP checksum that computes to 0 is sent as 0xFFFF, since 0 means "no checksum" (RFC 768). */
    private static int fixUdpZero(Ipv4Packet p, int c) {
        return p.protocol == 17 && c == 0 ? 0xffff : c;
    }
}
