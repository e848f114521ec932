package org.stacklab.labs.driver;

import static org.stacklab.hw.bus.e1000.E1000Desc.SIZE;

import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.hw.bus.Mmio;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.driver.NicContext;

/**
 * The transmit ring (82540EM manual 3.3): {@code count} legacy descriptors ({@code E1000Desc}:
 * buffer address at TX_ADDR, length at TX_LENGTH, command at TX_CMD with EOP/IFCS/RS, status at
 * TX_STATUS with DD), each with its own {@link #BUFFER_SIZE}-byte buffer allocated at setup.
 *
 * <p>The driver fills the descriptor at TDT and moves TDT on; the device sends from TDH up to
 * TDT-1 and writes DD back into each descriptor it finished (because RS asked it to). TDH == TDT
 * means "nothing to send", so at most count-1 frames may be in flight.
 */
final class TxRing {
    static final int BUFFER_SIZE = 2048;

    private final NicContext nic;
    private final DmaMemory mem;
    private final Mmio regs;
    private final int count;

    TxRing(NicContext nic, int count) {
        this.nic = nic;
        this.mem = nic.memory();
        this.regs = nic.regs();
        this.count = count;
    }

    /**
     * Allocates the ring and one buffer per descriptor, writes the buffer addresses, and programs
     * TDBAL/TDBAH, TDLEN, TDH = 0 and TDT = 0 (manual 14.5). A good trick: start every descriptor
     * with DD set in its status, so "DD set" always means "free". False when out of DMA memory.
     */
    boolean setup() {
        // TODO(1)
        throw new UnsupportedOperationException("TODO: TxRing.setup (lab 1, step 1)");
    }

    /**
     * Queues one frame ({@code skb.len()} bytes from {@code skb.buf()} at {@code skb.data()}).
     * A frame longer than the buffer or the MTU + 14: drop it ({@code txDropped++}), return
     * NETDEV_TX_OK. No free descriptor: {@code nic.netdev().netifStopQueue()} and return
     * NETDEV_TX_BUSY (the kernel keeps the frame). Otherwise copy it into the buffer at the tail,
     * set length, CMD = EOP | IFCS | RS, clear the status, advance the tail modulo the ring size and
     * write TDT. Stop the queue when the ring has just become full, before the next frame arrives.
     */
    int xmit(SkBuff skb) {
        // TODO(2)
        throw new UnsupportedOperationException("TODO: TxRing.xmit (lab 1, step 2)");
    }

    /**
     * Called from the poll: descriptors the device finished have DD set again. If the queue was
     * stopped and there is room now, {@code nic.netdev().netifWakeQueue()}.
     */
    void reclaim() {
        // TODO(5)
        throw new UnsupportedOperationException("TODO: TxRing.reclaim (lab 1, step 5)");
    }

    int count() { return count; }
}
