package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.hw.bus.e1000.E1000Regs;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.driver.NicContext;
import org.stacklab.kernel.driver.NicDriver;
import org.stacklab.kernel.driver.NicDriverModule;
import org.stacklab.sim.Time;

/**
 * What grading a lab 1 starter looks like: a driver whose hardware methods are still TODO boots,
 * fails every ping, and leaves oopses in the log, with no exception escaping the kernel.
 */
class StarterDriverTest {
    /** Like the lab 1 starter: probe names the device, the rest is to be written. */
    static final class TodoDriver implements NicDriver {
        @Override public int probe(NicContext nic) {
            nic.netdev().setMac(0x525400000000L | nic.pciDevice().slot().hashCode() & 0xffff);
            return 0;
        }
        @Override public int open() { return 0; }
        @Override public void stop() {}
        @Override public int startXmit(SkBuff skb) { throw new UnsupportedOperationException("TODO: transmit"); }
        @Override public boolean interrupt() { throw new UnsupportedOperationException("TODO: interrupt handler"); }
        @Override public int poll(int budget) { throw new UnsupportedOperationException("TODO: NAPI poll"); }
    }

    @AfterEach
    void clear() { Components.clearOverrides(); }

    @Test
    void aStarterDriverFailsPingWithOopsesAndNothingEscapes() {
        Components.override("driver.e1000", "student",
                () -> new NicDriverModule("e1000", "student", E1000Regs.VENDOR_INTEL, E1000Regs.DEVICE_82540EM, TodoDriver::new));
        Topology t = Topology.twoHostsOnSwitch(3, ModuleSet.reference().with("driver.e1000=student"));
        assertEquals("student", t.host("h1").kernel().module("e1000").impl());
        assertNull(t.host("h1").ping("10.0.0.2"));
        t.run(Time.s(5));
        long oopses = t.host("h1").kernel().oopsCount();
        assertTrue(oopses >= 1 && oopses < 20, "oopses " + oopses);
        assertTrue(t.host("h1").kernel().log().contains("Oops in e1000 start_xmit eth0: java.lang.UnsupportedOperationException: TODO: transmit"));
        assertTrue(t.host("h1").kernel().drops(NicDriverModule.DROP_DRIVER_OOPS) >= 1);
    }
}
