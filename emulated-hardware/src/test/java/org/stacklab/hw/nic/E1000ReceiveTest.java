package org.stacklab.hw.nic;

import static org.junit.jupiter.api.Assertions.*;
import static org.stacklab.hw.bus.e1000.E1000Desc.*;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.hw.link.Frames;
import org.stacklab.hw.link.LinkSpec;

/** Receive path: filtering, size rules, DMA into the ring, overrun. */
class E1000ReceiveTest {
    private static final long OTHER = 0x02000000CAFEL;

    @Test
    void aFrameForOurAddressIsDmaedWithDdAndEopAndRaisesRxt0() {
        NicRig rig = new NicRig().up();
        byte[] f = NicRig.toNic(128);
        rig.deliver(f);
        DmaMemory mem = rig.nic.memory();
        long d0 = rig.drv.rxRingAddress();
        assertEquals(RXD_STAT_DD | RXD_STAT_EOP, mem.read8(d0 + RX_STATUS));
        assertEquals(128, mem.read16(d0 + RX_LENGTH));
        assertEquals(1, rig.mmio.read32(RDH));
        assertEquals(ICR_RXT0, rig.mmio.read32(ICR) & ICR_RXT0);
        assertArrayEquals(f, rig.drv.poll());
    }

    @Test
    void frameArrivesOnlyWhenItsLastBitHasCrossedTheWire() {
        NicRig rig = new NicRig().up();
        rig.peer.send(NicRig.toNic(1514));
        long arrival = LinkSpec.gigabit().serializationNs(1514) + LinkSpec.gigabit().propagationNs();
        rig.loop.runFor(arrival - 1);
        assertEquals(0, rig.mmio.read32(RDH), "still on the wire");
        rig.loop.runFor(1);
        assertEquals(1, rig.mmio.read32(RDH));
    }

    @Test
    void unicastForAnotherHostIsFilteredUnlessPromiscuous() {
        NicRig rig = new NicRig().up();
        rig.deliver(Frames.build(OTHER, NicRig.PEER, 0x0800, 100));
        assertNull(rig.drv.poll());
        assertEquals(0, rig.mmio.read32(GPRC));

        rig.mmio.write32(RCTL, rig.mmio.read32(RCTL) | RCTL_UPE);
        rig.deliver(Frames.build(OTHER, NicRig.PEER, 0x0800, 100));
        assertNotNull(rig.drv.poll(), "UPE accepts every unicast frame");
    }

    @Test
    void broadcastNeedsBam() {
        NicRig rig = new NicRig().up();
        rig.deliver(Frames.build(Frames.BROADCAST, NicRig.PEER, 0x0806, 60));
        assertNotNull(rig.drv.poll(), "the driver set BAM");
        rig.mmio.write32(RCTL, rig.mmio.read32(RCTL) & ~RCTL_BAM);
        rig.deliver(Frames.build(Frames.BROADCAST, NicRig.PEER, 0x0806, 60));
        assertNull(rig.drv.poll());
    }

    @Test
    void multicastPassesThroughTheHashTableOrMpe() {
        NicRig rig = new NicRig().up();
        long group = 0x01005E000001L; // 224.0.0.1
        rig.deliver(Frames.build(group, NicRig.PEER, 0x0800, 60));
        assertNull(rig.drv.poll(), "no MTA bit set");

        // MO=0: hash = address bits [47:36] = (octet5 << 4) | (octet4 >> 4)
        int hash = ((0x01 << 4) | (0x00 >> 4)) & 0xFFF;
        rig.mmio.write32(MTA + 4 * (hash >>> 5), 1 << (hash & 31));
        rig.deliver(Frames.build(group, NicRig.PEER, 0x0800, 60));
        assertNotNull(rig.drv.poll(), "the MTA bit for this group is set");

        rig.mmio.write32(MTA + 4 * (hash >>> 5), 0);
        rig.mmio.write32(RCTL, rig.mmio.read32(RCTL) | RCTL_MPE);
        rig.deliver(Frames.build(0x01005E0000FBL, NicRig.PEER, 0x0800, 60));
        assertNotNull(rig.drv.poll(), "MPE accepts every multicast frame");
    }

    @Test
    void aSecondReceiveAddressWithAvIsAccepted() {
        NicRig rig = new NicRig().up();
        rig.deliver(Frames.build(OTHER, NicRig.PEER, 0x0800, 60));
        assertNull(rig.drv.poll());
        // 02:00:00:00:ca:fe
        rig.mmio.write32(RAL(1), 0x00000002);
        rig.mmio.write32(RAH(1), 0xFECA | RAH_AV);
        rig.deliver(Frames.build(OTHER, NicRig.PEER, 0x0800, 60));
        assertNotNull(rig.drv.poll());
    }

    @Test
    void runtsArePaddedToSixtyBytes() {
        NicRig rig = new NicRig().up();
        byte[] runt = NicRig.toNic(42);
        rig.deliver(runt);
        byte[] got = rig.drv.poll();
        assertEquals(60, got.length);
        assertArrayEquals(runt, Arrays.copyOf(got, 42));
        for (int i = 42; i < 60; i++) assertEquals(0, got[i]);
    }

    @Test
    void oversizeFramesCountInRocUnlessLongPacketsAreEnabled() {
        NicRig rig = new NicRig(LinkSpec.gigabit().withMtu(9000), 16, 16).up();
        rig.deliver(NicRig.toNic(1515));
        assertNull(rig.drv.poll());
        assertEquals(1, rig.mmio.read32(ROC));
        rig.deliver(NicRig.toNic(1514));
        assertNotNull(rig.drv.poll(), "1514 + 4 FCS = 1518 is the largest standard frame");

        rig.mmio.write32(RCTL, rig.mmio.read32(RCTL) | RCTL_LPE);
        rig.deliver(NicRig.toNic(3000));
        assertEquals(0, rig.mmio.read32(ROC));
        DmaMemory mem = rig.nic.memory();
        long ring = rig.drv.rxRingAddress();
        // 3000 bytes in 2048-byte buffers: descriptors 1 and 2, EOP on the second
        assertEquals(RXD_STAT_DD, mem.read8(ring + SIZE + RX_STATUS));
        assertEquals(2048, mem.read16(ring + SIZE + RX_LENGTH));
        assertEquals(RXD_STAT_DD | RXD_STAT_EOP, mem.read8(ring + 2 * SIZE + RX_STATUS));
        assertEquals(3000 - 2048, mem.read16(ring + 2 * SIZE + RX_LENGTH));
        assertEquals(3, rig.mmio.read32(RDH));
    }

    @Test
    void aFrameSpansDescriptorsWithSmallBuffers() {
        NicRig rig = new NicRig().up();
        rig.mmio.write32(RCTL, (rig.mmio.read32(RCTL) & ~RCTL_BSIZE_MASK) | RCTL_BSIZE_512);
        byte[] f = NicRig.toNic(1200);
        rig.deliver(f);
        DmaMemory mem = rig.nic.memory();
        long ring = rig.drv.rxRingAddress();
        byte[] joined = new byte[1200];
        int off = 0;
        for (int i = 0; i < 3; i++) {
            int len = mem.read16(ring + i * SIZE + RX_LENGTH);
            int st = mem.read8(ring + i * SIZE + RX_STATUS);
            assertEquals(i == 2 ? RXD_STAT_DD | RXD_STAT_EOP : RXD_STAT_DD, st, "descriptor " + i);
            mem.read(rig.drv.rxBufferAddress(i), joined, off, len);
            off += len;
        }
        assertEquals(1200, off);
        assertArrayEquals(f, joined);
    }

    @Test
    void withoutSecrcTheFcsIsDmaedAfterTheFrame() {
        NicRig rig = new NicRig().up();
        rig.mmio.write32(RCTL, rig.mmio.read32(RCTL) & ~RCTL_SECRC);
        byte[] f = NicRig.toNic(100);
        rig.deliver(f);
        byte[] got = rig.drv.poll();
        assertEquals(104, got.length);
        CRC32 crc = new CRC32();
        crc.update(f);
        int v = (int) crc.getValue();
        assertArrayEquals(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)},
                Arrays.copyOfRange(got, 100, 104));
    }

    @Test
    void noFreeDescriptorMeansOverrunRxoMpcAndRnbc() {
        NicRig rig = new NicRig(LinkSpec.gigabit(), 8, 8).up();
        for (int i = 0; i < 10; i++) rig.peer.send(NicRig.toNic(100));
        rig.loop.runUntilIdle();
        assertEquals(7, rig.mmio.read32(GPRC), "RDT = 7 leaves 7 descriptors to the device");
        assertEquals(3, rig.mmio.read32(MPC));
        assertEquals(3, rig.mmio.read32(RNBC));
        assertEquals(ICR_RXO, rig.mmio.read32(ICR) & ICR_RXO);
        assertEquals(rig.mmio.read32(RDT), rig.mmio.read32(RDH), "RDH caught up with RDT");
    }

    @Test
    void theRxRingWrapsAroundAsTheDriverReturnsBuffers() {
        NicRig rig = new NicRig(LinkSpec.gigabit(), 8, 8).up();
        for (int i = 0; i < 30; i++) {
            byte[] f = NicRig.toNic(80);
            f[30] = (byte) i;
            rig.deliver(f);
            byte[] got = rig.drv.poll();
            assertNotNull(got, "frame " + i);
            assertEquals(i, got[30]);
        }
        assertEquals(30 % 8, rig.mmio.read32(RDH));
        assertEquals(0, rig.mmio.read32(MPC));
    }

    @Test
    void lowOnDescriptorsRaisesRxdmt0() {
        NicRig rig = new NicRig(LinkSpec.gigabit(), 8, 8).up();
        for (int i = 0; i < 2; i++) rig.deliver(NicRig.toNic(60));
        assertEquals(0, rig.mmio.read32(ICR) & ICR_RXDMT0, "5 of 8 still free");
        for (int i = 0; i < 2; i++) rig.deliver(NicRig.toNic(60));
        assertEquals(ICR_RXDMT0, rig.mmio.read32(ICR) & ICR_RXDMT0, "3 free is below half the ring");
    }

    @Test
    void nothingIsReceivedWhileTheReceiverIsDisabledOrTheLinkIsDown() {
        NicRig rig = new NicRig().up();
        int rctl = rig.mmio.read32(RCTL);
        rig.mmio.write32(RCTL, rctl & ~RCTL_EN);
        rig.deliver(NicRig.toNic(100));
        assertNull(rig.drv.poll());
        rig.mmio.write32(RCTL, rctl);
        rig.mmio.write32(CTRL, 0); // clear SLU: the MAC no longer reports link
        rig.deliver(NicRig.toNic(100));
        assertNull(rig.drv.poll());
        assertEquals(0, rig.mmio.read32(TPR));
    }
}
