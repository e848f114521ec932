package org.stacklab.hw.nic;

import static org.stacklab.hw.bus.e1000.E1000Desc.*;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import org.stacklab.hw.bus.BusError;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.sim.Timer;

/**
 * The transmit engine (82540EM manual 3.3): walks the ring from TDH towards TDT, gathers each frame
 * from its descriptors (EOP marks the last), hands it to the link, writes DD back where the driver
 * asked with RS, and advances TDH with wrap-around.
 *
 * <p>It takes the next frame only when the link can start serializing it, so a driver that writes
 * faster than the wire really fills its ring and sees TDH trail TDT. Without a cable the frames are
 * consumed at the nominal 1 Gbit/s and lost, as on a NIC whose PHY has no link partner.
 */
final class E1000Transmitter {
    private static final long NOMINAL_BPS = 1_000_000_000L;

    private final E1000 dev;
    /** The one event the engine reschedules for each next frame (no allocation per frame). */
    private final Timer txTimer;
    /** When the medium can take the next frame if there is no cable. */
    private long noLinkBusyUntil;
    /** Frames sent with no cable connected. */
    long lostNoCarrier;

    E1000Transmitter(E1000 dev) {
        this.dev = dev;
        this.txTimer = dev.loop.newTimer(this::txEvent, dev.traceName + " TX");
    }

    void reset() {
        stop();
        noLinkBusyUntil = 0;
    }

    void stop() {
        txTimer.cancel();
    }

    void checkRing() {
        dev.checkRingInMemory("TX", TDBAL, TDLEN);
    }

    /** New descriptors (TDT write) or link change: send now if the medium is free, else when it is. */
    void kick() {
        if (txTimer.isPending()) return;
        long ready = readyAt();
        long now = dev.loop.now();
        if (ready > now) {
            dev.loop.rescheduleAt(txTimer, ready);
        } else {
            transmitNext();
        }
    }

    private void txEvent() {
        try {
            transmitNext();
        } catch (org.stacklab.hw.bus.HardwareFault recordedAlready) {
            // the device stopped; the fault is in faults() and went to the listener
        }
    }

    private long readyAt() {
        return dev.link != null ? dev.link.readyAt() : noLinkBusyUntil;
    }

    /** Sends one frame if one is complete in the ring, then schedules the next for when the link is free. */
    private void transmitNext() {
        int[] r = dev.regs;
        if (dev.stopped || (r[TCTL >> 2] & TCTL_EN) == 0) return;
        int n = dev.ringSize(TDLEN);
        int head = r[TDH >> 2];
        int tail = r[TDT >> 2];
        if (n == 0 || head == tail) return;
        if (head >= n) dev.checkIndex(TDH, head); // TDLEN shrank under the head: a named fault
        if (tail >= n) dev.checkIndex(TDT, tail);
        long base = dev.ringBase(TDBAL);
        var mem = dev.dma;

        // Find the frame's last descriptor and its length; a frame not yet complete up to TDT waits.
        int total = 0;
        int i = head;
        int descs = 0;
        boolean eop = false;
        try {
            while (i != tail) {
                long d = base + (long) i * SIZE;
                int cmd = mem.read8(d + TX_CMD) & 0xFF;
                int len = mem.read16(d + TX_LENGTH);
                if ((cmd & TXD_CMD_DEXT) != 0) {
                    throw dev.fault(String.format("TX descriptor %d has DEXT (cmd=0x%02x) set", i, cmd),
                            "this device uses legacy descriptors only: cmd bit 5 (DEXT, 0x20) must be 0",
                            "set cmd to EOP|IFCS|RS (0x0b) for a one-descriptor frame");
                }
                if (len == 0) {
                    throw dev.fault(String.format("TX descriptor %d has a zero-length buffer", i),
                            "every TX descriptor between TDH and TDT must carry 1..16288 bytes",
                            "fill the descriptor (addr, length, cmd) before moving TDT past it");
                }
                total += len;
                descs++;
                i = i + 1 == n ? 0 : i + 1; // head and tail are < n (checked above): no division per descriptor
                if ((cmd & TXD_CMD_EOP) != 0) { eop = true; break; }
            }
        } catch (BusError e) {
            throw dev.dmaFault("bus error fetching a TX descriptor", e, "TDBAL");
        }
        if (!eop) return; // the driver has not handed over the whole frame yet
        if (total > E1000.MAX_JUMBO) {
            throw dev.fault(String.format("a TX frame of %d bytes (descriptors %d..%d) is longer than the 82540EM sends",
                            total, head, (i - 1 + n) % n),
                    "a frame (descriptors up to and including the one with EOP) holds at most " + E1000.MAX_JUMBO + " bytes",
                    "set EOP on the last descriptor of each frame");
        }

        boolean pad = (r[TCTL >> 2] & TCTL_PSP) != 0 && total < LinkSpec.MIN_FRAME;
        byte[] frame = new byte[pad ? LinkSpec.MIN_FRAME : total];
        int off = 0;
        boolean reported = false;
        int k = head;
        try {
            for (int j = 0; j < descs; j++) {
                long d = base + (long) k * SIZE;
                long addr = mem.read64(d + TX_ADDR);
                int len = mem.read16(d + TX_LENGTH);
                int cmd = mem.read8(d + TX_CMD) & 0xFF;
                mem.read(addr, frame, off, len);
                off += len;
                if ((cmd & TXD_CMD_RS) != 0) {
                    mem.write8(d + TX_STATUS, TXD_STAT_DD);
                    reported = true;
                }
                k = k + 1 == n ? 0 : k + 1;
            }
        } catch (BusError e) {
            throw dev.dmaFault("bus error during TX DMA from descriptor " + k, e, "buffer addr");
        }
        r[TDH >> 2] = k;

        E1000Stats s = dev.stats;
        s.gptc++;
        s.tpt++;
        s.gotc += frame.length + 4; // the octet counters include the FCS the MAC appends
        long ready;
        if (dev.link != null && dev.isLinkUp()) {
            ready = dev.link.transmit(frame);
        } else {
            lostNoCarrier++;
            long start = Math.max(dev.loop.now(), noLinkBusyUntil);
            long bits = (long) (Math.max(frame.length, LinkSpec.MIN_FRAME) + LinkSpec.WIRE_OVERHEAD) * 8;
            noLinkBusyUntil = start + bits * 1_000_000_000L / NOMINAL_BPS;
            ready = noLinkBusyUntil;
        }
        int causes = (reported ? ICR_TXDW : 0) | (k == tail ? ICR_TXQE : 0);
        if (causes != 0) dev.interrupts.raise(causes);
        if (k != tail) {
            long now = dev.loop.now();
            dev.loop.rescheduleAt(txTimer, Math.max(ready, now));
        }
    }
}
