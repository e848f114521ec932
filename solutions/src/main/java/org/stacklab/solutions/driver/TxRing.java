package org.stacklab.solutions.driver;

import static org.stacklab.hw.bus.e1000.E1000Desc.SIZE;
import static org.stacklab.hw.bus.e1000.E1000Desc.TXD_CMD_EOP;
import static org.stacklab.hw.bus.e1000.E1000Desc.TXD_CMD_IFCS;
import static org.stacklab.hw.bus.e1000.E1000Desc.TXD_CMD_RS;
import static org.stacklab.hw.bus.e1000.E1000Desc.TXD_STAT_DD;
import static org.stacklab.hw.bus.e1000.E1000Desc.TX_ADDR;
import static org.stacklab.hw.bus.e1000.E1000Desc.TX_CMD;
import static org.stacklab.hw.bus.e1000.E1000Desc.TX_LENGTH;
import static org.stacklab.hw.bus.e1000.E1000Desc.TX_STATUS;

import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.hw.bus.Mmio;
import org.stacklab.hw.bus.e1000.E1000Regs;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.NetDeviceOps;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.driver.DmaAllocator;
import org.stacklab.kernel.driver.NicContext;

/**
 * The transmit ring (82540EM manual 3.3): N legacy descriptors with one preallocated buffer each.
 * Transmitting copies the frame into the buffer at TDT, sets EOP|IFCS|RS and moves TDT on; the
 * device sends it and writes DD back. Descriptors start with DD set, so "DD set" always means
 * "free" and the driver never has to read TDH.
 *
 * <p>The ring is full when the descriptor after TDT is not done: at most N-1 frames are in flight,
 * so TDT never catches up with TDH (TDH == TDT would read as an empty ring and lose them all).
 */
final class TxRing {
    static final int BUFFER_SIZE = 2048;
    static final String DROP_TX_OVERSIZE = "NIC_TX_OVERSIZE";

    private final NicContext nic;
    private final DmaMemory mem;
    private final Mmio regs;
    private final int count;
    private long ringBase;
    private long buffersBase;
    /** Software copy of TDT: the next descriptor to fill. */
    private int tail;
    /** Oldest descriptor not yet seen done (for completion counting). */
    private int nextToClean;
    private long completed;
    private long ringFull;

    TxRing(NicContext nic, int count) {
        this.nic = nic;
        this.mem = nic.memory();
        this.regs = nic.regs();
        this.count = count;
    }

    /** Allocates descriptors and buffers, marks every descriptor done, programs TDBAL..TDT. */
    boolean setup() {
        DmaAllocator.Region ring = nic.dmaAlloc(count * SIZE, 128);
        DmaAllocator.Region bufs = nic.dmaAlloc(count * BUFFER_SIZE, 4096);
        if (ring == null || bufs == null) return false;
        ringBase = ring.addr();
        buffersBase = bufs.addr();
        for (int i = 0; i < count; i++) {
            mem.write64(desc(i) + TX_ADDR, buffer(i));
            mem.write8(desc(i) + TX_STATUS, TXD_STAT_DD);
        }
        regs.write32(E1000Regs.TDBAL, (int) ringBase);
        regs.write32(E1000Regs.TDBAH, (int) (ringBase >>> 32));
        regs.write32(E1000Regs.TDLEN, count * SIZE);
        regs.write32(E1000Regs.TDH, 0);
        regs.write32(E1000Regs.TDT, 0);
        tail = 0;
        nextToClean = 0;
        return true;
    }

    /** Queues one frame; stops the queue when this fills the ring. */
    int xmit(SkBuff skb) {
        NetDevice dev = nic.netdev();
        int len = skb.len();
        if (len <= 0 || len > BUFFER_SIZE || len > dev.mtu() + 14) {
            dev.stats().txDropped++;
            nic.kernel().drop(DROP_TX_OVERSIZE);
            return NetDeviceOps.NETDEV_TX_OK;
        }
        if (!isFree(next(tail))) {
            ringFull++;
            dev.netifStopQueue();
            return NetDeviceOps.NETDEV_TX_BUSY;
        }
        long d = desc(tail);
        mem.write(buffer(tail), skb.buf(), skb.data(), len);
        mem.write16(d + TX_LENGTH, len);
        mem.write8(d + TX_CMD, TXD_CMD_EOP | TXD_CMD_IFCS | TXD_CMD_RS);
        mem.write8(d + TX_STATUS, 0);
        tail = next(tail);
        regs.write32(E1000Regs.TDT, tail);
        if (!isFree(next(tail))) {
            // Stop before the next frame would find no room (e1000_maybe_stop_tx).
            ringFull++;
            dev.netifStopQueue();
        }
        return NetDeviceOps.NETDEV_TX_OK;
    }

    /** Counts descriptors the device has finished and wakes the queue when there is room again. */
    void reclaim() {
        while (nextToClean != tail && isFree(nextToClean)) {
            completed++;
            nextToClean = next(nextToClean);
        }
        NetDevice dev = nic.netdev();
        if (dev.isQueueStopped() && isFree(next(tail))) dev.netifWakeQueue();
    }

    /** Frames the device reported sent. */
    long completed() { return completed; }

    /** Times the ring was found full. */
    long ringFull() { return ringFull; }

    int count() { return count; }

    private boolean isFree(int i) { return (mem.read8(desc(i) + TX_STATUS) & TXD_STAT_DD) != 0; }

    private int next(int i) { return i + 1 == count ? 0 : i + 1; }

    private long desc(int i) { return ringBase + (long) i * SIZE; }

    private long buffer(int i) { return buffersBase + (long) i * BUFFER_SIZE; }
}
