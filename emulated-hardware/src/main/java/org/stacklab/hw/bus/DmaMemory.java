package org.stacklab.hw.bus;

/**
 * Emulated physical memory, as both the CPU (the driver) and a device doing DMA see it. Addresses
 * are physical; an access outside the installed memory raises a {@link BusError}. Multi-byte values
 * are little-endian, as on x86 and in the e1000's descriptor layout.
 */
public interface DmaMemory {
    /** Installed memory in bytes. */
    long size();

    byte read8(long addr);
    int read16(long addr);
    int read32(long addr);
    long read64(long addr);

    void write8(long addr, int value);
    void write16(long addr, int value);
    void write32(long addr, int value);
    void write64(long addr, long value);

    /** Copies {@code len} bytes from physical {@code addr} into {@code dst[off..]}. */
    void read(long addr, byte[] dst, int off, int len);

    /** Copies {@code len} bytes from {@code src[off..]} to physical {@code addr}. */
    void write(long addr, byte[] src, int off, int len);
}
