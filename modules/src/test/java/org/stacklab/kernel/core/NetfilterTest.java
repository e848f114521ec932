package org.stacklab.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Netfilter.Hook;
import org.stacklab.kernel.core.Netfilter.HookOps;
import org.stacklab.kernel.core.Netfilter.Verdict;

class NetfilterTest {
    final Netfilter nf = new Netfilter();
    final SkBuff skb = SkBuff.alloc(64);
    final List<String> calls = new ArrayList<>();

    HookOps op(Hook h, int prio, String name, Verdict v) {
        return new HookOps(h, prio, "fw", (hook, s, in, out) -> {
            calls.add(name);
            return v;
        });
    }

    @Test
    void hooksRunInPriorityOrderAndTheFirstNonAcceptWins() {
        nf.register(op(Hook.LOCAL_IN, 100, "late", Verdict.ACCEPT));
        nf.register(op(Hook.LOCAL_IN, -100, "early", Verdict.ACCEPT));
        nf.register(op(Hook.LOCAL_IN, 0, "middle", Verdict.DROP));
        assertEquals(Verdict.DROP, nf.hook(Hook.LOCAL_IN, skb, null, null));
        assertEquals(List.of("early", "middle"), calls);
        assertEquals(1, nf.dropped(Hook.LOCAL_IN));
        assertEquals(1, nf.traversed(Hook.LOCAL_IN));
    }

    @Test
    void equalPrioritiesKeepRegistrationOrder() {
        nf.register(op(Hook.FORWARD, 0, "a", Verdict.ACCEPT));
        nf.register(op(Hook.FORWARD, 0, "b", Verdict.ACCEPT));
        assertEquals(Verdict.ACCEPT, nf.hook(Hook.FORWARD, skb, null, null));
        assertEquals(List.of("a", "b"), calls);
    }

    @Test
    void hooksAreIndependentAndAnEmptyHookAccepts() {
        nf.register(op(Hook.PRE_ROUTING, 0, "pre", Verdict.DROP));
        for (Hook h : Hook.values()) {
            if (h != Hook.PRE_ROUTING) assertEquals(Verdict.ACCEPT, nf.hook(h, skb, null, null));
        }
        assertEquals(List.of(), calls);
    }

    @Test
    void stolenStopsTheChainWithoutCountingADrop() {
        nf.register(op(Hook.POST_ROUTING, 0, "queue", Verdict.STOLEN));
        nf.register(op(Hook.POST_ROUTING, 1, "never", Verdict.ACCEPT));
        assertEquals(Verdict.STOLEN, nf.hook(Hook.POST_ROUTING, skb, null, null));
        assertEquals(List.of("queue"), calls);
        assertEquals(0, nf.dropped(Hook.POST_ROUTING));
    }

    @Test
    void repeatRunsTheChainAgainAndIsBounded() {
        int[] n = {0};
        nf.register(new HookOps(Hook.LOCAL_OUT, 0, "fw", (h, s, i, o) -> ++n[0] < 3 ? Verdict.REPEAT : Verdict.ACCEPT));
        assertEquals(Verdict.ACCEPT, nf.hook(Hook.LOCAL_OUT, skb, null, null));
        assertEquals(3, n[0]);
        n[0] = -1000;
        nf.register(new HookOps(Hook.LOCAL_IN, 0, "loop", (h, s, i, o) -> Verdict.REPEAT));
        assertEquals(Verdict.ACCEPT, nf.hook(Hook.LOCAL_IN, skb, null, null)); // gives up after 16 repeats
    }

    @Test
    void unregisterAllRemovesAModulesHooks() {
        nf.register(op(Hook.LOCAL_IN, 0, "fw-hook", Verdict.DROP));
        nf.register(new HookOps(Hook.LOCAL_IN, 5, "other", (h, s, i, o) -> Verdict.ACCEPT));
        nf.unregisterAll("fw");
        assertEquals(1, nf.registered(Hook.LOCAL_IN).size());
        assertEquals(Verdict.ACCEPT, nf.hook(Hook.LOCAL_IN, skb, null, null));
    }
}
