package org.stacklab.kernel.core;

/**
 * Formats frames the way {@code tcpdump -n -S} prints them (numeric addresses, absolute sequence
 * numbers). Reads raw bytes only (no module's classes), so the trace works whichever
 * implementation of IP or TCP is loaded, and never throws: a short or malformed header prints as
 * tcpdump does, with a {@code [|proto]} truncation marker or a {@code bad ...} note.
 *
 * <p>Two additions to plain {@code tcpdump -n}: an IPv4 header whose checksum is wrong is marked
 * {@code (bad cksum 1234 (->abcd)!)}, as {@code tcpdump -v} marks it, and a fragment carries the
 * classic {@code (frag ID:LEN@OFFSET+)} note.
 */
public final class TcpdumpFormat {
    private TcpdumpFormat() {}

    public static final int ETH_P_IP = 0x0800;
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IPV6 = 0x86DD;
    public static final int ETH_P_8021Q = 0x8100;

    public static String timestamp(long nanos) {
        long us = nanos / 1000;
        return String.format("%d.%06d", us / 1_000_000, us % 1_000_000);
    }

    /** One-line description of a whole frame. */
    public static String describe(byte[] frame) {
        return describe(frame, 0, frame.length, NetDevice.ARPHRD_ETHER);
    }

    /**
     * One-line description of the frame {@code f[off, off+len)}. Every device, loopback included,
     * carries a 14-byte Ethernet header (lo's addresses are zero), so {@code devType} only matters
     * for how the link layer would be named.
     */
    public static String describe(byte[] f, int off, int len, int devType) {
        if (off < 0 || len < 0 || off + len > f.length) return "[|ether] bad capture bounds";
        if (len < 14) return "[|ether] truncated frame, length " + len;
        Bytes b = new Bytes(f, off + 14, len - 14);
        int type = u16(f, off + 12);
        StringBuilder sb = new StringBuilder(96);
        switch (type) {
            case ETH_P_IP -> ipv4(sb, b);
            case ETH_P_ARP -> arp(sb, b);
            case ETH_P_IPV6 -> sb.append("IP6, length ").append(b.len);
            default -> {
                if (type < 0x0600) sb.append("802.3, length ").append(len);
                else sb.append(String.format("ethertype Unknown (0x%04x), length %d", type, len));
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ ARP (RFC 826)

    static void arp(StringBuilder sb, Bytes b) {
        sb.append("ARP, ");
        if (b.len < 8) {
            sb.append("[|arp]");
            return;
        }
        int htype = b.u16(0), ptype = b.u16(2), hlen = b.u8(4), plen = b.u8(5), op = b.u16(6);
        if (htype != 1 || ptype != ETH_P_IP || hlen != 6 || plen != 4) {
            sb.append(String.format("hardware %d, protocol 0x%04x, hlen %d, plen %d, op %d, length %d",
                    htype, ptype, hlen, plen, op, b.len));
            return;
        }
        if (b.len < 28) {
            sb.append("[|arp]");
            return;
        }
        long sha = b.mac(8), tha = b.mac(18);
        String spa = Ip4.format(b.u32(14)), tpa = Ip4.format(b.u32(24));
        switch (op) {
            case 1 -> {
                sb.append("Request who-has ").append(tpa);
                if (tha != 0) sb.append(" (").append(MacAddr.format(tha)).append(')');
                sb.append(" tell ").append(spa);
            }
            case 2 -> sb.append("Reply ").append(spa).append(" is-at ").append(MacAddr.format(sha));
            default -> sb.append("Unknown opcode ").append(op);
        }
        sb.append(", length ").append(b.len);
    }

    // ------------------------------------------------------------------ IPv4 (RFC 791)

    static void ipv4(StringBuilder sb, Bytes b) {
        sb.append("IP ");
        if (b.len < 20) {
            sb.append("[|ip]");
            return;
        }
        int version = b.u8(0) >>> 4;
        int ihl = (b.u8(0) & 0xf) * 4;
        if (version != 4) {
            sb.setLength(sb.length() - 1);
            sb.append(", wrong version ").append(version).append(", length ").append(b.len);
            return;
        }
        if (ihl < 20) {
            sb.append("bad-hlen ").append(ihl);
            return;
        }
        int total = b.u16(2);
        int id = b.u16(4);
        int frag = b.u16(6);
        int proto = b.u8(9);
        int saddr = b.u32(12), daddr = b.u32(16);
        if (ihl > b.len) {
            sb.append("[|ip]");
            return;
        }
        int stored = b.u16(10);
        if (Checksum.compute(b.buf, b.off, ihl) != 0) {
            // What the sender should have written: the checksum over the header with the field zeroed.
            long sum = Checksum.add(0, b.buf, b.off, 10);
            sum = Checksum.add(sum, b.buf, b.off + 12, ihl - 12);
            sb.append(String.format("(bad cksum %x (->%x)!) ", stored, Checksum.finish(sum)));
        }
        if (total < ihl) {
            sb.append(Ip4.format(saddr)).append(" > ").append(Ip4.format(daddr))
              .append(": bad total length ").append(total).append(" < header ").append(ihl);
            return;
        }
        String missing = "";
        int avail = total;
        if (total > b.len) {
            missing = "truncated-ip - " + (total - b.len) + " bytes missing! ";
            avail = b.len;
        }
        boolean mf = (frag & 0x2000) != 0;
        int offset = (frag & 0x1fff) * 8;
        String fragNote = mf || offset != 0
                ? String.format(" (frag %d:%d@%d%s)", id, total - ihl, offset, mf ? "+" : "") : "";
        Bytes payload = b.slice(ihl, avail - ihl);
        int payloadLen = total - ihl;
        sb.append(missing);
        if (offset != 0) {
            // Later fragments carry no transport header: only the protocol can be named.
            sb.append(Ip4.format(saddr)).append(" > ").append(Ip4.format(daddr)).append(": ip-proto-")
              .append(proto).append(fragNote);
            return;
        }
        switch (proto) {
            case 1 -> {
                addrs(sb, saddr, -1, daddr, -1);
                TcpdumpTransport.icmp(sb, payload, payloadLen);
            }
            case 6 -> TcpdumpTransport.tcp(sb, payload, payloadLen, saddr, daddr);
            case 17 -> TcpdumpTransport.udp(sb, payload, payloadLen, saddr, daddr);
            default -> {
                addrs(sb, saddr, -1, daddr, -1);
                sb.append("ip-proto-").append(proto).append(' ').append(payloadLen);
            }
        }
        sb.append(fragNote);
    }

    /** {@code 10.0.0.1.5000 > 10.0.0.2.53: } (ports omitted when negative). */
    static void addrs(StringBuilder sb, int saddr, int sport, int daddr, int dport) {
        sb.append(Ip4.format(saddr));
        if (sport >= 0) sb.append('.').append(sport);
        sb.append(" > ").append(Ip4.format(daddr));
        if (dport >= 0) sb.append('.').append(dport);
        sb.append(": ");
    }

    static int u16(byte[] f, int off) { return ((f[off] & 0xff) << 8) | (f[off + 1] & 0xff); }

    /** A bounds-checked window on a frame; readers check {@link #len} before reading. */
    static final class Bytes {
        final byte[] buf;
        final int off;
        final int len;

        Bytes(byte[] buf, int off, int len) {
            this.buf = buf;
            this.off = off;
            this.len = Math.max(0, len);
        }

        Bytes slice(int from, int n) { return new Bytes(buf, off + from, Math.min(n, len - from)); }

        int u8(int i) { return buf[off + i] & 0xff; }
        int u16(int i) { return ((buf[off + i] & 0xff) << 8) | (buf[off + i + 1] & 0xff); }
        int u32(int i) { return (u16(i) << 16) | u16(i + 2); }
        long u32L(int i) { return u32(i) & 0xFFFFFFFFL; }
        long mac(int i) { return MacAddr.read(buf, off + i); }
    }
}
