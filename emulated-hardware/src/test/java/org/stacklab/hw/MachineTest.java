package org.stacklab.hw;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.stacklab.hw.bus.PciDevice;
import org.stacklab.hw.bus.e1000.E1000Regs;
import org.stacklab.hw.nic.E1000;
import org.stacklab.sim.EventLoop;

class MachineTest {
    private final EventLoop loop = EventLoop.virtual(1);

    @Test
    void nicsGetConsecutiveSlotsAndPcStyleIrqs() {
        Machine m = new Machine(loop, "h1");
        PciDevice a = m.addE1000(0x525400000001L);
        PciDevice b = m.addE1000(0x525400000002L);
        assertEquals("0000:00:03.0", a.slot());
        assertEquals("0000:00:04.0", b.slot());
        assertEquals(11, a.irq().number());
        assertEquals(10, b.irq().number());
        assertEquals(E1000Regs.VENDOR_INTEL, b.vendorId());
        assertEquals(E1000Regs.DEVICE_82540EM, b.deviceId());
        assertEquals(2, m.nics().size());
    }

    @Test
    void devicesDmaIntoTheMachinesMemory() {
        Machine m = new Machine(loop, "h1");
        assertEquals(32L << 20, m.memory().size());
        E1000 nic = m.addE1000(1);
        nic.memory().write32(0x1000, 0xABCD);
        assertEquals(0xABCD, m.memory().read32(0x1000));
        assertEquals(m.memory().size(), nic.memory().size());
    }

    @Test
    void eventsCarryTheHostName() {
        Machine m = new Machine(loop, "h7");
        E1000 nic = m.addE1000(1);
        assertEquals("h7 e1000 0000:00:03.0", nic.port().name());
        StringBuilder labels = new StringBuilder();
        loop.setTracer(t -> labels.append(t.label()).append('\n'));
        nic.irq().request("eth0", () -> nic.mmio().read32(E1000Regs.ICR));
        nic.mmio().write32(E1000Regs.IMS, E1000Regs.ICR_RXT0);
        nic.mmio().write32(E1000Regs.ICS, E1000Regs.ICR_RXT0);
        loop.runUntilIdle();
        assertEquals("h7 irq 11\n", labels.toString());
    }
}
