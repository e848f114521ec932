package org.stacklab.kernel.filter;

import java.util.Objects;
import org.stacklab.kernel.core.Ip4;

/**
 * One iptables rule: where it lives (table, chain), what it matches, what it does, and how often it
 * has matched. The match fields are fixed when the rule is built; the counters
 * ({@link #packets()}, {@link #bytes()}) are the only mutable state and are advanced by the filter
 * implementation with {@link #count(int)} each time the rule matches, as {@code iptables -L -v}
 * shows them.
 *
 * <p>A field that is "any" matches every packet: protocol 0, prefix length 0, port range
 * 0..65535, interface null. Ports only apply to tcp and udp rules (iptables refuses
 * {@code --dport} without {@code -p tcp|udp}). An interface name ending in {@code +} matches
 * every device whose name starts with the rest ({@code eth+}).
 */
public final class Rule {
    public static final int ANY_PROTOCOL = 0;
    public static final int PROTO_ICMP = 1, PROTO_TCP = 6, PROTO_UDP = 17;

    private final Table table;
    private final Chain chain;
    private final int protocol;
    private final int src, srcPrefix, dst, dstPrefix;
    private final int sportLo, sportHi, dportLo, dportHi;
    private final String in, out;
    private final Target target;
    private final int toPort;
    private final String logPrefix;
    private final RejectWith rejectWith;

    private long packets;
    private long bytes;

    private Rule(Builder b) {
        table = b.table;
        chain = b.chain;
        protocol = b.protocol;
        srcPrefix = b.srcPrefix;
        src = b.src & Ip4.mask(b.srcPrefix);
        dstPrefix = b.dstPrefix;
        dst = b.dst & Ip4.mask(b.dstPrefix);
        sportLo = b.sportLo;
        sportHi = b.sportHi;
        dportLo = b.dportLo;
        dportHi = b.dportHi;
        in = b.in;
        out = b.out;
        target = b.target;
        toPort = b.toPort;
        logPrefix = b.logPrefix;
        rejectWith = b.target == Target.REJECT && b.rejectWith == null ? RejectWith.ICMP_PORT_UNREACHABLE : b.rejectWith;
    }

    public static Builder builder(Table table, Chain chain) { return new Builder(table, chain); }

    public Table table() { return table; }
    public Chain chain() { return chain; }
    /** IP protocol number to match (6 tcp, 17 udp, 1 icmp), or {@link #ANY_PROTOCOL}. */
    public int protocol() { return protocol; }
    /** Source network (already masked to {@link #srcPrefix()}); any when the prefix is 0. */
    public int src() { return src; }
    public int srcPrefix() { return srcPrefix; }
    public int dst() { return dst; }
    public int dstPrefix() { return dstPrefix; }
    public int sportLo() { return sportLo; }
    public int sportHi() { return sportHi; }
    public int dportLo() { return dportLo; }
    public int dportHi() { return dportHi; }
    public boolean hasSport() { return sportLo != 0 || sportHi != 0xffff; }
    public boolean hasDport() { return dportLo != 0 || dportHi != 0xffff; }
    /** Input interface ({@code -i}), possibly ending in {@code +}, or null for any. */
    public String in() { return in; }
    /** Output interface ({@code -o}), or null for any. */
    public String out() { return out; }
    public Target target() { return target; }
    /** REDIRECT's {@code --to-ports}, or 0 to keep the destination port. */
    public int toPort() { return toPort; }
    /** LOG's {@code --log-prefix}, or "" (Linux puts it straight before "IN="). */
    public String logPrefix() { return logPrefix; }
    /** REJECT's reply; null for other targets. */
    public RejectWith rejectWith() { return rejectWith; }

    // ---- counters ----

    public long packets() { return packets; }
    public long bytes() { return bytes; }

    /** Counts one matching packet of {@code len} bytes (the IP datagram, header included). */
    public void count(int len) {
        packets++;
        bytes += len;
    }

    /** {@code iptables -Z}. */
    public void zero() {
        packets = 0;
        bytes = 0;
    }

    /**
     * Same table, chain, matches and target ({@code iptables -D CHAIN rule-spec} deletes the first
     * rule for which this holds). Counters are not compared.
     */
    public boolean sameSpec(Rule o) {
        return table == o.table && chain == o.chain && protocol == o.protocol && src == o.src && srcPrefix == o.srcPrefix
                && dst == o.dst && dstPrefix == o.dstPrefix && sportLo == o.sportLo && sportHi == o.sportHi
                && dportLo == o.dportLo && dportHi == o.dportHi && Objects.equals(in, o.in) && Objects.equals(out, o.out)
                && target == o.target && toPort == o.toPort && Objects.equals(logPrefix, o.logPrefix)
                && rejectWith == o.rejectWith;
    }

    /** The name {@code -p} takes for a protocol number: tcp, udp, icmp, all, or the number. */
    public static String protocolName(int protocol) {
        switch (protocol) {
            case ANY_PROTOCOL: return "all";
            case PROTO_TCP: return "tcp";
            case PROTO_UDP: return "udp";
            case PROTO_ICMP: return "icmp";
            default: return Integer.toString(protocol);
        }
    }

    /** {@code 10.0.0.0/8}, or the bare address for a /32, as iptables prints an address and mask. */
    public static String formatNet(int addr, int prefix) {
        return prefix == 32 ? Ip4.format(addr) : Ip4.format(addr) + "/" + prefix;
    }

    private static String ports(int lo, int hi) { return lo == hi ? Integer.toString(lo) : lo + ":" + hi; }

    /** The rule as {@code iptables -S} prints it: {@code -A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 80 -j DROP}. */
    public String toSpec() {
        StringBuilder sb = new StringBuilder("-A ").append(chain.name());
        if (srcPrefix != 0) sb.append(" -s ").append(Ip4.format(src)).append('/').append(srcPrefix);
        if (dstPrefix != 0) sb.append(" -d ").append(Ip4.format(dst)).append('/').append(dstPrefix);
        if (in != null) sb.append(" -i ").append(in);
        if (out != null) sb.append(" -o ").append(out);
        if (protocol != ANY_PROTOCOL) sb.append(" -p ").append(protocolName(protocol));
        if (hasSport() || hasDport()) sb.append(" -m ").append(protocolName(protocol));
        if (hasSport()) sb.append(" --sport ").append(ports(sportLo, sportHi));
        if (hasDport()) sb.append(" --dport ").append(ports(dportLo, dportHi));
        sb.append(" -j ").append(target.name());
        if (target == Target.LOG && !logPrefix.isEmpty()) sb.append(" --log-prefix \"").append(logPrefix).append('"');
        if (target == Target.REJECT) sb.append(" --reject-with ").append(rejectWith.label());
        if (target == Target.REDIRECT && toPort != 0) sb.append(" --to-ports ").append(toPort);
        return sb.toString();
    }

    /** What {@code iptables -L} prints after the destination column: {@code tcp dpt:80 redir ports 8080}. */
    public String matchDescription() {
        StringBuilder sb = new StringBuilder();
        if (hasSport() || hasDport()) {
            sb.append(' ').append(protocolName(protocol));
            if (hasSport()) sb.append(sportLo == sportHi ? " spt:" : " spts:").append(ports(sportLo, sportHi));
            if (hasDport()) sb.append(dportLo == dportHi ? " dpt:" : " dpts:").append(ports(dportLo, dportHi));
        }
        switch (target) {
            case LOG:
                sb.append(" LOG flags 0 level 4");
                if (!logPrefix.isEmpty()) sb.append(" prefix \"").append(logPrefix).append('"');
                break;
            case REJECT:
                sb.append(" reject-with ").append(rejectWith.label());
                break;
            case REDIRECT:
                if (toPort != 0) sb.append(" redir ports ").append(toPort);
                break;
            default:
                break;
        }
        return sb.toString().trim();
    }

    @Override
    public String toString() {
        return (table == Table.FILTER ? "" : "-t " + table.label() + " ") + toSpec();
    }

    /** Builds a rule field by field (the parser and tests use it). */
    public static final class Builder {
        private final Table table;
        private final Chain chain;
        private int protocol = ANY_PROTOCOL;
        private int src, srcPrefix, dst, dstPrefix;
        private int sportLo = 0, sportHi = 0xffff, dportLo = 0, dportHi = 0xffff;
        private String in, out;
        private Target target;
        private int toPort;
        private String logPrefix = "";
        private RejectWith rejectWith;

        private Builder(Table table, Chain chain) {
            this.table = Objects.requireNonNull(table);
            this.chain = Objects.requireNonNull(chain);
        }

        public Builder protocol(int p) { protocol = p; return this; }
        public Builder source(int addr, int prefix) { src = addr; srcPrefix = checkPrefix(prefix); return this; }
        public Builder destination(int addr, int prefix) { dst = addr; dstPrefix = checkPrefix(prefix); return this; }
        public Builder sport(int port) { return sport(port, port); }
        public Builder sport(int lo, int hi) { sportLo = checkPort(lo); sportHi = checkPort(hi); return this; }
        public Builder dport(int port) { return dport(port, port); }
        public Builder dport(int lo, int hi) { dportLo = checkPort(lo); dportHi = checkPort(hi); return this; }
        public Builder in(String dev) { in = dev; return this; }
        public Builder out(String dev) { out = dev; return this; }
        public Builder target(Target t) { target = t; return this; }
        public Builder toPort(int port) { toPort = checkPort(port); return this; }
        public Builder logPrefix(String p) { logPrefix = p == null ? "" : p; return this; }
        public Builder rejectWith(RejectWith r) { rejectWith = r; return this; }

        public Rule build() {
            if (target == null) throw new IllegalStateException("a rule needs a target (-j)");
            return new Rule(this);
        }

        private static int checkPrefix(int p) {
            if (p < 0 || p > 32) throw new IllegalArgumentException("prefix length " + p);
            return p;
        }

        private static int checkPort(int p) {
            if (p < 0 || p > 0xffff) throw new IllegalArgumentException("port " + p);
            return p;
        }
    }
}
