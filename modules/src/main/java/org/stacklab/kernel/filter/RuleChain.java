package org.stacklab.kernel.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One built-in chain of one table: its rules in order, its policy (what happens to a packet that
 * no terminal rule matched) and the policy's own counters, which {@code iptables -L -v} shows in the
 * chain's header line: {@code Chain INPUT (policy DROP 3 packets, 180 bytes)}.
 */
public final class RuleChain {
    private final Table table;
    private final Chain chain;
    private final List<Rule> rules = new ArrayList<>();
    private final List<Rule> view = Collections.unmodifiableList(rules);
    private Target policy = Target.ACCEPT;
    private long policyPackets;
    private long policyBytes;

    RuleChain(Table table, Chain chain) {
        this.table = table;
        this.chain = chain;
    }

    public Table table() { return table; }
    public Chain chain() { return chain; }

    /** The rules in evaluation order (a read-only live view; change them through {@link RuleTable}). */
    public List<Rule> rules() { return view; }

    /** ACCEPT or DROP. */
    public Target policy() { return policy; }

    public long policyPackets() { return policyPackets; }
    public long policyBytes() { return policyBytes; }

    /** Counts a packet that reached the end of the chain and got the policy. */
    public void countPolicy(int len) {
        policyPackets++;
        policyBytes += len;
    }

    void setPolicy(Target t) { policy = t; }

    List<Rule> mutableRules() { return rules; }

    void zero() {
        policyPackets = 0;
        policyBytes = 0;
        for (Rule r : rules) r.zero();
    }
}
