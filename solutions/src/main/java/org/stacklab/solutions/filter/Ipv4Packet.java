package org.stacklab.solutions.filter;

import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.tcp.TcpHeader;

/**
 * The headers the firewall looks at, read in place from an skb's bytes (no copy): the IPv4 header
 * (RFC 791 §3.1) at {@code skb.networkHeader()} and, for the first fragment, the TCP (RFC 9293
 * §3.1), UDP (RFC 768) or ICMP (RFC 792) header after it. One instance is reused per hook depth.
 */
final class Ipv4Packet {
    static final int TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08, TCP_ACK = 0x10, TCP_URG = 0x20,
            TCP_ECE = 0x40, TCP_CWR = 0x80;

    SkBuff skb;
    int nh;           // offset of the IPv4 header
    int ihl;          // header length in bytes
    int totLen;
    int tos, ttl, id, protocol;
    int fragField;    // flags and fragment offset word
    int saddr, daddr;
    int th;           // offset of the transport header, or -1 if absent (later fragment) or truncated
    int sport, dport;
    boolean transportTruncated;

    /** Reads the headers; false if the IPv4 header itself is malformed (nothing else is valid then). */
    boolean parse(SkBuff s) {
        skb = s;
        th = -1;
        sport = dport = 0;
        transportTruncated = false;
        nh = s.networkHeader() >= 0 ? s.networkHeader() : s.data();
        int avail = s.tail() - nh;
        if (nh < 0 || avail < 20) return false;
        int vihl = s.u8(nh);
        if ((vihl >>> 4) != 4) return false;
        ihl = (vihl & 0x0f) * 4;
        totLen = s.u16(nh + 2);
        if (ihl < 20 || ihl > avail || totLen < ihl || totLen > avail) return false;
        tos = s.u8(nh + 1);
        id = s.u16(nh + 4);
        fragField = s.u16(nh + 6);
        ttl = s.u8(nh + 8);
        protocol = s.u8(nh + 9);
        saddr = s.u32(nh + 12);
        daddr = s.u32(nh + 16);
        if (fragOffset() != 0) return true;   // a later fragment carries no transport header
        int t = nh + ihl;
        int tlen = totLen - ihl;
        switch (protocol) {
            case 6:
                if (tlen < TcpHeader.MIN_LENGTH || TcpHeader.dataOffsetAt(s.buf(), t) < TcpHeader.MIN_LENGTH
                        || TcpHeader.dataOffsetAt(s.buf(), t) > tlen) {
                    transportTruncated = true;
                    return true;
                }
                break;
            case 17:
                if (tlen < 8) { transportTruncated = true; return true; }
                break;
            case 1:
                if (tlen < 8) { transportTruncated = true; return true; }
                break;
            default:
                return true;
        }
        th = t;
        if (protocol != 1) {
            sport = s.u16(t);
            dport = s.u16(t + 2);
        }
        return true;
    }

    int fragOffset() { return fragField & 0x1fff; }
    boolean dontFragment() { return (fragField & 0x4000) != 0; }
    boolean moreFragments() { return (fragField & 0x2000) != 0; }
    boolean hasPorts() { return th >= 0 && (protocol == 6 || protocol == 17); }

    // TCP fields through the codec's in-place readers (no allocation per packet).
    int tcpFlags() { return TcpHeader.flagsAt(skb.buf(), th); }
    long tcpSeq() { return TcpHeader.seqAt(skb.buf(), th); }
    long tcpAck() { return TcpHeader.ackAt(skb.buf(), th); }
    int tcpWindow() { return TcpHeader.windowAt(skb.buf(), th); }
    int tcpDataOffset() { return TcpHeader.dataOffsetAt(skb.buf(), th); }
    int tcpUrgent() { return TcpHeader.urgentAt(skb.buf(), th); }
    int udpLen() { return skb.u16(th + 4); }
    int icmpType() { return skb.u8(th); }
    int icmpCode() { return skb.u8(th + 1); }
}
