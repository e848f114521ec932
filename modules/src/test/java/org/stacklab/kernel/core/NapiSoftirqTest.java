package org.stacklab.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.EventLoop;

/** The NET_RX softirq: weight 64 per poll, 300 per round, rescheduling, and the backlog. */
class NapiSoftirqTest {
    final EventLoop loop = EventLoop.virtual(1);
    final Kernel k = TestKernels.boot(loop, "h");

    /** A device with {@code pending} frames waiting in its "ring". */
    static final class FakeRing {
        int pending;
        final List<Integer> budgets = new ArrayList<>();
        NapiStruct napi;

        int poll(NapiStruct n, int budget) {
            budgets.add(budget);
            int work = Math.min(budget, pending);
            pending -= work;
            if (work < budget) n.complete(work);
            return work;
        }
    }

    FakeRing ring(String name, int pending) {
        FakeRing r = new FakeRing();
        r.pending = pending;
        NetDevice dev = TestKernels.sinkDevice(k, name);
        r.napi = new NapiStruct(dev, r::poll, NapiStruct.DEFAULT_WEIGHT);
        return r;
    }

    @Test
    void pollIsNeverGivenMoreThanItsWeightAndIsRescheduledUntilDrained() {
        FakeRing r = ring("eth0", 1000);
        k.napiSchedule(r.napi);
        loop.runUntilIdle();
        assertEquals(0, r.pending);
        assertTrue(r.budgets.stream().allMatch(b -> b == 64), r.budgets.toString());
        assertEquals(1000 / 64 + 1, r.budgets.size());
        assertFalse(r.napi.isScheduled());
        assertEquals(1000, r.napi.framesPolled());
        assertEquals(64, r.napi.maxWorkSeen());
    }

    @Test
    void oneSoftirqRoundSpendsAtMostTheNetdevBudget() {
        FakeRing[] rings = new FakeRing[6];
        for (int i = 0; i < rings.length; i++) {
            rings[i] = ring("eth" + i, 1000);
            k.napiSchedule(rings[i].napi);
        }
        loop.step(Long.MAX_VALUE); // exactly one NET_RX run
        int spent = 0;
        for (FakeRing r : rings) spent += 1000 - r.pending;
        // 6 devices x 64 would be 384; the round stops at 300 and the 5th device gets only 44.
        assertEquals(300, spent);
        assertEquals(List.of(44), rings[4].budgets);
        assertTrue(rings[5].budgets.isEmpty());
        assertEquals(1, k.softirqRuns());
        loop.runUntilIdle();
        for (FakeRing r : rings) assertEquals(0, r.pending);
        // Round robin: the device left out of the first round was polled in the second.
        assertEquals(64, rings[5].budgets.get(0));
    }

    @Test
    void netdevBudgetIsASysctl() {
        k.sysctl().set("net.core.netdev_budget", 100);
        FakeRing a = ring("eth0", 500), b = ring("eth1", 500);
        k.napiSchedule(a.napi);
        k.napiSchedule(b.napi);
        loop.step(Long.MAX_VALUE);
        assertEquals(List.of(64), a.budgets);
        assertEquals(List.of(36), b.budgets);
    }

    @Test
    void schedulingTwiceQueuesOnce() {
        FakeRing r = ring("eth0", 10);
        k.napiSchedule(r.napi);
        k.napiSchedule(r.napi);
        loop.runUntilIdle();
        assertEquals(List.of(64), r.budgets);
    }

    @Test
    void aContextRescheduledFromInsideItsOwnPollIsPolledOnceMore() {
        NetDevice dev = TestKernels.sinkDevice(k, "eth0");
        List<Integer> calls = new ArrayList<>();
        NapiStruct[] self = new NapiStruct[1];
        self[0] = new NapiStruct(dev, (n, budget) -> {
            calls.add(budget);
            n.complete(0);
            if (calls.size() == 1) k.napiSchedule(n); // new work arrived as the ring drained
            return 0;
        }, 64);
        k.napiSchedule(self[0]);
        loop.runUntilIdle();
        assertEquals(2, calls.size());
    }

    @Test
    void aPollThatThrowsIsAnOopsNotACrash() {
        NetDevice dev = TestKernels.sinkDevice(k, "eth0");
        NapiStruct bad = new NapiStruct(dev, (n, b) -> { throw new IllegalStateException("boom"); }, 64);
        k.napiSchedule(bad);
        loop.runUntilIdle();
        assertEquals(1, k.oopses().size());
        assertTrue(k.log().contains("Oops in NAPI poll of eth0"));
        assertFalse(bad.isScheduled());
    }

    @Test
    void aPollReportingMoreThanItsBudgetIsLogged() {
        NetDevice dev = TestKernels.sinkDevice(k, "eth0");
        NapiStruct greedy = new NapiStruct(dev, (n, b) -> { n.complete(b + 1); return b + 1; }, 64);
        k.napiSchedule(greedy);
        loop.runUntilIdle();
        assertTrue(k.log().contains("poll returned 65 > budget 64"));
    }

    @Test
    void netifRxQueuesToTheBacklogAndDropsWhenItIsFull() {
        NetDevice dev = TestKernels.sinkDevice(k, "eth0");
        List<SkBuff> got = new ArrayList<>();
        k.registerPacketType(0x88b5, (skb, d) -> got.add(skb));
        k.sysctl().set("net.core.netdev_max_backlog", 10);
        for (int i = 0; i < 15; i++) {
            byte[] f = new byte[60];
            f[12] = (byte) 0x88;
            f[13] = (byte) 0xb5;
            SkBuff skb = SkBuff.wrap(f, 60);
            skb.dev = dev;
            k.netifRx(skb);
        }
        assertTrue(got.isEmpty(), "netif_rx only queues; delivery happens in softirq");
        loop.runUntilIdle();
        assertEquals(10, got.size());
        assertEquals(5, k.drops(Kernel.DROP_BACKLOG_FULL));
        assertEquals(5, dev.stats().rxDropped);
    }
}
