package org.stacklab.labs.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.hw.bus.e1000.E1000Regs.ITR;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.NapiStruct;
import org.stacklab.sim.Time;

/** The interrupt handler, NAPI and interrupt moderation. */
class InterruptTest {
    DriverRig rig;

    @AfterEach
    void healthy(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    @Test @Points(2)
    @DisplayName("without moderation, each isolated frame costs one interrupt and interrupts come back on after the poll")
    void oneInterruptPerIsolatedFrame() {
        rig = new DriverRig(30);
        rig.dev();
        long before = rig.nic().irq().count();
        rig.injectPaced(5, 64, Time.ms(1));
        assertEquals(5, rig.received.size(), () -> "each frame needs the poll to re-enable interrupts (IMS) for the next" + rig.explain());
        assertEquals(5, rig.nic().irq().count() - before, () -> "interrupts for 5 isolated frames" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("ethtool -C rx-usecs 50 writes ITR = ceil(50 us / 256 ns) = 196")
    void itrRegister() {
        rig = new DriverRig(31);
        rig.dev().ops().setInterruptModeration(rig.dev(), 50);
        assertEquals((50_000 + 255) / 256, rig.reg(ITR), () -> rig.explain());
        rig.dev().ops().setInterruptModeration(rig.dev(), 0);
        assertEquals(0, rig.reg(ITR), () -> "0 turns moderation off" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("with ITR at 50 us, a burst of 1000 frames takes at most 100 interrupts and none is lost")
    void moderationCutsInterrupts() {
        rig = new DriverRig(32);
        rig.dev().ops().setInterruptModeration(rig.dev(), 50);
        long before = rig.nic().irq().count();
        rig.inject(0, 1000, 64);
        rig.run(Time.ms(5));
        assertEquals(1000, rig.received.size(), () -> rig.explain());
        long irqs = rig.nic().irq().count() - before;
        assertTrue(irqs <= 100, () -> "1000 frames took " + irqs + " interrupts" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("NAPI: no poll ever returns more than its budget (64); a burst is taken in several polls")
    void pollNeverOverBudget() {
        rig = new DriverRig(33);
        rig.dev().ops().setInterruptModeration(rig.dev(), 50);
        rig.inject(0, 1000, 64);
        rig.run(Time.ms(5));
        NapiStruct napi = rig.napi();
        assertTrue(napi.maxWorkSeen() <= NapiStruct.DEFAULT_WEIGHT, () -> "a poll returned " + napi.maxWorkSeen() + rig.explain());
        assertTrue(napi.polls() > 1000 / 64, () -> "1000 frames in " + napi.polls() + " polls" + rig.explain());
        assertEquals(1000, rig.received.size(), () -> rig.explain());
    }

    @Test @Points(1)
    @DisplayName("an interrupt with no cause in ICR is not ours: the handler returns false (IRQ_NONE)")
    void spuriousInterrupt() {
        rig = new DriverRig(34);
        rig.run(Time.ms(1));
        assertFalse(rig.driver().interrupt(), () -> "ICR was 0" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("a link change interrupt (LSC) follows the cable: carrier off, then on, and traffic flows again")
    void linkChange() {
        rig = new DriverRig(35);
        rig.link.wire().unplugCable();
        rig.run(Time.us(10));
        assertFalse(rig.dev().hasCarrier(), () -> "cable pulled" + rig.explain());
        rig.link.wire().plugCable();
        rig.run(Time.us(10));
        assertTrue(rig.dev().hasCarrier(), () -> "cable back" + rig.explain());
        rig.send(1, 64);
        rig.run(Time.ms(1));
        assertEquals(1, rig.wire.frames.size(), () -> rig.explain());
    }
}
