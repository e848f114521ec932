package org.stacklab.labs.firewall;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.Netfilter.Hook;
import org.stacklab.kernel.core.Netfilter.Verdict;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.filter.Chain;
import org.stacklab.kernel.filter.PacketFilter;
import org.stacklab.kernel.filter.RuleTable;

/**
 * Lab 7: your firewall. The kernel loads this class as the {@code filter} module; {@code iptables}
 * edits its {@link RuleTable} (that part is done for you), and the IP layer calls the hooks you
 * register here for every packet it receives, forwards and sends.
 *
 * <p>What to write, in this order (README.md explains each step):
 * <ol>
 *   <li>{@link #init}: register {@link #verdict} on the five netfilter hooks.
 *   <li>{@link PacketHeaders#parse}: read the IPv4 and TCP/UDP/ICMP headers from the skb's bytes.
 *   <li>{@link RuleMatch#matches}: does a rule match a packet?
 *   <li>{@link #verdict} and {@link #filterChain}: walk the chain, count, obey ACCEPT/DROP and the policy.
 *   <li>{@link LogLine#format}: the LOG target's kernel log line.
 *   <li>{@link Reject}: REJECT's ICMP port unreachable and TCP RST.
 *   <li>{@link Redirect}: the nat table's REDIRECT, and rewriting the replies back.
 * </ol>
 * The graded tests are in {@code src/test/java/org/stacklab/labs/firewall/}; run them with
 * {@code ./stacklab grade --lab lab7-firewall}.
 */
public final class Firewall implements KernelModule, PacketFilter {
    private Kernel kernel;
    private RuleTable rules;
    private Redirect redirect;

    @Override
    public String name() { return "filter"; }

    @Override
    public String impl() { return "student"; }

    @Override
    public void init(Kernel k) {
        kernel = k;
        rules = new RuleTable(msg -> k.log().info(msg));
        redirect = new Redirect(k);
        k.exportSymbol(PacketFilter.class, this, name());
        // TODO(1): register this::verdict on PRE_ROUTING, LOCAL_IN, FORWARD, LOCAL_OUT and POST_ROUTING:
        //   k.netfilter().register(new Netfilter.HookOps(Hook.LOCAL_IN, 0, name(), this::verdict));
        // Netfilter runs hooks in priority order; Linux uses -100 for destination NAT, 0 for the filter
        // table and 100 for source NAT.
    }

    @Override
    public void exit(Kernel k) {
        k.netfilter().unregisterAll(name());
    }

    @Override
    public RuleTable rules() { return rules; }

    /**
     * The fate of one packet at {@code hook}. The tables that hang on each hook, in order:
     * <pre>
     *   PRE_ROUTING   nat PREROUTING (REDIRECT)
     *   LOCAL_IN      filter INPUT, then rewrite replies of redirected flows
     *   FORWARD       filter FORWARD
     *   LOCAL_OUT     nat OUTPUT (REDIRECT), then filter OUTPUT
     *   POST_ROUTING  rewrite replies of redirected flows
     * </pre>
     * Never throw: a packet you cannot parse gets the chain's policy.
     */
    @Override
    public Verdict verdict(Hook hook, SkBuff skb, NetDevice in, NetDevice out) {
        // TODO(4): parse the packet (PacketHeaders), then dispatch on the hook as the table above says.
        throw new UnsupportedOperationException("TODO: Firewall.verdict (lab 7, step 4)");
    }

    /**
     * Runs the filter table's {@code chain} over packet {@code p}: the first matching rule with a
     * terminal target decides (ACCEPT, DROP, REJECT); LOG logs and goes on; a packet no terminal
     * rule took gets the chain's policy. Count every match in the rule ({@code rule.count(len)}) and
     * every policy decision in the chain ({@code chain.countPolicy(len)}); len is the IP total length.
     */
    Verdict filterChain(Chain chain, PacketHeaders p, NetDevice in, NetDevice out) {
        // TODO(4): rules.chain(Table.FILTER, chain).rules(), RuleMatch.matches, counters, targets, policy.
        throw new UnsupportedOperationException("TODO: Firewall.filterChain (lab 7, step 4)");
    }
}
