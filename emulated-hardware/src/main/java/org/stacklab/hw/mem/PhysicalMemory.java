package org.stacklab.hw.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.stacklab.hw.bus.BusError;
import org.stacklab.hw.bus.DmaMemory;

/**
 * A host's RAM: one {@code byte[]} at physical addresses {@code 0..size-1}. The CPU (the driver)
 * and every device reach it through a {@link DmaMemory} view that names who is accessing, so a bus
 * error says "e1000 0000:00:03.0 DMA" or "cpu" rather than just an address.
 *
 * <p>Multi-byte accesses are little-endian (x86, and the e1000's descriptor layout). Bulk copies use
 * {@link System#arraycopy}: this is the path every frame's bytes take, twice.
 */
public final class PhysicalMemory implements DmaMemory {
    /** Largest memory a Java array can hold, rounded down to a page. */
    public static final long MAX_SIZE = (Integer.MAX_VALUE - 4096L) & ~4095L;

    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] ram;
    private final View cpu;

    public PhysicalMemory(long size) {
        if (size <= 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("memory size " + size + " must lie in 1.." + MAX_SIZE + " bytes");
        }
        this.ram = new byte[(int) size];
        this.cpu = new View("cpu");
    }

    /** {@code mib} mebibytes of RAM. */
    public static PhysicalMemory ofMiB(int mib) { return new PhysicalMemory((long) mib << 20); }

    /** The same memory as {@code initiator} sees it: bus errors name that initiator. */
    public DmaMemory view(String initiator) { return new View(initiator); }

    @Override public long size() { return ram.length; }
    @Override public byte read8(long addr) { return cpu.read8(addr); }
    @Override public int read16(long addr) { return cpu.read16(addr); }
    @Override public int read32(long addr) { return cpu.read32(addr); }
    @Override public long read64(long addr) { return cpu.read64(addr); }
    @Override public void write8(long addr, int value) { cpu.write8(addr, value); }
    @Override public void write16(long addr, int value) { cpu.write16(addr, value); }
    @Override public void write32(long addr, int value) { cpu.write32(addr, value); }
    @Override public void write64(long addr, long value) { cpu.write64(addr, value); }
    @Override public void read(long addr, byte[] dst, int off, int len) { cpu.read(addr, dst, off, len); }
    @Override public void write(long addr, byte[] src, int off, int len) { cpu.write(addr, src, off, len); }

    /** Sets {@code len} bytes at {@code addr} to {@code value} (memset, for tests and drivers). */
    public void fill(long addr, int len, byte value) {
        int a = cpu.check(addr, len);
        java.util.Arrays.fill(ram, a, a + len, value);
    }

    @Override
    public String toString() { return "PhysicalMemory[" + (ram.length >> 10) + " KiB]"; }

    /** One initiator's window onto the RAM. */
    private final class View implements DmaMemory {
        private final String initiator;

        View(String initiator) { this.initiator = initiator; }

        /** The array index of {@code addr}, after checking {@code [addr, addr+len)} lies in RAM. */
        int check(long addr, int len) {
            if (addr < 0 || len < 0 || addr > ram.length - (long) len) {
                throw new BusError(initiator, addr, len, ram.length);
            }
            return (int) addr;
        }

        @Override public long size() { return ram.length; }
        @Override public byte read8(long addr) { return ram[check(addr, 1)]; }
        @Override public int read16(long addr) { return (short) LE16.get(ram, check(addr, 2)) & 0xFFFF; }
        @Override public int read32(long addr) { return (int) LE32.get(ram, check(addr, 4)); }
        @Override public long read64(long addr) { return (long) LE64.get(ram, check(addr, 8)); }
        @Override public void write8(long addr, int value) { ram[check(addr, 1)] = (byte) value; }
        @Override public void write16(long addr, int value) { LE16.set(ram, check(addr, 2), (short) value); }
        @Override public void write32(long addr, int value) { LE32.set(ram, check(addr, 4), value); }
        @Override public void write64(long addr, long value) { LE64.set(ram, check(addr, 8), value); }

        @Override
        public void read(long addr, byte[] dst, int off, int len) {
            System.arraycopy(ram, check(addr, len), dst, off, len);
        }

        @Override
        public void write(long addr, byte[] src, int off, int len) {
            System.arraycopy(src, off, ram, check(addr, len), len);
        }

        @Override
        public String toString() { return "PhysicalMemory[" + initiator + "]"; }
    }
}
