package org.stacklab.kernel.core;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The netfilter hook points of the IPv4 path. The IP layer calls {@link #hook} at each point; the
 * hooks registered there (the firewall's chains) decide the packet's fate in priority order.
 *
 * <pre>
 *  --> PRE_ROUTING --> [route] --> FORWARD --> POST_ROUTING -->
 *                        |                         ^
 *                     LOCAL_IN                 LOCAL_OUT
 *                        v                         |
 *                      local process  -----> [route]
 * </pre>
 */
public final class Netfilter {
    public enum Hook { PRE_ROUTING, LOCAL_IN, FORWARD, LOCAL_OUT, POST_ROUTING }

    public enum Verdict {
        /** Let the packet continue. */
        ACCEPT,
        /** Free it silently (counted). */
        DROP,
        /** The hook took the packet (queued or answered it); the caller must not touch it again. */
        STOLEN,
        /** Run this hook's chain again (after a rewrite, say). */
        REPEAT
    }

    /** A function registered at a hook ({@code struct nf_hook_ops}). */
    @FunctionalInterface
    public interface HookFn {
        Verdict apply(Hook hook, SkBuff skb, NetDevice in, NetDevice out);
    }

    public record HookOps(Hook hook, int priority, String owner, HookFn fn) {}

    private final Map<Hook, List<HookOps>> hooks = new EnumMap<>(Hook.class);
    private final long[] dropped = new long[Hook.values().length];
    private final long[] traversed = new long[Hook.values().length];

    public Netfilter() {
        for (Hook h : Hook.values()) hooks.put(h, new ArrayList<>());
    }

    public void register(HookOps ops) {
        List<HookOps> l = hooks.get(ops.hook());
        int i = 0;
        while (i < l.size() && l.get(i).priority() <= ops.priority()) i++;
        l.add(i, ops);
    }

    public void unregister(HookOps ops) { hooks.get(ops.hook()).remove(ops); }

    /** Unregisters every hook of {@code owner} (module exit). */
    public void unregisterAll(String owner) {
        for (List<HookOps> l : hooks.values()) l.removeIf(o -> o.owner().equals(owner));
    }

    public List<HookOps> registered(Hook hook) { return List.copyOf(hooks.get(hook)); }

    /** Runs the hook's functions in priority order; the first verdict other than ACCEPT wins. */
    public Verdict hook(Hook hook, SkBuff skb, NetDevice in, NetDevice out) {
        traversed[hook.ordinal()]++;
        List<HookOps> l = hooks.get(hook);
        int repeats = 0;
        for (int i = 0; i < l.size(); i++) {
            Verdict v = l.get(i).fn().apply(hook, skb, in, out);
            if (v == Verdict.ACCEPT) continue;
            if (v == Verdict.REPEAT && repeats++ < 16) { i = -1; continue; }
            if (v == Verdict.DROP) dropped[hook.ordinal()]++;
            return v == Verdict.REPEAT ? Verdict.ACCEPT : v;
        }
        return Verdict.ACCEPT;
    }

    public long dropped(Hook hook) { return dropped[hook.ordinal()]; }

    public long traversed(Hook hook) { return traversed[hook.ordinal()]; }
}
