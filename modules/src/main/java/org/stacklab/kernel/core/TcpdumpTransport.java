package org.stacklab.kernel.core;

import org.stacklab.kernel.core.TcpdumpFormat.Bytes;

/** The transport part of {@link TcpdumpFormat}: ICMP (RFC 792), UDP (RFC 768), TCP (RFC 9293). */
final class TcpdumpTransport {
    private TcpdumpTransport() {}

    // ------------------------------------------------------------------ ICMP

    static void icmp(StringBuilder sb, Bytes b, int length) {
        sb.append("ICMP ");
        if (b.len < 4) {
            sb.append("[|icmp]");
            return;
        }
        int type = b.u8(0), code = b.u8(1);
        switch (type) {
            case 0, 8 -> {
                if (b.len < 8) {
                    sb.append("[|icmp]");
                    return;
                }
                sb.append(type == 8 ? "echo request" : "echo reply")
                  .append(", id ").append(b.u16(4)).append(", seq ").append(b.u16(6));
            }
            case 3 -> unreachable(sb, b, code);
            case 11 -> sb.append(code == 0 ? "time exceeded in-transit"
                    : code == 1 ? "ip reassembly time exceeded" : "time exceeded-#" + code);
            case 4 -> sb.append("source quench");
            case 5 -> sb.append("redirect").append(b.len >= 8 ? " to " + Ip4.format(b.u32(4)) : "");
            case 12 -> sb.append("parameter problem");
            case 13 -> sb.append("time stamp query");
            case 14 -> sb.append("time stamp reply");
            default -> sb.append("type-#").append(type);
        }
        sb.append(", length ").append(length);
    }

    /** Names the unreachable address (and port) from the quoted datagram, as tcpdump does. */
    private static void unreachable(StringBuilder sb, Bytes b, int code) {
        Bytes inner = b.len >= 8 ? b.slice(8, b.len - 8) : new Bytes(b.buf, 0, 0);
        if (inner.len < 20) {
            sb.append("unreachable - code ").append(code).append(" [|icmp]");
            return;
        }
        int ihl = (inner.u8(0) & 0xf) * 4;
        int proto = inner.u8(9);
        String dst = Ip4.format(inner.u32(16));
        switch (code) {
            case 0 -> sb.append("net ").append(dst).append(" unreachable");
            case 1 -> sb.append("host ").append(dst).append(" unreachable");
            case 2 -> sb.append(dst).append(" protocol ").append(proto).append(" unreachable");
            case 3 -> {
                if (ihl >= 20 && inner.len >= ihl + 4 && (proto == 6 || proto == 17)) {
                    sb.append(dst).append(proto == 6 ? " tcp port " : " udp port ").append(inner.u16(ihl + 2))
                      .append(" unreachable");
                } else {
                    sb.append(dst).append(" port unreachable");
                }
            }
            case 4 -> sb.append(dst).append(" unreachable - need to frag (mtu ").append(b.u16(6)).append(')');
            case 13 -> sb.append("host ").append(dst).append(" unreachable - admin prohibited filter");
            default -> sb.append(dst).append(" unreachable - code ").append(code);
        }
    }

    // ------------------------------------------------------------------ UDP

    static void udp(StringBuilder sb, Bytes b, int ipPayload, int saddr, int daddr) {
        if (b.len < 8) {
            TcpdumpFormat.addrs(sb, saddr, -1, daddr, -1);
            sb.append("[|udp]");
            return;
        }
        TcpdumpFormat.addrs(sb, saddr, b.u16(0), daddr, b.u16(2));
        int ulen = b.u16(4);
        if (ulen < 8 || ulen > ipPayload) {
            sb.append("UDP, bad length ").append(ulen).append(" > ").append(ipPayload - 8);
            return;
        }
        sb.append("UDP, length ").append(ulen - 8);
    }

    // ------------------------------------------------------------------ TCP

    private static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20, ECE = 0x40, CWR = 0x80;
    private static final int[] FLAG_BITS = {FIN, SYN, RST, PSH, ACK, URG, ECE, CWR};
    private static final char[] FLAG_CHARS = {'F', 'S', 'R', 'P', '.', 'U', 'E', 'W'};

    static void tcp(StringBuilder sb, Bytes b, int ipPayload, int saddr, int daddr) {
        if (b.len < 4) {
            TcpdumpFormat.addrs(sb, saddr, -1, daddr, -1);
            sb.append("[|tcp]");
            return;
        }
        TcpdumpFormat.addrs(sb, saddr, b.u16(0), daddr, b.u16(2));
        if (b.len < 20) {
            sb.append("[|tcp]");
            return;
        }
        int hlen = (b.u8(12) >>> 4) * 4;
        if (hlen < 20) {
            sb.append("tcp [bad hdr length ").append(hlen).append(" - too short, < 20]");
            return;
        }
        if (hlen > ipPayload) {
            sb.append("tcp [bad hdr length ").append(hlen).append(" - too long, > ").append(ipPayload).append(']');
            return;
        }
        int flags = b.u8(13);
        long seq = b.u32L(4), ack = b.u32L(8);
        int win = b.u16(14), urp = b.u16(18);
        int dataLen = ipPayload - hlen;
        sb.append("Flags [");
        if (flags == 0) sb.append("none");
        for (int i = 0; i < FLAG_BITS.length; i++) if ((flags & FLAG_BITS[i]) != 0) sb.append(FLAG_CHARS[i]);
        sb.append(']');
        if (dataLen > 0) sb.append(", seq ").append(seq).append(':').append((seq + dataLen) & 0xFFFFFFFFL);
        else if ((flags & (SYN | FIN | RST)) != 0) sb.append(", seq ").append(seq);
        if ((flags & ACK) != 0) sb.append(", ack ").append(ack);
        sb.append(", win ").append(win);
        if ((flags & URG) != 0) sb.append(", urg ").append(urp);
        if (hlen > 20) {
            if (b.len < hlen) {
                sb.append(", options [|tcp]");
                return;
            }
            sb.append(", options [");
            options(sb, b.slice(20, hlen - 20));
            sb.append(']');
        }
        sb.append(", length ").append(dataLen);
    }

    /** TCP options (RFC 9293 §3.2, RFC 7323, RFC 2018) in tcpdump's words. */
    private static void options(StringBuilder sb, Bytes o) {
        int i = 0;
        boolean first = true;
        while (i < o.len) {
            int kind = o.u8(i);
            if (!first) sb.append(',');
            first = false;
            if (kind == 0) {
                sb.append("eol");
                return;
            }
            if (kind == 1) {
                sb.append("nop");
                i++;
                continue;
            }
            if (i + 1 >= o.len) {
                sb.append("[|tcp]");
                return;
            }
            int len = o.u8(i + 1);
            if (len < 2 || i + len > o.len) {
                sb.append("opt-").append(kind).append(" [bad length ").append(len).append(']');
                return;
            }
            switch (kind) {
                case 2 -> sb.append(len == 4 ? "mss " + o.u16(i + 2) : "mss [bad length " + len + "]");
                case 3 -> sb.append(len == 3 ? "wscale " + o.u8(i + 2) : "wscale [bad length " + len + "]");
                case 4 -> sb.append("sackOK");
                case 5 -> {
                    sb.append("sack ").append((len - 2) / 8).append(' ');
                    for (int j = i + 2; j + 8 <= i + len; j += 8) {
                        sb.append('{').append(o.u32L(j)).append(':').append(o.u32L(j + 4)).append('}');
                    }
                }
                case 8 -> sb.append(len == 10 ? "TS val " + o.u32L(i + 2) + " ecr " + o.u32L(i + 6) : "TS [bad length " + len + "]");
                default -> sb.append("unknown-").append(kind);
            }
            i += len;
        }
    }
}
