package org.stacklab.hw.nic;

import static org.junit.jupiter.api.Assertions.*;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.hw.link.LinkSpec;

/** ITR interrupt moderation, measured in virtual time. */
class E1000InterruptThrottleTest {
    private static final int FRAMES = 100;

    /** Runs 100 back-to-back 1514-byte frames into the NIC; returns the virtual times of the handler runs. */
    private static List<Long> receiveBurst(NicRig rig, int itr, int[] framesSeen) {
        List<Long> irqTimes = new ArrayList<>();
        rig.nic.irq().request("test", () -> {
            irqTimes.add(rig.loop.now());
            rig.drv.readIcr();
            framesSeen[0] += rig.drv.drainRx(Integer.MAX_VALUE);
        });
        rig.drv.enableInterrupts(ICR_RXT0 | ICR_RXO, itr);
        for (int i = 0; i < FRAMES; i++) rig.peer.send(NicRig.toNic(1514));
        rig.loop.runUntilIdle();
        return irqTimes;
    }

    @Test
    void withoutThrottlingEveryFrameAtLineRateGetsItsOwnInterrupt() {
        NicRig rig = new NicRig(LinkSpec.gigabit(), 256, 8).up();
        int[] seen = {0};
        List<Long> irqs = receiveBurst(rig, 0, seen);
        assertEquals(FRAMES, seen[0]);
        assertEquals(FRAMES, irqs.size());
    }

    @Test
    void throttlingCoalescesFramesIntoAtMostOneInterruptPerWindow() {
        NicRig rig = new NicRig(LinkSpec.gigabit(), 256, 8).up();
        int itr = 195; // 195 x 256 ns = 49.92 µs between interrupts, about 20,000 interrupts/s
        long window = itr * 256L;
        int[] seen = {0};
        List<Long> irqs = receiveBurst(rig, itr, seen);

        assertEquals(FRAMES, seen[0], "every frame is still delivered");
        long firstArrival = LinkSpec.gigabit().serializationNs(1514) + LinkSpec.gigabit().propagationNs();
        assertEquals(firstArrival, irqs.get(0), "the first interrupt is not delayed");
        for (int i = 1; i < irqs.size(); i++) {
            assertTrue(irqs.get(i) - irqs.get(i - 1) >= window,
                    "interrupts " + (i - 1) + " and " + i + " are " + (irqs.get(i) - irqs.get(i - 1)) + " ns apart: " + irqs);
        }
        long burst = irqs.get(irqs.size() - 1) - irqs.get(0);
        long allowed = burst / window + 1;
        assertTrue(irqs.size() <= allowed, irqs.size() + " interrupts, ITR allows " + allowed);
        long lineTime = FRAMES * LinkSpec.gigabit().serializationNs(1514);
        assertTrue(irqs.size() <= lineTime / window + 2, irqs.size() + " interrupts for a " + lineTime + " ns burst");
        assertTrue(irqs.size() < FRAMES / 3, "moderation should batch several frames per interrupt: " + irqs.size());
        assertEquals(irqs.size(), rig.nic.interruptsRaised());
    }

    @Test
    void aCauseArrivingAfterAQuietWindowInterruptsImmediately() {
        NicRig rig = new NicRig().up();
        List<Long> irqs = new ArrayList<>();
        rig.nic.irq().request("test", () -> {
            irqs.add(rig.loop.now());
            rig.drv.readIcr();
            rig.drv.drainRx(100);
        });
        rig.drv.enableInterrupts(ICR_RXT0, 100); // 25.6 µs
        rig.loop.runFor(1_000_000);
        rig.mmio.write32(ICS, ICR_RXT0);
        rig.loop.runUntilIdle();
        assertEquals(List.of(1_000_000L), irqs);
        rig.loop.runFor(10_000);
        rig.mmio.write32(ICS, ICR_RXT0);
        rig.loop.runUntilIdle();
        assertEquals(List.of(1_000_000L, 1_025_600L), irqs, "a cause inside the window waits for its end");
    }
}
