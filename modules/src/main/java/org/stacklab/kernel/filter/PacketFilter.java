package org.stacklab.kernel.filter;

import java.util.List;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.Netfilter;
import org.stacklab.kernel.core.SkBuff;

/**
 * The {@code filter} component: a firewall that keeps a {@link RuleTable} and decides each packet's
 * fate at the netfilter hooks. A module implementing it exports itself as a kernel symbol
 * ({@code kernel.exportSymbol(PacketFilter.class, this, name())}) so that {@code iptables} (through
 * {@link IptablesControl}) can find it, and registers {@link #verdict} at the hooks it serves.
 *
 * <p>The rule-management operations have working defaults over {@link #rules()}; an
 * implementation's work is {@link #verdict}: parse the packet, walk the chains of the hook, count,
 * and carry out the target.
 *
 * <h2>Where the packet is</h2>
 * At every hook the IPv4 header starts at {@code skb.networkHeader()} and the datagram runs to
 * {@code skb.tail()}. The reference IPv4 layer also keeps {@code skb.data()} there at all five
 * hooks (on output it pushes the IP header at ip_local_out and the link header only after
 * POST_ROUTING), but an IP layer may legitimately have pushed more in front on LOCAL_OUT and
 * POST_ROUTING, so a filter finds the IP header by {@code networkHeader()}, never by {@code data()}.
 * The IP header checksum is valid on entry at every hook. Addresses and ports may be rewritten in
 * place; the filter then updates the IP and TCP/UDP checksums itself, and the IP layer re-reads
 * the destination after PRE_ROUTING and LOCAL_OUT (and routes again if it changed).
 */
public interface PacketFilter {
    /** The component name used by module sets ({@code --use filter=student}). */
    String COMPONENT = "filter";

    /** The rules this filter evaluates. */
    RuleTable rules();

    /**
     * Decides the fate of one packet at {@code hook}: runs the chains of every table attached to
     * the hook, in netfilter's priority order (nat before filter on PRE_ROUTING and LOCAL_OUT).
     *
     * @param in  the device the packet arrived on (null on LOCAL_OUT and POST_ROUTING)
     * @param out the device it will leave by, as routed (null on PRE_ROUTING and LOCAL_IN; on
     *            LOCAL_OUT the route's device, as Linux passes {@code skb_dst(skb)->dev})
     * @return ACCEPT to let it go on, DROP to free it (REJECT returns DROP after answering)
     */
    Netfilter.Verdict verdict(Netfilter.Hook hook, SkBuff skb, NetDevice in, NetDevice out);

    // ---- the control path, as iptables reaches it ----

    default int append(Rule rule) { return rules().append(rule); }

    default int insert(Rule rule, int num) { return rules().insert(rule, num); }

    default int delete(Table table, Chain chain, int num) { return rules().delete(table, chain, num); }

    default int delete(Rule spec) { return rules().delete(spec); }

    default int flush(Table table, Chain chain) { return rules().flush(table, chain); }

    default int setPolicy(Table table, Chain chain, Target policy) { return rules().setPolicy(table, chain, policy); }

    default int zero(Table table, Chain chain) { return rules().zero(table, chain); }

    default List<RuleChain> list(Table table) { return rules().chains(table); }
}
