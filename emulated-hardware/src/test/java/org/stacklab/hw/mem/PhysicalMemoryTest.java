package org.stacklab.hw.mem;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.stacklab.hw.bus.BusError;
import org.stacklab.hw.bus.DmaMemory;

class PhysicalMemoryTest {
    private final PhysicalMemory ram = new PhysicalMemory(4096);

    @Test
    void multiByteValuesAreLittleEndian() {
        ram.write32(0x100, 0x11223344);
        assertEquals(0x44, ram.read8(0x100));
        assertEquals(0x11, ram.read8(0x103));
        assertEquals(0x3344, ram.read16(0x100));
        ram.write64(0x200, 0x0102030405060708L);
        assertEquals(0x08, ram.read8(0x200));
        assertEquals(0x05060708, ram.read32(0x200));
        assertEquals(0x0102030405060708L, ram.read64(0x200));
        ram.write16(0x300, 0xFFFE);
        assertEquals(0xFFFE, ram.read16(0x300), "16-bit reads are unsigned");
    }

    @Test
    void bulkCopiesRoundTrip() {
        byte[] src = new byte[100];
        for (int i = 0; i < src.length; i++) src[i] = (byte) i;
        ram.write(1000, src, 10, 50);
        byte[] dst = new byte[60];
        ram.read(1000, dst, 5, 50);
        for (int i = 0; i < 50; i++) assertEquals(src[10 + i], dst[5 + i]);
        assertEquals(0, dst[0]);
    }

    @Test
    void aDeviceViewSharesTheSameBytes() {
        DmaMemory dma = ram.view("e1000 0000:00:03.0 DMA");
        dma.write32(64, 0xCAFEBABE);
        assertEquals(0xCAFEBABE, ram.read32(64));
        assertEquals(4096, dma.size());
    }

    @Test
    void accessOutsideMemoryIsABusErrorNamingTheInitiatorAndAddress() {
        DmaMemory dma = ram.view("e1000 0000:00:03.0 DMA");
        BusError e = assertThrows(BusError.class, () -> dma.write(4000, new byte[200], 0, 200));
        assertEquals("e1000 0000:00:03.0 DMA", e.initiator());
        assertEquals(4000, e.address());
        assertTrue(e.getMessage().contains("e1000 0000:00:03.0 DMA accessed 200 byte(s) at physical address 0xfa0"), e.getMessage());
        assertTrue(e.getMessage().contains("0x0..0xfff"), e.getMessage());

        BusError cpu = assertThrows(BusError.class, () -> ram.read32(4094));
        assertEquals("cpu", cpu.initiator());
        assertThrows(BusError.class, () -> ram.read8(-1));
        assertThrows(BusError.class, () -> ram.read64(Long.MAX_VALUE));
        ram.read32(4092); // the last word is fine
    }

    @Test
    void sizeMustBeSane() {
        assertThrows(IllegalArgumentException.class, () -> new PhysicalMemory(0));
        assertThrows(IllegalArgumentException.class, () -> new PhysicalMemory(1L << 40));
        assertEquals(2 << 20, PhysicalMemory.ofMiB(2).size());
    }
}
