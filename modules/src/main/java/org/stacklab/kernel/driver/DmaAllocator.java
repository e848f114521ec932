package org.stacklab.kernel.driver;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.kernel.core.Kernel;

/**
 * Coherent DMA memory for drivers, as {@code dma_alloc_coherent}: a range of the machine's physical
 * memory that both the CPU and the device see, for descriptor rings and packet buffers.
 *
 * <p>One allocator per physical memory, shared by every driver of the kernel (a router's two NICs
 * share one memory). Allocation is first fit over a free list kept in address order, so a run is
 * deterministic. The first {@link #RESERVED} bytes are never handed out, so a zero address in a
 * descriptor is always a driver bug the device can name.
 */
public final class DmaAllocator {
    /** Low memory kept back (as the first page of a real machine). */
    public static final long RESERVED = 0x10000;
    /** Every region starts on this boundary (the e1000 wants rings 128-byte aligned; pages are 4096). */
    public static final int MIN_ALIGN = 128;

    /** A region handed out: its physical address and size. */
    public record Region(long addr, int size) {}

    private final DmaMemory memory;
    /** Free ranges: start address to length, in address order. */
    private final TreeMap<Long, Long> free = new TreeMap<>();
    private long allocated;

    private DmaAllocator(DmaMemory memory) {
        this.memory = memory;
        if (memory.size() > RESERVED) free.put(RESERVED, memory.size() - RESERVED);
    }

    /** The allocator of {@code memory} on {@code kernel} (made on first use). */
    public static DmaAllocator of(Kernel kernel, DmaMemory memory) {
        Registry r = kernel.subsystem(Registry.class, Registry::new);
        return r.byMemory.computeIfAbsent(memory, DmaAllocator::new);
    }

    /** Per-kernel table: one allocator per physical memory (identity, not equals). */
    static final class Registry {
        final Map<DmaMemory, DmaAllocator> byMemory = new IdentityHashMap<>();
    }

    public DmaMemory memory() { return memory; }

    /**
     * {@code size} bytes aligned to {@code align} (a power of two, at least {@link #MIN_ALIGN}),
     * zero-filled as dma_alloc_coherent returns them; null when no free range is large enough.
     */
    public Region alloc(int size, int align) {
        if (size <= 0) throw new IllegalArgumentException("DMA allocation of " + size + " bytes");
        int a = Math.max(align, MIN_ALIGN);
        if (Integer.bitCount(a) != 1) throw new IllegalArgumentException("alignment " + align + " is not a power of two");
        for (Map.Entry<Long, Long> e : free.entrySet()) {
            long start = e.getKey();
            long end = start + e.getValue();
            long at = (start + a - 1) & -(long) a;
            if (at + size > end) continue;
            free.remove(start);
            if (at > start) free.put(start, at - start);
            if (at + size < end) free.put(at + size, end - (at + size));
            allocated += size;
            zero(at, size);
            return new Region(at, size);
        }
        return null;
    }

    /** Gives a region back, merging it with free neighbours. */
    public void free(Region r) {
        if (r == null) return;
        long start = r.addr();
        long len = r.size();
        Map.Entry<Long, Long> before = free.floorEntry(start);
        if (before != null && before.getKey() + before.getValue() > start) {
            throw new IllegalStateException(String.format("double free of DMA region 0x%x (%d bytes)", start, len));
        }
        if (before != null && before.getKey() + before.getValue() == start) {
            start = before.getKey();
            len += before.getValue();
            free.remove(before.getKey());
        }
        Long after = free.ceilingKey(start + len);
        if (after != null && after == start + len) {
            len += free.remove(after);
        }
        free.put(start, len);
        allocated -= r.size();
    }

    /** Bytes currently handed out. */
    public long allocated() { return allocated; }

    private void zero(long at, int size) {
        byte[] zeros = new byte[Math.min(size, 4096)];
        for (long p = at; p < at + size; p += zeros.length) {
            memory.write(p, zeros, 0, (int) Math.min(zeros.length, at + size - p));
        }
    }
}
