package org.stacklab.solutions.filter;

import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;

/**
 * The LOG target's line, laid out as Linux's nf_log_ipv4 writes it:
 * {@code PREFIX IN=eth0 OUT= MAC=... SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64
 * ID=1 DF PROTO=TCP SPT=40000 DPT=80 WINDOW=64240 RES=0x00 SYN URGP=0}.
 */
final class PacketLog {
    private PacketLog() {}

    static String format(String prefix, Ipv4Packet p, NetDevice in, NetDevice out) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(prefix).append("IN=").append(in == null ? "" : in.name()).append(" OUT=").append(out == null ? "" : out.name()).append(' ');
        SkBuff s = p.skb;
        if (in != null && s.macHeader() >= 0 && p.nh - s.macHeader() == 14) {
            sb.append("MAC=");
            for (int i = s.macHeader(); i < p.nh; i++) {
                if (i > s.macHeader()) sb.append(':');
                sb.append(String.format("%02x", s.u8(i)));
            }
            sb.append(' ');
        }
        sb.append("SRC=").append(Ip4.format(p.saddr)).append(" DST=").append(Ip4.format(p.daddr)).append(' ');
        sb.append("LEN=").append(p.totLen).append(String.format(" TOS=0x%02X PREC=0x%02X ", p.tos & 0x1e, p.tos & 0xe0));
        sb.append("TTL=").append(p.ttl).append(" ID=").append(p.id).append(' ');
        if ((p.fragField & 0x8000) != 0) sb.append("CE ");
        if (p.dontFragment()) sb.append("DF ");
        if (p.moreFragments()) sb.append("MF ");
        if (p.fragOffset() != 0) sb.append("FRAG:").append(p.fragOffset()).append(' ');
        switch (p.protocol) {
            case 6:
                sb.append("PROTO=TCP ");
                if (p.fragOffset() != 0) break;
                if (p.th < 0) { sb.append("INCOMPLETE [").append(p.totLen - p.ihl).append(" bytes] "); break; }
                sb.append("SPT=").append(p.sport).append(" DPT=").append(p.dport).append(' ');
                sb.append("WINDOW=").append(p.tcpWindow()).append(' ');
                sb.append(String.format("RES=0x%02x ", (p.skb.u8(p.th + 12) & 0x0f) << 4 & 0xff));
                int f = p.tcpFlags();
                if ((f & Ipv4Packet.TCP_CWR) != 0) sb.append("CWR ");
                if ((f & Ipv4Packet.TCP_ECE) != 0) sb.append("ECE ");
                if ((f & Ipv4Packet.TCP_URG) != 0) sb.append("URG ");
                if ((f & Ipv4Packet.TCP_ACK) != 0) sb.append("ACK ");
                if ((f & Ipv4Packet.TCP_PSH) != 0) sb.append("PSH ");
                if ((f & Ipv4Packet.TCP_RST) != 0) sb.append("RST ");
                if ((f & Ipv4Packet.TCP_SYN) != 0) sb.append("SYN ");
                if ((f & Ipv4Packet.TCP_FIN) != 0) sb.append("FIN ");
                sb.append("URGP=").append(p.tcpUrgent()).append(' ');
                break;
            case 17:
                sb.append("PROTO=UDP ");
                if (p.fragOffset() != 0) break;
                if (p.th < 0) { sb.append("INCOMPLETE [").append(p.totLen - p.ihl).append(" bytes] "); break; }
                sb.append("SPT=").append(p.sport).append(" DPT=").append(p.dport).append(" LEN=").append(p.udpLen()).append(' ');
                break;
            case 1:
                sb.append("PROTO=ICMP ");
                if (p.fragOffset() != 0) break;
                if (p.th < 0) { sb.append("INCOMPLETE [").append(p.totLen - p.ihl).append(" bytes] "); break; }
                sb.append("TYPE=").append(p.icmpType()).append(" CODE=").append(p.icmpCode()).append(' ');
                if (p.icmpType() == 0 || p.icmpType() == 8) {
                    sb.append("ID=").append(p.skb.u16(p.th + 4)).append(" SEQ=").append(p.skb.u16(p.th + 6)).append(' ');
                }
                break;
            default:
                sb.append("PROTO=").append(p.protocol).append(' ');
        }
        return sb.toString().trim();
    }
}
