package org.stacklab.solutions.filter;

import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.filter.Rule;

/** Whether a rule's matches all hold for a packet (ipt_do_table's ip_packet_match plus tcp/udp). */
final class RuleMatcher {
    private RuleMatcher() {}

    static boolean matches(Rule r, Ipv4Packet p, NetDevice in, NetDevice out) {
        if (r.protocol() != Rule.ANY_PROTOCOL && r.protocol() != p.protocol) return false;
        if (r.srcPrefix() != 0 && (p.saddr & Ip4.mask(r.srcPrefix())) != r.src()) return false;
        if (r.dstPrefix() != 0 && (p.daddr & Ip4.mask(r.dstPrefix())) != r.dst()) return false;
        if (r.in() != null && !ifaceMatches(r.in(), in)) return false;
        if (r.out() != null && !ifaceMatches(r.out(), out)) return false;
        if (r.hasSport() || r.hasDport()) {
            // A later fragment or a truncated header has no ports: a port match cannot hold (as xt_tcpudp).
            if (!p.hasPorts()) return false;
            if (p.sport < r.sportLo() || p.sport > r.sportHi()) return false;
            if (p.dport < r.dportLo() || p.dport > r.dportHi()) return false;
        }
        return true;
    }

    /** {@code eth0} matches eth0 only; {@code eth+} matches every name starting with "eth". */
    static boolean ifaceMatches(String pattern, NetDevice dev) {
        if (dev == null) return false;
        if (pattern.endsWith("+")) return dev.name().startsWith(pattern.substring(0, pattern.length() - 1));
        return dev.name().equals(pattern);
    }
}
