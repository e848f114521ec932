package org.stacklab.solutions.driver;

import static org.stacklab.hw.bus.e1000.E1000Desc.RXD_STAT_DD;
import static org.stacklab.hw.bus.e1000.E1000Desc.RXD_STAT_EOP;
import static org.stacklab.hw.bus.e1000.E1000Desc.RX_ADDR;
import static org.stacklab.hw.bus.e1000.E1000Desc.RX_ERRORS;
import static org.stacklab.hw.bus.e1000.E1000Desc.RX_LENGTH;
import static org.stacklab.hw.bus.e1000.E1000Desc.RX_STATUS;
import static org.stacklab.hw.bus.e1000.E1000Desc.SIZE;

import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.hw.bus.Mmio;
import org.stacklab.hw.bus.e1000.E1000Regs;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.driver.DmaAllocator;
import org.stacklab.kernel.driver.NicContext;

/**
 * The receive ring (82540EM manual 3.2): N legacy descriptors, each pointing at its own 2048-byte
 * buffer allocated once at probe. The device owns descriptors from RDH up to RDT-1 and writes DD
 * when it has filled one; the driver takes them in order from {@code nextToClean}, copies the frame
 * into an skb for the stack, clears the status and gives the descriptor back by moving RDT onto it.
 *
 * <p>RDT starts at N-1, so one descriptor is always held back by the driver: RDH == RDT means "ring
 * full" to the device, never "empty", and the device cannot overwrite a frame the driver has not read.
 */
final class RxRing {
    /** Buffer per descriptor: RCTL.BSIZE = 2048 holds any standard frame (1518 bytes) in one. */
    static final int BUFFER_SIZE = 2048;
    /** Headroom so the IP header after the 14-byte Ethernet header lands 4-byte aligned (Linux's NET_IP_ALIGN). */
    static final int NET_IP_ALIGN = 2;

    static final String DROP_RX_ERROR = "NIC_RX_ERROR";
    static final String DROP_RX_MULTI_DESC = "NIC_RX_LENGTH";

    private final NicContext nic;
    private final DmaMemory mem;
    private final Mmio regs;
    private final int count;
    private long ringBase;
    private long buffersBase;
    private int nextToClean;
    /** A frame spilled over into several descriptors (too long for one buffer): skip to its EOP. */
    private boolean discarding;

    RxRing(NicContext nic, int count) {
        this.nic = nic;
        this.mem = nic.memory();
        this.regs = nic.regs();
        this.count = count;
    }

    /** Allocates descriptors and buffers and programs RDBAL/RDBAH/RDLEN/RDH/RDT. False on ENOMEM. */
    boolean setup() {
        DmaAllocator.Region ring = nic.dmaAlloc(count * SIZE, 128);
        DmaAllocator.Region bufs = nic.dmaAlloc(count * BUFFER_SIZE, 4096);
        if (ring == null || bufs == null) return false;
        ringBase = ring.addr();
        buffersBase = bufs.addr();
        for (int i = 0; i < count; i++) {
            mem.write64(desc(i) + RX_ADDR, buffer(i));
            mem.write8(desc(i) + RX_STATUS, 0);
        }
        regs.write32(E1000Regs.RDBAL, (int) ringBase);
        regs.write32(E1000Regs.RDBAH, (int) (ringBase >>> 32));
        regs.write32(E1000Regs.RDLEN, count * SIZE);
        regs.write32(E1000Regs.RDH, 0);
        regs.write32(E1000Regs.RDT, count - 1);
        nextToClean = 0;
        return true;
    }

    /**
     * Receives up to {@code budget} frames, each handed up through {@link NicContext#receive}, then
     * returns the used descriptors to the device with one RDT write. Returns descriptors consumed.
     */
    int receive(int budget) {
        NetDevice dev = nic.netdev();
        int work = 0;
        int idx = nextToClean;
        int lastCleaned = -1;
        while (work < budget) {
            long d = desc(idx);
            int status = mem.read8(d + RX_STATUS) & 0xff;
            if ((status & RXD_STAT_DD) == 0) break;
            int len = mem.read16(d + RX_LENGTH) & 0xffff;
            int errors = mem.read8(d + RX_ERRORS) & 0xff;
            boolean eop = (status & RXD_STAT_EOP) != 0;
            if (discarding || !eop) {
                // Part of a frame longer than one buffer: with long packets off this should not happen.
                if (!discarding) {
                    dev.stats().rxLengthErrors++;
                    dev.stats().rxErrors++;
                    nic.kernel().drop(DROP_RX_MULTI_DESC);
                }
                discarding = !eop;
            } else if (errors != 0) {
                dev.stats().rxErrors++;
                nic.kernel().drop(DROP_RX_ERROR);
            } else {
                SkBuff skb = SkBuff.alloc(NET_IP_ALIGN + len);
                skb.reserve(NET_IP_ALIGN);
                int at = skb.put(len);
                mem.read(buffer(idx), skb.buf(), at, len);
                nic.receive(skb);
            }
            mem.write8(d + RX_STATUS, 0);
            lastCleaned = idx;
            idx = idx + 1 == count ? 0 : idx + 1;
            work++;
        }
        nextToClean = idx;
        // Refill: the buffers stay where they are, so giving descriptors back is moving the tail.
        if (lastCleaned >= 0) regs.write32(E1000Regs.RDT, lastCleaned);
        return work;
    }

    int count() { return count; }

    int nextToClean() { return nextToClean; }

    private long desc(int i) { return ringBase + (long) i * SIZE; }

    private long buffer(int i) { return buffersBase + (long) i * BUFFER_SIZE; }
}
