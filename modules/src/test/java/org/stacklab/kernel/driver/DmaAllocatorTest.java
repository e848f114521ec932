package org.stacklab.kernel.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.hw.Machine;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.sim.EventLoop;

class DmaAllocatorTest {
    final EventLoop loop = EventLoop.virtual(1);
    final Machine m = new Machine(loop, "h", 1 << 20);
    final Kernel k = new Kernel("h", loop, ModuleSet.reference());
    final DmaAllocator dma = DmaAllocator.of(k, m.memory());

    @Test
    void regionsAreAlignedDisjointZeroedAndAboveReservedMemory() {
        m.memory().write32(DmaAllocator.RESERVED + 4096, 0xdeadbeef);
        DmaAllocator.Region a = dma.alloc(100, 128);
        DmaAllocator.Region b = dma.alloc(8192, 4096);
        assertTrue(a.addr() >= DmaAllocator.RESERVED);
        assertEquals(0, a.addr() % 128);
        assertEquals(0, b.addr() % 4096);
        assertTrue(b.addr() >= a.addr() + 100);
        for (long p = b.addr(); p < b.addr() + 8192; p += 4) assertEquals(0, m.memory().read32(p));
        assertEquals(8292, dma.allocated());
        assertSame(dma, DmaAllocator.of(k, m.memory()), "one allocator per memory and kernel");
    }

    @Test
    void freedRegionsMergeAndAreReused() {
        DmaAllocator.Region a = dma.alloc(4096, 4096);
        DmaAllocator.Region b = dma.alloc(4096, 4096);
        DmaAllocator.Region c = dma.alloc(4096, 4096);
        dma.free(a);
        dma.free(b);
        DmaAllocator.Region d = dma.alloc(8192, 4096);
        assertEquals(a.addr(), d.addr(), "a and b merged into one free range");
        dma.free(c);
        dma.free(d);
        assertEquals(0, dma.allocated());
        assertThrows(IllegalStateException.class, () -> dma.free(c));
    }

    @Test
    void exhaustionReturnsNull() {
        assertNull(dma.alloc(1 << 20, 128));
        DmaAllocator.Region all = dma.alloc((int) ((1 << 20) - DmaAllocator.RESERVED), 128);
        assertEquals(DmaAllocator.RESERVED, all.addr());
        assertNull(dma.alloc(128, 128));
        assertThrows(IllegalArgumentException.class, () -> dma.alloc(0, 128));
        assertThrows(IllegalArgumentException.class, () -> dma.alloc(10, 200));
    }
}
