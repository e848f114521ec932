package org.stacklab.solutions.filter;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.Netfilter;
import org.stacklab.kernel.core.Netfilter.Hook;
import org.stacklab.kernel.core.Netfilter.Verdict;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.filter.Chain;
import org.stacklab.kernel.filter.PacketFilter;
import org.stacklab.kernel.filter.Rule;
import org.stacklab.kernel.filter.RuleChain;
import org.stacklab.kernel.filter.RuleTable;
import org.stacklab.kernel.filter.Table;
import org.stacklab.kernel.filter.Target;

/**
 * The reference firewall: iptables' filter and nat tables on the netfilter hooks, in Linux's
 * priority order.
 *
 * <pre>
 *   PRE_ROUTING   nat PREROUTING (DNAT, priority -100)
 *   LOCAL_IN      filter INPUT (0), then un-DNAT of replies to locally redirected flows (100)
 *   FORWARD       filter FORWARD (0)
 *   LOCAL_OUT     nat OUTPUT (-100), then filter OUTPUT (0)
 *   POST_ROUTING  un-DNAT of replies leaving this host (100)
 * </pre>
 *
 * Only the first packet of a flow meets the nat chains; {@link ConnTrack} rewrites the rest and the
 * replies. A packet whose IPv4 header is malformed matches no rule and gets the chain's policy
 * (counted under {@code malformed}); a truncated TCP/UDP header matches no rule that names ports.
 */
public final class FilterModule implements KernelModule, PacketFilter {
    static final int NF_IP_PRI_NAT_DST = -100, NF_IP_PRI_FILTER = 0, NF_IP_PRI_NAT_SRC = 100;

    private Kernel kernel;
    private RuleTable rules;
    private final ConnTrack conntrack = new ConnTrack();
    private final Ipv4Packet[] parsers = {new Ipv4Packet(), new Ipv4Packet(), new Ipv4Packet(), new Ipv4Packet()};
    private int depth;
    private final Map<String, Long> counters = new TreeMap<>();

    @Override
    public String name() { return "filter"; }

    @Override
    public void init(Kernel k) {
        kernel = k;
        rules = new RuleTable(msg -> k.log().info(msg));
        k.exportSymbol(PacketFilter.class, this, name());
        Netfilter nf = k.netfilter();
        nf.register(new Netfilter.HookOps(Hook.PRE_ROUTING, NF_IP_PRI_NAT_DST, name(), this::verdict));
        nf.register(new Netfilter.HookOps(Hook.LOCAL_IN, NF_IP_PRI_FILTER, name(), this::verdict));
        nf.register(new Netfilter.HookOps(Hook.FORWARD, NF_IP_PRI_FILTER, name(), this::verdict));
        nf.register(new Netfilter.HookOps(Hook.LOCAL_OUT, NF_IP_PRI_NAT_DST, name(), this::verdict));
        nf.register(new Netfilter.HookOps(Hook.POST_ROUTING, NF_IP_PRI_NAT_SRC, name(), this::verdict));
        k.log().info("ip_tables: (C) 2000-2006 Netfilter Core Team");
    }

    @Override
    public void exit(Kernel k) {
        k.netfilter().unregisterAll(name());
        conntrack.clear();
    }

    @Override
    public RuleTable rules() { return rules; }

    /** Malformed packets, redirects, conntrack entries: what this firewall counted besides the rules. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>(counters);
        m.put("conntrack_entries", (long) conntrack.size());
        m.put("conntrack_full", conntrack.dropsFull);
        return m;
    }

    private void count(String what) { counters.merge(what, 1L, Long::sum); }

    @Override
    public Verdict verdict(Hook hook, SkBuff skb, NetDevice in, NetDevice out) {
        Ipv4Packet p = depth < parsers.length ? parsers[depth] : new Ipv4Packet();
        depth++;   // REJECT's answer re-enters the hooks (LOCAL_OUT) while this packet is still parsed
        try {
            boolean ok = p.parse(skb);
            if (!ok) count("malformed");
            Verdict v;
            switch (hook) {
                case PRE_ROUTING:
                    v = ok ? dnat(Chain.PREROUTING, p, in, out) : Verdict.ACCEPT;
                    break;
                case LOCAL_IN:
                    v = filter(Chain.INPUT, ok ? p : null, skb, in, out);
                    if (v == Verdict.ACCEPT && ok) unDnat(p);
                    break;
                case FORWARD:
                    v = filter(Chain.FORWARD, ok ? p : null, skb, in, out);
                    break;
                case LOCAL_OUT:
                    v = ok ? dnat(Chain.OUTPUT, p, in, out) : Verdict.ACCEPT;
                    if (v == Verdict.ACCEPT) v = filter(Chain.OUTPUT, ok ? p : null, skb, in, out);
                    break;
                case POST_ROUTING:
                    if (ok) unDnat(p);
                    v = Verdict.ACCEPT;
                    break;
                default:
                    v = Verdict.ACCEPT;
            }
            // The drop itself is counted by Netfilter (per hook) and by the IP layer that frees the packet.
            return v;
        } finally {
            depth--;
        }
    }

    // ------------------------------------------------------------------ filter table

    /** ipt_do_table for the filter table: the first terminal match decides, else the policy. */
    private Verdict filter(Chain chain, Ipv4Packet p, SkBuff skb, NetDevice in, NetDevice out) {
        RuleChain c = rules.chain(Table.FILTER, chain);
        int len = p != null ? p.totLen : skb.tail() - (skb.networkHeader() >= 0 ? skb.networkHeader() : skb.data());
        if (p != null) {
            List<Rule> list = c.rules();
            for (int i = 0; i < list.size(); i++) {
                Rule r = list.get(i);
                if (!RuleMatcher.matches(r, p, in, out)) continue;
                r.count(len);
                switch (r.target()) {
                    case ACCEPT:
                        return Verdict.ACCEPT;
                    case DROP:
                        return Verdict.DROP;
                    case LOG:
                        kernel.log().warn(PacketLog.format(r.logPrefix(), p, in, out));
                        continue;
                    case REJECT:
                        if (!Reject.send(kernel, p, r.rejectWith())) count("reject_not_answered");
                        return Verdict.DROP;
                    default:
                        continue;   // REDIRECT is refused in the filter table by RuleTable
                }
            }
        }
        c.countPolicy(len);
        return c.policy() == Target.DROP ? Verdict.DROP : Verdict.ACCEPT;
    }

    // ------------------------------------------------------------------ nat table (REDIRECT)

    private static ConnTrack.Tuple tuple(Ipv4Packet p) {
        return new ConnTrack.Tuple(p.protocol, p.saddr, p.sport, p.daddr, p.dport);
    }

    /** DNAT on PRE_ROUTING / LOCAL_OUT: established redirected flows first, then the nat chain. */
    private Verdict dnat(Chain chain, Ipv4Packet p, NetDevice in, NetDevice out) {
        RuleChain c = rules.chain(Table.NAT, chain);
        boolean tracked = p.hasPorts();
        if (tracked && !conntrack.isEmpty()) {
            ConnTrack.Tuple t = tuple(p);
            ConnTrack.Entry e = conntrack.original(t, kernel.now());
            if (e != null) {
                conntrack.seen(e, false, p.protocol == 6 ? p.tcpFlags() : 0, kernel.now());
                Mangle.setAddress(p, true, e.reply.saddr());
                Mangle.setPort(p, true, e.reply.sport());
                return Verdict.ACCEPT;
            }
            // A reply of a redirected flow is not a new connection: the nat chain never sees it. Nor does a
            // packet already translated once (an OUTPUT-redirected packet coming back in over lo).
            if (conntrack.reply(t, kernel.now()) != null) return Verdict.ACCEPT;
            if (conntrack.reply(new ConnTrack.Tuple(p.protocol, p.daddr, p.dport, p.saddr, p.sport), kernel.now()) != null) {
                return Verdict.ACCEPT;
            }
        }
        if (c.rules().isEmpty()) {
            c.countPolicy(p.totLen);
            return Verdict.ACCEPT;
        }
        List<Rule> list = c.rules();
        for (int i = 0; i < list.size(); i++) {
            Rule r = list.get(i);
            if (!RuleMatcher.matches(r, p, in, out)) continue;
            r.count(p.totLen);
            if (r.target() == Target.LOG) {
                kernel.log().warn(PacketLog.format(r.logPrefix(), p, in, out));
                continue;
            }
            if (r.target() == Target.REDIRECT) return redirect(r, chain, p, in);
            return Verdict.ACCEPT;   // ACCEPT in nat: leave the packet untranslated
        }
        c.countPolicy(p.totLen);
        return Verdict.ACCEPT;
    }

    /**
     * REDIRECT (xt_REDIRECT): the destination becomes the primary address of the interface the
     * packet came in on (127.0.0.1 for locally generated packets), the port {@code --to-ports}.
     * A packet arriving on an interface without an address is dropped, as Linux does.
     */
    private Verdict redirect(Rule r, Chain chain, Ipv4Packet p, NetDevice in) {
        int newDaddr;
        if (chain == Chain.OUTPUT) {
            newDaddr = Ip4.LOOPBACK;
        } else {
            newDaddr = in == null ? 0 : in.primaryAddress();
            if (newDaddr == 0) {
                count("redirect_no_address");
                return Verdict.DROP;
            }
        }
        if (!p.hasPorts()) {
            // Without ports there is no flow to track; the address alone is rewritten (ICMP to self).
            Mangle.setAddress(p, true, newDaddr);
            count("redirect_untracked");
            return Verdict.ACCEPT;
        }
        int newPort = r.toPort() != 0 ? r.toPort() : p.dport;
        ConnTrack.Entry e = conntrack.add(tuple(p), newDaddr, newPort, kernel.now());
        if (e == null) {
            count("conntrack_full_drop");
            return Verdict.DROP;
        }
        Mangle.setAddress(p, true, newDaddr);
        Mangle.setPort(p, true, newPort);
        count("redirected_flows");
        return Verdict.ACCEPT;
    }

    /** Replies of a redirected flow get back the address and port the client talked to. */
    private void unDnat(Ipv4Packet p) {
        if (!p.hasPorts() || conntrack.isEmpty()) return;
        ConnTrack.Entry e = conntrack.reply(tuple(p), kernel.now());
        if (e == null) return;
        conntrack.seen(e, true, p.protocol == 6 ? p.tcpFlags() : 0, kernel.now());
        Mangle.setAddress(p, false, e.origDaddr);
        Mangle.setPort(p, false, e.origDport);
    }
}
