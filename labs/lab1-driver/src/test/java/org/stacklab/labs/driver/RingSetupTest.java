package org.stacklab.labs.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.hw.bus.e1000.E1000Desc;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.kernel.core.MacAddr;

/** Probe: the MAC address and the two descriptor rings, as the registers and memory show them. */
class RingSetupTest {
    DriverRig rig;

    @AfterEach
    void healthy(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    @Test @Points(1)
    @DisplayName("probe: eth0 exists, carries the NIC's MAC address and is up with carrier")
    void macAndLink() {
        rig = new DriverRig(1);
        assertEquals(MacAddr.format(rig.nic().macAddress()), MacAddr.format(rig.dev().mac()), () -> "MAC from RAL0/RAH0" + rig.explain());
        assertTrue(rig.dev().isUp() && rig.dev().hasCarrier(), () -> "eth0 should be up with carrier after open" + rig.explain());
        assertEquals(RCTL_EN | TCTL_EN, (rig.reg(RCTL) & RCTL_EN) | (rig.reg(TCTL) & TCTL_EN), () -> "receiver and transmitter enabled" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("RX ring: RDLEN = N*16, RDH = 0, RDT = N-1, every descriptor points at its own buffer in memory")
    void rxRing() {
        rig = new DriverRig(2);
        rig.dev();
        int n = 256;
        assertEquals(n * 16, rig.reg(RDLEN), () -> "RDLEN is the ring's size in bytes" + rig.explain());
        assertEquals(0, rig.reg(RDH), () -> "RDH starts at 0" + rig.explain());
        assertEquals(n - 1, rig.reg(RDT), () -> "RDT = N-1: every descriptor but one belongs to the device" + rig.explain());
        long base = (rig.reg(RDBAL) & 0xFFFFFFFFL) | ((long) rig.reg(RDBAH) << 32);
        assertEquals(0, base % 16, () -> "the ring base is 16-byte aligned" + rig.explain());
        Set<Long> buffers = new HashSet<>();
        for (int i = 0; i < n; i++) {
            long addr = rig.nic().memory().read64(base + i * 16L + E1000Desc.RX_ADDR);
            int at = i;
            assertTrue(addr != 0 && addr + 2048 <= rig.nic().memory().size(), () -> "descriptor " + at + " buffer address 0x" + Long.toHexString(addr) + rig.explain());
            buffers.add(addr);
        }
        assertEquals(n, buffers.size(), () -> "each descriptor needs its own buffer" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("TX ring: TDLEN = N*16, TDH = TDT = 0")
    void txRing() {
        rig = new DriverRig(3);
        rig.dev();
        assertEquals(256 * 16, rig.reg(TDLEN), () -> rig.explain());
        assertEquals(0, rig.reg(TDH), () -> rig.explain());
        assertEquals(0, rig.reg(TDT), () -> "TDH == TDT: nothing to send yet" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("ring sizes follow the module parameters e1000.RxDescriptors / e1000.TxDescriptors")
    void ringSizesFromParameters() {
        rig = new DriverRig(4, LinkSpec.gigabit(), k -> {
            k.sysctl().set("e1000.RxDescriptors", 64);
            k.sysctl().set("e1000.TxDescriptors", 32);
        });
        rig.dev();
        assertEquals(64 * 16, rig.reg(RDLEN), () -> rig.explain());
        assertEquals(63, rig.reg(RDT), () -> rig.explain());
        assertEquals(32 * 16, rig.reg(TDLEN), () -> rig.explain());
    }
}
