package org.stacklab.hw.nic;

import static org.junit.jupiter.api.Assertions.*;
import static org.stacklab.hw.bus.e1000.E1000Desc.*;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.hw.bus.HardwareFault;
import org.stacklab.hw.link.LinkSpec;

/** Driver mistakes are named by the hardware, stop the device, and never corrupt memory. */
class E1000FaultTest {
    private final NicRig rig = new NicRig().up();
    private final List<HardwareFault> heard = new ArrayList<>();

    {
        rig.nic.setFaultListener(heard::add);
    }

    private HardwareFault faultFrom(Executable mmioWrite) {
        HardwareFault f = assertThrows(HardwareFault.class, mmioWrite);
        assertTrue(rig.nic.isStopped());
        assertEquals(List.of(f), rig.nic.faults());
        assertEquals(List.of(f), heard, "the listener hears every fault");
        return f;
    }

    private static void assertMentions(HardwareFault f, String... parts) {
        for (String p : parts) assertTrue(f.getMessage().contains(p), "expected '" + p + "' in:\n" + f.getMessage());
    }

    @Test
    void tailPastTheTxRingIsNamedWithRuleHintRegistersAndRecentWrites() {
        HardwareFault f = faultFrom(() -> rig.mmio.write32(TDT, 19));
        assertMentions(f,
                "e1000 0000:00:03.0 hardware fault: TDT=19 is past the end of the TX ring",
                "rule: the tail must lie in 0..(TDLEN/16 - 1) = 0..15",
                "hint: advance the tail with (tail + 1) % ring size",
                "registers: CTRL=0x00000060",
                "TDLEN=0x00000100 TDH=0 TDT=19",
                "the NIC has stopped until reset (CTRL.RST); the last 10 register writes:",
                "TDT    <- 0x00000013 (19)");
        assertEquals(10, f.registerDump().lines().filter(l -> l.contains("<-")).count());
    }

    @Test
    void theDeviceNameCanCarryTheInterfaceName() {
        rig.nic.setDeviceName("e1000[eth0]");
        HardwareFault f = faultFrom(() -> rig.mmio.write32(TDT, 19));
        assertTrue(f.getMessage().startsWith("e1000[eth0] hardware fault: TDT=19"), f.getMessage());
        assertEquals("e1000[eth0]", f.device());
    }

    @Test
    void tailPastTheRxRing() {
        HardwareFault f = faultFrom(() -> rig.mmio.write32(RDT, 16));
        assertMentions(f, "RDT=16 is past the end of the RX ring", "0..(RDLEN/16 - 1) = 0..15");
    }

    @Test
    void shrinkingTheRingUnderItsTailIsNamedWhenTheDeviceNextUsesIt() {
        rig.mmio.write32(RDLEN, 128); // 8 descriptors, but RDT is still 15
        rig.deliver(NicRig.toNic(100));
        assertTrue(rig.nic.isStopped());
        assertTrue(heard.get(0).getMessage().contains("RDT=15 is past the end of the RX ring"), heard.get(0).getMessage());
    }

    @Test
    void ringLengthNotAMultipleOf128() {
        HardwareFault f = faultFrom(() -> rig.mmio.write32(TDLEN, 100));
        assertMentions(f, "TDLEN=100 is not a multiple of 128", "multiple of 128 (8 descriptors of 16 bytes)");
    }

    @Test
    void rxRingLengthNotAMultipleOf128() {
        HardwareFault f = faultFrom(() -> rig.mmio.write32(RDLEN, 16 * 12));
        assertMentions(f, "RDLEN=192 is not a multiple of 128");
    }

    @Test
    void txRingOutsideMemory() {
        rig.mmio.write32(TCTL, 0);
        rig.mmio.write32(TDBAL, (int) (rig.host.memory().size() - 128));
        HardwareFault f = faultFrom(() -> rig.mmio.write32(TCTL, TCTL_EN));
        assertMentions(f, "the TX ring (TDBAL=0x000fff80, TDLEN=256) ends at 0x10007f, outside installed memory 0x0..0xfffff");
    }

    @Test
    void ringBaseNotSixteenByteAligned() {
        rig.mmio.write32(TCTL, 0);
        rig.mmio.write32(TDBAL, 0x10008);
        HardwareFault f = faultFrom(() -> rig.mmio.write32(TCTL, TCTL_EN));
        assertMentions(f, "TDBAL=0x00010008 is not 16-byte aligned");
    }

    @Test
    void rxRingOutsideMemory() {
        rig.mmio.write32(RCTL, 0);
        rig.mmio.write32(RDBAH, 1); // 4 GiB up: no memory there
        HardwareFault f = faultFrom(() -> rig.mmio.write32(RCTL, RCTL_EN));
        assertMentions(f, "the RX ring (RDBAH:RDBAL=0x100010000, RDLEN=256)");
    }

    @Test
    void zeroLengthTxBuffer() {
        long d = rig.drv.txRingAddress();
        rig.nic.memory().write8(d + TX_CMD, TXD_CMD_EOP | TXD_CMD_RS);
        rig.nic.memory().write16(d + TX_LENGTH, 0);
        HardwareFault f = faultFrom(() -> rig.mmio.write32(TDT, 1));
        assertMentions(f, "TX descriptor 0 has a zero-length buffer");
    }

    @Test
    void dextOnALegacyDescriptor() {
        long d = rig.drv.txRingAddress();
        rig.nic.memory().write8(d + TX_CMD, TXD_CMD_EOP | TXD_CMD_DEXT);
        rig.nic.memory().write16(d + TX_LENGTH, 60);
        HardwareFault f = faultFrom(() -> rig.mmio.write32(TDT, 1));
        assertMentions(f, "TX descriptor 0 has DEXT (cmd=0x21) set", "legacy descriptors only");
    }

    @Test
    void txBufferOutsideMemoryIsABusErrorFault() {
        DmaMemory mem = rig.nic.memory();
        long d = rig.drv.txRingAddress();
        mem.write64(d + TX_ADDR, 0x7000_0000L);
        mem.write16(d + TX_LENGTH, 100);
        mem.write8(d + TX_CMD, TXD_CMD_EOP | TXD_CMD_RS);
        HardwareFault f = faultFrom(() -> rig.mmio.write32(TDT, 1));
        assertMentions(f, "bus error during TX DMA from descriptor 0",
                "e1000 0000:00:03.0 DMA accessed 100 byte(s) at physical address 0x70000000");
        assertTrue(rig.peer.frames.isEmpty());
    }

    @Test
    void rxBufferOutsideMemoryStopsTheDeviceAndIsReportedNotThrown() {
        rig.nic.memory().write64(rig.drv.rxRingAddress() + RX_ADDR, 0x7000_0000L);
        rig.deliver(NicRig.toNic(100)); // the fault happens inside the wire's delivery event
        assertTrue(rig.nic.isStopped());
        assertEquals(1, heard.size());
        assertTrue(heard.get(0).getMessage().contains("bus error during RX DMA into descriptor 0"), heard.get(0).getMessage());
        assertEquals(0, rig.mmio.read32(RDH), "no descriptor was completed");
    }

    @Test
    void aFaultFoundLaterInTheRingIsReportedToTheListener() {
        NicRig slow = new NicRig(LinkSpec.fastEthernet(), 16, 16).up();
        List<HardwareFault> faults = new ArrayList<>();
        slow.nic.setFaultListener(faults::add);
        slow.drv.queue(NicRig.toPeer(1000), 1000);
        long d1 = slow.drv.txRingAddress() + SIZE;
        slow.nic.memory().write8(d1 + TX_CMD, TXD_CMD_EOP);
        slow.nic.memory().write16(d1 + TX_LENGTH, 0);
        slow.mmio.write32(TDT, 2); // the first frame goes out; the second descriptor is reached only when the wire is free
        assertTrue(faults.isEmpty());
        slow.loop.runUntilIdle();
        assertEquals(1, faults.size());
        assertTrue(faults.get(0).getMessage().contains("TX descriptor 1 has a zero-length buffer"));
        assertEquals(1, slow.peer.frames.size());
    }

    @Test
    void aStoppedDeviceMovesNoDataUntilReset() {
        assertThrows(HardwareFault.class, () -> rig.mmio.write32(TDT, 19));
        rig.mmio.write32(TDT, 0);
        rig.drv.send(NicRig.toPeer(100));
        rig.deliver(NicRig.toNic(100));
        assertTrue(rig.peer.frames.isEmpty(), "a stopped NIC transmits nothing");
        assertNull(rig.drv.poll(), "and receives nothing");
        assertEquals(0, rig.mmio.read32(TDH), "registers still read");

        rig.drv.init(); // CTRL.RST, then set up again
        assertFalse(rig.nic.isStopped());
        rig.drv.send(NicRig.toPeer(100));
        rig.deliver(NicRig.toNic(100));
        assertEquals(1, rig.peer.frames.size());
        assertNotNull(rig.drv.poll());
    }
}
