package org.stacklab.hw.nic;

import static org.junit.jupiter.api.Assertions.*;
import static org.stacklab.hw.bus.e1000.E1000Desc.*;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.hw.link.LinkSpec;

/** Transmit path: descriptor walk, DD write-back, TDH wrap, TXDW/TXQE, pacing at the link rate. */
class E1000TransmitTest {
    @Test
    void sendsAFrameAndWritesDdBackWhereRsIsSet() {
        NicRig rig = new NicRig().up();
        byte[] f = NicRig.toPeer(200);
        assertTrue(rig.drv.send(f));
        rig.loop.runUntilIdle();
        assertEquals(1, rig.peer.frames.size());
        assertArrayEquals(f, rig.peer.frames.get(0));
        DmaMemory mem = rig.nic.memory();
        long d0 = rig.drv.txRingAddress();
        assertEquals(TXD_STAT_DD, mem.read8(d0 + TX_STATUS) & TXD_STAT_DD);
        assertEquals(1, rig.mmio.read32(TDH));
        int icr = rig.mmio.read32(ICR);
        assertEquals(ICR_TXDW | ICR_TXQE, icr & (ICR_TXDW | ICR_TXQE));
    }

    @Test
    void noDdAndNoTxdwWithoutRs() {
        NicRig rig = new NicRig().up();
        DmaMemory mem = rig.nic.memory();
        long d0 = rig.drv.txRingAddress();
        mem.write(rig.drv.txBufferAddress(0), NicRig.toPeer(60), 0, 60);
        mem.write16(d0 + TX_LENGTH, 60);
        mem.write8(d0 + TX_CMD, TXD_CMD_EOP | TXD_CMD_IFCS);
        rig.mmio.write32(TDT, 1);
        rig.loop.runUntilIdle();
        assertEquals(1, rig.peer.frames.size());
        assertEquals(0, mem.read8(d0 + TX_STATUS) & TXD_STAT_DD);
        assertEquals(ICR_TXQE, rig.mmio.read32(ICR) & (ICR_TXDW | ICR_TXQE));
    }

    @Test
    void aFrameMaySpanDescriptorsAndGoesOutAtEop() {
        NicRig rig = new NicRig().up();
        DmaMemory mem = rig.nic.memory();
        byte[] f = NicRig.toPeer(300);
        int[] parts = {100, 150, 50};
        int off = 0;
        for (int i = 0; i < 3; i++) {
            long d = rig.drv.txRingAddress() + i * SIZE;
            mem.write(rig.drv.txBufferAddress(i), f, off, parts[i]);
            off += parts[i];
            mem.write16(d + TX_LENGTH, parts[i]);
            mem.write8(d + TX_CMD, i == 2 ? TXD_CMD_EOP | TXD_CMD_RS : 0);
        }
        rig.mmio.write32(TDT, 2); // first two descriptors only: no EOP yet
        rig.loop.runUntilIdle();
        assertTrue(rig.peer.frames.isEmpty(), "nothing leaves before the descriptor with EOP is handed over");
        assertEquals(0, rig.mmio.read32(TDH));
        rig.mmio.write32(TDT, 3);
        rig.loop.runUntilIdle();
        assertEquals(1, rig.peer.frames.size());
        assertArrayEquals(f, rig.peer.frames.get(0));
        assertEquals(3, rig.mmio.read32(TDH));
    }

    @Test
    void shortFramesArePaddedWhenPspIsSet() {
        NicRig rig = new NicRig().up();
        byte[] f = NicRig.toPeer(20);
        rig.drv.send(f);
        rig.loop.runUntilIdle();
        byte[] got = rig.peer.frames.get(0);
        assertEquals(60, got.length);
        assertArrayEquals(f, Arrays.copyOf(got, 20));
    }

    @Test
    void theRingWrapsAround() {
        NicRig rig = new NicRig(LinkSpec.gigabit(), 8, 8).up();
        for (int i = 0; i < 20; i++) {
            byte[] f = NicRig.toPeer(64);
            f[20] = (byte) i;
            assertTrue(rig.drv.send(f), "frame " + i);
            rig.loop.runUntilIdle();
        }
        assertEquals(20, rig.peer.frames.size());
        for (int i = 0; i < 20; i++) assertEquals(i, rig.peer.frames.get(i)[20]);
        assertEquals(20 % 8, rig.mmio.read32(TDH));
    }

    @Test
    void descriptorsAreConsumedAtTheLinkRateSoAFastDriverFillsTheRing() {
        // 100 Mbit/s: a 1514-byte frame occupies the wire (1514 + 24) * 8 / 100e6 s = 123.04 µs
        NicRig rig = new NicRig(LinkSpec.fastEthernet(), 16, 16).up();
        int queued = 0;
        while (rig.drv.queue(NicRig.toPeer(1514), 1514)) queued++;
        rig.drv.flush();
        assertEquals(15, queued, "a ring of 16 holds 15 frames");
        assertEquals(1, rig.mmio.read32(TDH), "only the first frame is fetched while the wire is busy");
        assertEquals(1, rig.drv.txFree(), "only the fetched frame's descriptor is back; the rest wait for the wire");

        long perFrame = LinkSpec.fastEthernet().serializationNs(1514);
        assertEquals(123_040, perFrame);
        rig.loop.runFor(perFrame * 5 + 1);
        assertEquals(6, rig.mmio.read32(TDH), "one descriptor per frame time");
        rig.loop.runUntilIdle();
        assertEquals(15, rig.peer.frames.size());
        long last = rig.peer.times.get(14);
        assertEquals(15 * perFrame + LinkSpec.fastEthernet().propagationNs(), last,
                "back-to-back frames arrive one serialization time apart");
    }

    @Test
    void withoutACableFramesAreConsumedAndLost() {
        NicRig rig = new NicRig().up();
        rig.wire.unplugCable();
        rig.drv.send(NicRig.toPeer(100));
        rig.loop.runUntilIdle();
        assertEquals(1, rig.mmio.read32(TDH));
        assertTrue(rig.peer.frames.isEmpty());
    }

    @Test
    void disabledTransmitterSendsNothingUntilEnabled() {
        NicRig rig = new NicRig().up();
        int tctl = rig.mmio.read32(TCTL);
        rig.mmio.write32(TCTL, tctl & ~TCTL_EN);
        rig.drv.send(NicRig.toPeer(100));
        rig.loop.runUntilIdle();
        assertTrue(rig.peer.frames.isEmpty());
        rig.mmio.write32(TCTL, tctl);
        rig.loop.runUntilIdle();
        assertEquals(1, rig.peer.frames.size());
    }
}
