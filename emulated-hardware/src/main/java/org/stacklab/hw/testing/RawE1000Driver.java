package org.stacklab.hw.testing;

import static org.stacklab.hw.bus.e1000.E1000Desc.*;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.hw.bus.Mmio;
import org.stacklab.hw.bus.PciDevice;

/**
 * The least driver that moves frames through an e1000: it lays out one RX and one TX ring with a
 * 2048-byte buffer per descriptor in a region of physical memory, programs the device through MMIO,
 * and sends and receives by polling DD. It has no kernel around it; hardware tests, the NIC
 * benchmark and the hardware demo use it. The kernel's e1000 driver is the real thing.
 *
 * <p>Memory layout from {@code base}: RX ring, TX ring, RX buffers, TX buffers
 * ({@link #memoryNeeded(int, int)} bytes in all).
 */
public final class RawE1000Driver {
    public static final int BUFFER_SIZE = 2048;

    private final PciDevice dev;
    private final Mmio mmio;
    private final DmaMemory mem;
    private final int rxCount;
    private final int txCount;
    private final long rxRing;
    private final long txRing;
    private final long rxBuffers;
    private final long txBuffers;
    private int rxNext;
    private int txNext;
    private int txClean;
    private long sent, received;

    /** A driver for {@code dev} using {@code rxCount}/{@code txCount} descriptors (multiples of 8) at {@code base}. */
    public RawE1000Driver(PciDevice dev, long base, int rxCount, int txCount) {
        if (rxCount % 8 != 0 || txCount % 8 != 0 || rxCount == 0 || txCount == 0) {
            throw new IllegalArgumentException("descriptor counts must be positive multiples of 8: " + rxCount + ", " + txCount);
        }
        this.dev = dev;
        this.mmio = dev.mmio();
        this.mem = dev.memory();
        this.rxCount = rxCount;
        this.txCount = txCount;
        this.rxRing = base;
        this.txRing = rxRing + (long) rxCount * SIZE;
        this.rxBuffers = txRing + (long) txCount * SIZE;
        this.txBuffers = rxBuffers + (long) rxCount * BUFFER_SIZE;
    }

    /** Bytes of physical memory a driver with these ring sizes uses. */
    public static long memoryNeeded(int rxCount, int txCount) {
        return (long) (rxCount + txCount) * (SIZE + BUFFER_SIZE);
    }

    public PciDevice device() { return dev; }

    /**
     * Resets the device and brings it up: link up, rings programmed, all RX buffers handed to the
     * device, receive of own MAC and broadcast (plus {@code extraRctl}, e.g. UPE), CRC stripped,
     * short frames padded. Interrupts stay masked; see {@link #enableInterrupts(int)}.
     */
    public void init(int extraRctl) {
        mmio.write32(CTRL, CTRL_RST);
        mmio.write32(IMC, 0xFFFFFFFF);
        mmio.write32(CTRL, CTRL_SLU | CTRL_ASDE);
        for (int i = 0; i < 128; i++) mmio.write32(MTA + 4 * i, 0);

        for (int i = 0; i < rxCount; i++) {
            long d = rxRing + (long) i * SIZE;
            mem.write64(d + RX_ADDR, rxBuffers + (long) i * BUFFER_SIZE);
            mem.write64(d + 8, 0);
        }
        mmio.write32(RDBAL, (int) rxRing);
        mmio.write32(RDBAH, (int) (rxRing >>> 32));
        mmio.write32(RDLEN, rxCount * SIZE);
        mmio.write32(RDH, 0);
        mmio.write32(RDT, rxCount - 1);
        rxNext = 0;
        mmio.write32(RCTL, RCTL_EN | RCTL_BAM | RCTL_SECRC | RCTL_BSIZE_2048 | extraRctl);

        for (int i = 0; i < txCount; i++) {
            long d = txRing + (long) i * SIZE;
            mem.write64(d + TX_ADDR, txBuffers + (long) i * BUFFER_SIZE);
            mem.write64(d + 8, 0);
        }
        mmio.write32(TDBAL, (int) txRing);
        mmio.write32(TDBAH, (int) (txRing >>> 32));
        mmio.write32(TDLEN, txCount * SIZE);
        mmio.write32(TDH, 0);
        mmio.write32(TDT, 0);
        txNext = 0;
        txClean = 0;
        mmio.write32(TCTL, TCTL_EN | TCTL_PSP | (0x10 << TCTL_CT_SHIFT) | (0x40 << TCTL_COLD_SHIFT));
    }

    public void init() { init(0); }

    /** Unmasks {@code causes} (e.g. {@code ICR_RXT0 | ICR_TXDW}) and sets the throttle to {@code itr} × 256 ns. */
    public void enableInterrupts(int causes, int itr) {
        mmio.write32(ITR, itr);
        mmio.write32(IMS, causes);
    }

    public void enableInterrupts(int causes) { enableInterrupts(causes, 0); }

    /** Reads (and so clears) the interrupt causes, as an interrupt handler does first. */
    public int readIcr() { return mmio.read32(ICR); }

    /** Free TX descriptors after reclaiming the ones the device finished. */
    public int txFree() {
        reclaimTx();
        return (txClean - txNext - 1 + txCount) % txCount;
    }

    /** Puts {@code len} bytes of {@code frame} in the next TX descriptor without telling the device. Returns false if the ring is full. */
    public boolean queue(byte[] frame, int len) {
        if ((txNext + 1) % txCount == txClean && txFree() == 0) return false;
        if (len > BUFFER_SIZE) throw new IllegalArgumentException("frame of " + len + " bytes exceeds the " + BUFFER_SIZE + "-byte buffer");
        long d = txRing + (long) txNext * SIZE;
        mem.write(txBuffers + (long) txNext * BUFFER_SIZE, frame, 0, len);
        mem.write16(d + TX_LENGTH, len);
        mem.write8(d + TX_CMD, TXD_CMD_EOP | TXD_CMD_IFCS | TXD_CMD_RS);
        mem.write8(d + TX_STATUS, 0);
        txNext = (txNext + 1) % txCount;
        sent++;
        return true;
    }

    /** Hands the queued descriptors to the device (one TDT write). */
    public void flush() { mmio.write32(TDT, txNext); }

    /** Queues and sends one frame; false if the TX ring is full. */
    public boolean send(byte[] frame) {
        if (!queue(frame, frame.length)) return false;
        flush();
        return true;
    }

    /** Advances past TX descriptors the device has written DD back to; returns how many. */
    public int reclaimTx() {
        int n = 0;
        while (txClean != txNext) {
            long d = txRing + (long) txClean * SIZE;
            if ((mem.read8(d + TX_STATUS) & TXD_STAT_DD) == 0) break;
            txClean = (txClean + 1) % txCount;
            n++;
        }
        return n;
    }

    /**
     * Next received frame (a copy, joined from all its descriptors up to EOP), handing the buffers
     * back to the device; null if none is ready.
     */
    public byte[] poll() {
        int len = 0;
        int i = rxNext;
        while (true) {
            long d = rxRing + (long) i * SIZE;
            int status = mem.read8(d + RX_STATUS);
            if ((status & RXD_STAT_DD) == 0) return null; // the device writes a whole frame at once
            len += mem.read16(d + RX_LENGTH);
            if ((status & RXD_STAT_EOP) != 0) break;
            i = (i + 1) % rxCount;
        }
        byte[] f = new byte[len];
        int off = 0;
        while (off < len) {
            long d = rxRing + (long) rxNext * SIZE;
            int part = mem.read16(d + RX_LENGTH);
            mem.read(rxBuffers + (long) rxNext * BUFFER_SIZE, f, off, part);
            off += part;
            recycle(d);
        }
        received++;
        mmio.write32(RDT, (rxNext - 1 + rxCount) % rxCount);
        return f;
    }

    /**
     * Takes up to {@code budget} received frames without copying them (a NAPI poll that drops what
     * it reads), returns the count, and returns their buffers to the device with one RDT write.
     */
    public int drainRx(int budget) {
        int n = 0;
        while (n < budget) {
            long d = rxRing + (long) rxNext * SIZE;
            int status = mem.read8(d + RX_STATUS);
            if ((status & RXD_STAT_DD) == 0) break;
            recycle(d);
            if ((status & RXD_STAT_EOP) != 0) {
                n++;
                received++;
            }
        }
        if (n > 0) mmio.write32(RDT, (rxNext - 1 + rxCount) % rxCount);
        return n;
    }

    private void recycle(long d) {
        mem.write8(d + RX_STATUS, 0);
        rxNext = (rxNext + 1) % rxCount;
    }

    /** Frames queued for transmit so far. */
    public long sent() { return sent; }

    /** Frames taken from the RX ring so far. */
    public long received() { return received; }

    public long rxRingAddress() { return rxRing; }

    public long txRingAddress() { return txRing; }

    public long txBufferAddress(int i) { return txBuffers + (long) i * BUFFER_SIZE; }

    public long rxBufferAddress(int i) { return rxBuffers + (long) i * BUFFER_SIZE; }
}
