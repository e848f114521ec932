package org.stacklab.hw.nic;

import static org.junit.jupiter.api.Assertions.*;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import org.junit.jupiter.api.Test;
import org.stacklab.hw.link.Frames;

class E1000TransferTest {
    @Test
    void frameCrossesTheWireIntoTheOtherRing() {
        NicPair p = new NicPair();
        byte[] f = Frames.build(NicPair.MAC_B, NicPair.MAC_A, 0x88B5, 100);
        assertTrue(p.a.send(f));
        p.loop.runUntilIdle();
        byte[] got = p.b.poll();
        assertNotNull(got, "B received nothing; A faults=" + p.nicA.faults() + " B faults=" + p.nicB.faults());
        assertArrayEquals(f, got);
        assertEquals(1, p.a.reclaimTx());
        assertEquals(1, p.nicB.mmio().read32(GPRC));
        assertEquals(1, p.nicA.mmio().read32(GPTC));
    }
}
