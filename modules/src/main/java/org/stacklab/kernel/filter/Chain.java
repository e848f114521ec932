package org.stacklab.kernel.filter;

import org.stacklab.kernel.core.Netfilter;

/** The built-in chains, each attached to one netfilter hook (Linux's {@code NF_INET_*}). */
public enum Chain {
    PREROUTING(Netfilter.Hook.PRE_ROUTING),
    INPUT(Netfilter.Hook.LOCAL_IN),
    FORWARD(Netfilter.Hook.FORWARD),
    OUTPUT(Netfilter.Hook.LOCAL_OUT),
    POSTROUTING(Netfilter.Hook.POST_ROUTING);

    private final Netfilter.Hook hook;

    Chain(Netfilter.Hook hook) {
        this.hook = hook;
    }

    /** The hook whose packets traverse this chain. */
    public Netfilter.Hook hook() { return hook; }

    /** The chain attached to {@code hook}. */
    public static Chain of(Netfilter.Hook hook) {
        for (Chain c : values()) if (c.hook == hook) return c;
        throw new IllegalArgumentException("no chain for hook " + hook);
    }

    /** The chain named {@code name} (case-sensitive, as iptables), or null. */
    public static Chain byName(String name) {
        for (Chain c : values()) if (c.name().equals(name)) return c;
        return null;
    }
}
