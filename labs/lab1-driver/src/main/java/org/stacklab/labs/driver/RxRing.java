package org.stacklab.labs.driver;

import static org.stacklab.hw.bus.e1000.E1000Desc.SIZE;

import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.hw.bus.Mmio;
import org.stacklab.kernel.driver.NicContext;

/**
 * The receive ring (82540EM manual 3.2): {@code count} legacy descriptors of 16 bytes
 * ({@code E1000Desc}: buffer address at RX_ADDR, length at RX_LENGTH, status at RX_STATUS with DD
 * and EOP, errors at RX_ERRORS), each pointing at its own {@link #BUFFER_SIZE}-byte buffer.
 *
 * <p>Ownership: the device owns the descriptors from RDH up to RDT-1; it fills one, writes DD into
 * its status, and moves RDH on. The driver owns the rest. RDH == RDT means "no free descriptor" to
 * the device, so the driver always holds one back.
 */
final class RxRing {
    /** One buffer per descriptor; RCTL.BSIZE = 2048 holds any standard frame in one. */
    static final int BUFFER_SIZE = 2048;
    /** Headroom so the IP header after the 14-byte Ethernet header is 4-byte aligned (NET_IP_ALIGN). */
    static final int NET_IP_ALIGN = 2;

    private final NicContext nic;
    private final DmaMemory mem;
    private final Mmio regs;
    private final int count;

    RxRing(NicContext nic, int count) {
        this.nic = nic;
        this.mem = nic.memory();
        this.regs = nic.regs();
        this.count = count;
    }

    /**
     * Allocates the ring ({@code count * SIZE} bytes, 128-byte aligned) and the buffers with
     * {@code nic.dmaAlloc}, writes each buffer's physical address into its descriptor, and programs
     * RDBAL/RDBAH (the ring's physical address, low and high 32 bits), RDLEN (bytes), RDH = 0 and
     * RDT = count - 1 (manual 14.4: every descriptor but one given to the device).
     * Returns false when {@code dmaAlloc} returns null (out of DMA memory).
     */
    boolean setup() {
        // TODO(1)
        throw new UnsupportedOperationException("TODO: RxRing.setup (lab 1, step 1)");
    }

    /**
     * Takes up to {@code budget} received frames, oldest first, starting where the last call
     * stopped. For each descriptor with DD set: copy {@code length} bytes from its buffer into a new
     * {@code SkBuff} (reserve {@link #NET_IP_ALIGN} first) and hand it up with
     * {@code nic.receive(skb)} — unless RX_ERRORS is non-zero or EOP is clear, then drop it
     * ({@code nic.netdev().stats().rxErrors++}). Clear the status, so the next lap does not see a
     * stale DD. Then give the cleaned descriptors back to the device (refill) by writing RDT once:
     * the index of the last descriptor you cleaned. Returns the descriptors consumed.
     */
    int receive(int budget) {
        // TODO(4)
        throw new UnsupportedOperationException("TODO: RxRing.receive (lab 1, step 4)");
    }

    int count() { return count; }
}
