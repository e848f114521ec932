package org.stacklab.hw.nic;

import static org.junit.jupiter.api.Assertions.*;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import org.junit.jupiter.api.Test;
import org.stacklab.hw.irq.InterruptController;

/** Register semantics of the 82540EM model (manual section 13). */
class E1000RegisterTest {
    private final NicRig rig = new NicRig();
    private final InterruptController.Line irq = (InterruptController.Line) rig.nic.irq();

    @Test
    void identifiesAsAn82540EMInItsSlot() {
        assertEquals(0x8086, rig.nic.vendorId());
        assertEquals(0x100E, rig.nic.deviceId());
        assertEquals("0000:00:03.0", rig.nic.slot());
        assertEquals(11, rig.nic.irq().number());
    }

    @Test
    void icrReadReturnsTheCausesAndClearsThem() {
        rig.mmio.write32(ICS, ICR_TXDW | ICR_RXT0);
        assertEquals(ICR_TXDW | ICR_RXT0, rig.mmio.read32(ICR));
        assertEquals(0, rig.mmio.read32(ICR));
    }

    @Test
    void icrWriteClearsOnlyTheBitsWrittenAsOne() {
        rig.mmio.write32(ICS, ICR_TXDW | ICR_RXT0 | ICR_LSC);
        rig.mmio.write32(ICR, ICR_RXT0);
        assertEquals(ICR_TXDW | ICR_LSC, rig.mmio.read32(ICR));
    }

    @Test
    void imsWritesOrIntoTheMaskAndImcClearsBits() {
        rig.mmio.write32(IMS, ICR_RXT0);
        rig.mmio.write32(IMS, ICR_TXDW);
        assertEquals(ICR_RXT0 | ICR_TXDW, rig.mmio.read32(IMS));
        rig.mmio.write32(IMC, ICR_RXT0);
        assertEquals(ICR_TXDW, rig.mmio.read32(IMS));
    }

    @Test
    void theLineIsAssertedExactlyWhileAnUnmaskedCauseIsSet() {
        rig.mmio.write32(ICS, ICR_RXT0);
        assertFalse(irq.isAsserted(), "a masked cause does not interrupt");
        rig.mmio.write32(IMS, ICR_RXT0);
        assertTrue(irq.isAsserted(), "unmasking a pending cause raises the line");
        rig.mmio.write32(IMC, ICR_RXT0);
        assertFalse(irq.isAsserted());
        rig.mmio.write32(IMS, ICR_RXT0);
        assertTrue(irq.isAsserted());
        rig.mmio.read32(ICR);
        assertFalse(irq.isAsserted(), "reading ICR clears the causes and drops the line");
    }

    @Test
    void icsRaisesASoftwareInterruptThatTheHandlerSees() {
        int[] seen = {0};
        irq.request("test", () -> seen[0] |= rig.mmio.read32(ICR));
        rig.mmio.write32(IMS, ICR_RXT0);
        rig.mmio.write32(ICS, ICR_RXT0);
        rig.loop.runUntilIdle();
        assertEquals(ICR_RXT0, seen[0]);
        assertEquals(1, irq.count());
    }

    @Test
    void statusLinkUpFollowsTheCableOnceTheDriverSetsSlu() {
        assertEquals(0, rig.mmio.read32(STATUS) & STATUS_LU, "link stays down until CTRL.SLU");
        rig.mmio.write32(CTRL, CTRL_SLU);
        int status = rig.mmio.read32(STATUS);
        assertEquals(STATUS_LU, status & STATUS_LU);
        assertEquals(STATUS_SPEED_1000, status & STATUS_SPEED_MASK);
        assertEquals(ICR_LSC, rig.mmio.read32(ICR) & ICR_LSC, "link coming up raises LSC");

        rig.wire.unplugCable();
        assertEquals(0, rig.mmio.read32(STATUS) & STATUS_LU);
        assertEquals(ICR_LSC, rig.mmio.read32(ICR) & ICR_LSC, "pulling the cable raises LSC");

        rig.wire.plugCable();
        assertEquals(STATUS_LU, rig.mmio.read32(STATUS) & STATUS_LU);
        assertEquals(ICR_LSC, rig.mmio.read32(ICR) & ICR_LSC, "plugging it back raises LSC");
    }

    @Test
    void resetSelfClearsAndRestoresPowerOnState() {
        rig.up();
        rig.mmio.write32(IMS, ICR_RXT0);
        rig.mmio.write32(ITR, 100);
        rig.mmio.write32(CTRL, CTRL_RST);
        assertEquals(0, rig.mmio.read32(CTRL) & CTRL_RST, "RST clears itself");
        assertEquals(0, rig.mmio.read32(IMS));
        assertEquals(0, rig.mmio.read32(ITR));
        assertEquals(0, rig.mmio.read32(RCTL));
        assertEquals(0, rig.mmio.read32(TCTL));
        assertEquals(0, rig.mmio.read32(TDLEN));
        assertEquals(0, rig.mmio.read32(STATUS) & STATUS_LU);
    }

    @Test
    void resetLoadsTheMacAddressIntoReceiveAddressZero() {
        rig.mmio.write32(RAL0, 0);
        rig.mmio.write32(CTRL, CTRL_RST);
        // 52:54:00:12:34:56, first octet in the low byte of RAL0
        assertEquals(0x12005452, rig.mmio.read32(RAL0));
        assertEquals(0x5634 | RAH_AV, rig.mmio.read32(RAH0));
    }

    @Test
    void eepromWordsHoldTheMacAddress() {
        int[] words = new int[3];
        for (int w = 0; w < 3; w++) {
            rig.mmio.write32(EERD, EERD_START | (w << EERD_ADDR_SHIFT));
            int v = rig.mmio.read32(EERD);
            assertEquals(EERD_DONE, v & EERD_DONE);
            words[w] = v >>> EERD_DATA_SHIFT;
        }
        assertArrayEquals(new int[] {0x5452, 0x1200, 0x5634}, words);
        int sum = 0;
        for (int w = 0; w < 0x40; w++) {
            rig.mmio.write32(EERD, EERD_START | (w << EERD_ADDR_SHIFT));
            sum += rig.mmio.read32(EERD) >>> EERD_DATA_SHIFT;
        }
        assertEquals(0xBABA, sum & 0xFFFF, "the EEPROM checksum word makes words 0..0x3F sum to 0xBABA");
    }

    @Test
    void statisticsClearOnRead() {
        rig.up();
        rig.drv.send(NicRig.toPeer(100));
        rig.deliver(NicRig.toNic(100));
        rig.deliver(NicRig.toNic(100));
        assertEquals(1, rig.mmio.read32(GPTC));
        assertEquals(0, rig.mmio.read32(GPTC));
        assertEquals(2, rig.mmio.read32(GPRC));
        assertEquals(0, rig.mmio.read32(GPRC));
        assertEquals(2, rig.mmio.read32(TPR));
        assertEquals(1, rig.mmio.read32(TPT));
        assertEquals(2 * 104, rig.mmio.read32(GORCL), "octets include the FCS");
        assertEquals(0, rig.mmio.read32(GORCH));
        assertEquals(0, rig.mmio.read32(GORCL));
        assertEquals(104, rig.mmio.read32(GOTCL));
    }

    @Test
    void statusIsReadOnlyAndUnalignedAccessIsRefused() {
        rig.mmio.write32(STATUS, 0xFFFFFFFF);
        assertEquals(0, rig.mmio.read32(STATUS) & STATUS_LU);
        assertThrows(IllegalArgumentException.class, () -> rig.mmio.read32(0x2));
        assertThrows(IllegalArgumentException.class, () -> rig.mmio.write32(MMIO_SIZE, 0));
    }

    @Test
    void multicastTableAndReceiveAddressesAreReadWrite() {
        rig.mmio.write32(MTA + 4 * 5, 0x80000001);
        assertEquals(0x80000001, rig.mmio.read32(MTA + 4 * 5));
        rig.mmio.write32(RAL(3), 0x12345678);
        assertEquals(0x12345678, rig.mmio.read32(RAL(3)));
        assertEquals("RAH3", name(RAH(3)));
        assertEquals("MTA[5]", name(MTA + 20));
    }
}
