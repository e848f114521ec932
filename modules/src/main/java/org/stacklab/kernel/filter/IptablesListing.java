package org.stacklab.kernel.filter;

import java.util.List;
import org.stacklab.kernel.core.Ip4;

/**
 * {@code iptables -L} and {@code -S} output in Linux's layout (iptables' print_header and
 * print_firewall), so the columns line up as students see them on a real host:
 *
 * <pre>
 * Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
 *  pkts bytes target     prot opt in     out     source               destination
 *     3   180 DROP       tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:80
 * </pre>
 */
public final class IptablesListing {
    private IptablesListing() {}

    /** {@code -L [CHAIN]} with {@code -n}, {@code -v}, {@code -x}, {@code --line-numbers}. */
    public static String list(List<RuleChain> chains, Chain only, boolean numeric, boolean verbose, boolean exact, boolean lineNumbers) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (RuleChain c : chains) {
            if (only != null && c.chain() != only) continue;
            if (!first) sb.append('\n');
            first = false;
            sb.append("Chain ").append(c.chain().name()).append(" (policy ").append(c.policy().name());
            if (verbose) sb.append(' ').append(c.policyPackets()).append(" packets, ").append(c.policyBytes()).append(" bytes");
            sb.append(")\n");
            if (lineNumbers) sb.append(String.format("%-4s ", "num"));
            if (verbose) {
                if (exact) sb.append(String.format("%8s %10s ", "pkts", "bytes"));
                else sb.append(String.format("%5s %5s ", "pkts", "bytes"));
            }
            sb.append(String.format("%-9s ", "target")).append(" prot opt");
            if (verbose) sb.append(String.format(" %-6s %-6s ", "in", "out"));
            sb.append(String.format(" %-19s  %-19s ", "source", "destination")).append('\n');
            int n = 0;
            for (Rule r : c.rules()) {
                n++;
                if (lineNumbers) sb.append(String.format("%-4d ", n));
                if (verbose) sb.append(num(r.packets(), exact)).append(num(r.bytes(), exact));
                sb.append(String.format("%-9s ", r.target().name()));
                sb.append(' ').append(String.format("%-5s", Rule.protocolName(r.protocol())));
                sb.append("-- ");
                if (verbose) {
                    sb.append(String.format(" %-6s ", iface(r.in(), numeric)));
                    sb.append(String.format("%-6s ", iface(r.out(), numeric)));
                }
                sb.append(' ').append(String.format("%-19s ", addr(r.src(), r.srcPrefix(), numeric)));
                sb.append(' ').append(String.format("%-19s ", addr(r.dst(), r.dstPrefix(), numeric)));
                String m = r.matchDescription();
                if (!m.isEmpty()) sb.append(' ').append(m);
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code -S [CHAIN]}: the policies, then each rule as the command that would add it. */
    public static String listRules(List<RuleChain> chains, Chain only) {
        StringBuilder sb = new StringBuilder();
        for (RuleChain c : chains) {
            if (only == null || c.chain() == only) sb.append("-P ").append(c.chain().name()).append(' ').append(c.policy().name()).append('\n');
        }
        for (RuleChain c : chains) {
            if (only != null && c.chain() != only) continue;
            for (Rule r : c.rules()) sb.append(r.toSpec()).append('\n');
        }
        return sb.toString();
    }

    private static String iface(String name, boolean numeric) {
        if (name != null) return name;
        return numeric ? "*" : "any";
    }

    private static String addr(int a, int prefix, boolean numeric) {
        if (prefix == 0 && !numeric) return "anywhere";
        return prefix == 32 ? Ip4.format(a) : Ip4.format(a) + "/" + prefix;
    }

    /** xtables_print_num: 5 columns, then K/M/G/T with rounding, unless {@code -x}. */
    static String num(long n, boolean exact) {
        if (exact) return String.format("%8d ", n);
        if (n <= 99999) return String.format("%5d ", n);
        String[] units = {"K", "M", "G", "T"};
        for (String u : units) {
            n = (n + 500) / 1000;
            if (n <= 9999) return String.format("%4d%s ", n, u);
        }
        return String.format("%4dT ", n);
    }
}
