package org.stacklab.kernel.filter;

import java.util.List;

/**
 * The tables StackLab models ({@code iptables -t NAME}). {@code filter} decides a packet's fate on
 * the three hooks where a packet is for, through or from this host; {@code nat} rewrites
 * addresses on the first packet of a connection before routing (PREROUTING) or before the output
 * filter (OUTPUT). Linux's nat table also has INPUT and POSTROUTING (for SNAT/MASQUERADE), and there
 * are {@code mangle} and {@code raw} tables; StackLab does not model those.
 */
public enum Table {
    FILTER("filter", List.of(Chain.INPUT, Chain.FORWARD, Chain.OUTPUT)),
    NAT("nat", List.of(Chain.PREROUTING, Chain.OUTPUT));

    private final String label;
    private final List<Chain> chains;

    Table(String label, List<Chain> chains) {
        this.label = label;
        this.chains = chains;
    }

    /** The name iptables uses ({@code -t nat}). */
    public String label() { return label; }

    /** Built-in chains in the order {@code iptables -L} lists them. */
    public List<Chain> chains() { return chains; }

    public boolean has(Chain c) { return chains.contains(c); }

    /** The table named {@code name}, or null. */
    public static Table byLabel(String name) {
        for (Table t : values()) if (t.label.equals(name)) return t;
        return null;
    }
}
