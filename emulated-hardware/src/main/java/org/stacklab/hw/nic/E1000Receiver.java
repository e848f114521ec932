package org.stacklab.hw.nic;

import static org.stacklab.hw.bus.e1000.E1000Desc.*;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.util.zip.CRC32;
import org.stacklab.hw.bus.BusError;
import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.hw.bus.HardwareFault;
import org.stacklab.hw.link.LinkSpec;

/**
 * The receive engine (82540EM manual 3.2): address filtering, size checks, and DMA of an arriving
 * frame into the buffers of the descriptors from RDH up to (not including) RDT.
 *
 * <p>RDH == RDT means the driver has given the device no free buffer: the frame is dropped, counted
 * in MPC and RNBC, and RXO is raised, which is what a driver that is too slow to refill its ring sees.
 * Runts are padded to 60 bytes; frames over 1518 bytes with FCS count in ROC and are dropped unless
 * RCTL.LPE allows long packets. Unless RCTL.SECRC strips it, the 4-byte FCS is DMA'd after the frame
 * and included in the length, as the real device does.
 */
final class E1000Receiver {
    private static final byte[] ZEROS = new byte[LinkSpec.MIN_FRAME];
    private static final int[] MTA_SHIFT = {4, 3, 2, 0};

    private final E1000 dev;
    private final CRC32 crc = new CRC32();
    private final byte[] fcs = new byte[4];
    /** Frames not filtered in because of their destination address (no counter on the real device). */
    long filtered;

    E1000Receiver(E1000 dev) {
        this.dev = dev;
    }

    void reset() { }

    void checkRing() {
        dev.checkRingInMemory("RX", RDBAL, RDLEN);
    }

    /** A frame has fully arrived from the wire. */
    void receive(byte[] frame) {
        int[] r = dev.regs;
        int rctl = r[RCTL >> 2];
        if (dev.stopped || !dev.isLinkUp() || (rctl & RCTL_EN) == 0) return;
        E1000Stats s = dev.stats;
        s.tpr++;
        int len = frame.length;
        if (len < LinkSpec.ETH_HEADER) {
            s.ruc++;
            return;
        }
        if (!accept(frame, rctl)) {
            filtered++;
            return;
        }
        int maxWithFcs = (rctl & RCTL_LPE) != 0 ? E1000.MAX_JUMBO : MAX_FRAME_FCS;
        if (len + 4 > maxWithFcs) {
            s.roc++;
            return;
        }
        int padded = Math.max(len, LinkSpec.MIN_FRAME);
        boolean withFcs = (rctl & RCTL_SECRC) == 0;
        int dmaLen = padded + (withFcs ? 4 : 0);

        int n = dev.ringSize(RDLEN);
        int head = r[RDH >> 2];
        int tail = r[RDT >> 2];
        if (n > 0 && (head >= n || tail >= n)) {
            // RDLEN shrank under a head or tail the driver set earlier
            try {
                dev.checkIndex(head >= n ? RDH : RDT, head >= n ? head : tail);
            } catch (HardwareFault recorded) {
                return;
            }
        }
        int bufSize = bufferSize(rctl);
        int needed = (dmaLen + bufSize - 1) / bufSize;
        int free = n == 0 ? 0 : (tail - head + n) % n;
        if (free < needed) {
            s.mpc++;
            s.rnbc++;
            dev.interrupts.raise(ICR_RXO);
            return;
        }
        if (withFcs) computeFcs(frame, padded);

        long base = dev.ringBase(RDBAL);
        DmaMemory mem = dev.dma;
        int done = 0;
        try {
            while (done < dmaLen) {
                long d = base + (long) head * SIZE;
                long addr = mem.read64(d + RX_ADDR);
                int chunk = Math.min(bufSize, dmaLen - done);
                copyOut(mem, addr, frame, done, chunk, padded);
                done += chunk;
                mem.write16(d + RX_LENGTH, chunk);
                mem.write16(d + RX_CSUM, 0);
                mem.write8(d + RX_ERRORS, 0);
                mem.write16(d + RX_SPECIAL, 0);
                mem.write8(d + RX_STATUS, done == dmaLen ? RXD_STAT_DD | RXD_STAT_EOP : RXD_STAT_DD);
                head = head + 1 == n ? 0 : head + 1; // head < n (checked above)
            }
        } catch (BusError e) {
            try {
                throw dev.dmaFault("bus error during RX DMA into descriptor " + head, e, "buffer addr");
            } catch (HardwareFault recorded) {
                return; // the device has stopped; the fault is recorded and reported
            }
        }
        r[RDH >> 2] = head;
        s.gprc++;
        s.gorc += padded + 4;
        int causes = ICR_RXT0;
        int freeAfter = (tail - head + n) % n;
        int rdmts = (rctl >>> 8) & 3; // free descriptors at or below RDLEN/2, /4, /8 of the ring
        if (rdmts < 3 && freeAfter <= n >> (rdmts + 1)) causes |= ICR_RXDMT0;
        dev.interrupts.raise(causes);
    }

    /** Copies bytes [from, from+len) of (frame, zero padding up to {@code padded}, FCS) to {@code addr}. */
    private void copyOut(DmaMemory mem, long addr, byte[] frame, int from, int len, int padded) {
        int end = from + len;
        int pos = from;
        if (pos < frame.length) {
            int k = Math.min(end, frame.length) - pos;
            mem.write(addr, frame, pos, k);
            addr += k;
            pos += k;
        }
        if (pos < end && pos < padded) {
            int k = Math.min(end, padded) - pos;
            mem.write(addr, ZEROS, 0, k);
            addr += k;
            pos += k;
        }
        if (pos < end) mem.write(addr, fcs, pos - padded, end - pos);
    }

    /** Ethernet FCS: CRC-32 over the (padded) frame, sent least significant byte first. */
    private void computeFcs(byte[] frame, int padded) {
        crc.reset();
        crc.update(frame, 0, frame.length);
        if (padded > frame.length) crc.update(ZEROS, 0, padded - frame.length);
        int v = (int) crc.getValue();
        fcs[0] = (byte) v;
        fcs[1] = (byte) (v >>> 8);
        fcs[2] = (byte) (v >>> 16);
        fcs[3] = (byte) (v >>> 24);
    }

    static int bufferSize(int rctl) {
        int bsize = (rctl & RCTL_BSIZE_MASK) >>> 16;
        int size = 2048 >> bsize;
        return (rctl & RCTL_BSEX) != 0 && bsize != 0 ? size * 16 : size;
    }

    /** Address filter (manual 13.4.22 RCTL, 13.5 RA/MTA). */
    private boolean accept(byte[] f, int rctl) {
        boolean group = (f[0] & 1) != 0;
        if (!group) return (rctl & RCTL_UPE) != 0 || matchesReceiveAddress(f);
        if ((rctl & RCTL_MPE) != 0) return true;
        if (isBroadcast(f)) return (rctl & RCTL_BAM) != 0;
        return matchesReceiveAddress(f) || matchesMulticastTable(f, rctl);
    }

    private static boolean isBroadcast(byte[] f) {
        return (f[0] & f[1] & f[2] & f[3] & f[4] & f[5]) == (byte) 0xFF;
    }

    private boolean matchesReceiveAddress(byte[] f) {
        int[] r = dev.regs;
        int lo = (f[0] & 0xFF) | (f[1] & 0xFF) << 8 | (f[2] & 0xFF) << 16 | (f[3] & 0xFF) << 24;
        int hi = (f[4] & 0xFF) | (f[5] & 0xFF) << 8;
        for (int i = 0; i < RA_ENTRIES; i++) {
            int rah = r[RAH(i) >> 2];
            if ((rah & RAH_AV) != 0 && r[RAL(i) >> 2] == lo && (rah & 0xFFFF) == hi) return true;
        }
        return false;
    }

    /** The 4096-bit multicast hash table; RCTL.MO picks which 12 address bits index it. */
    private boolean matchesMulticastTable(byte[] f, int rctl) {
        int shift = MTA_SHIFT[(rctl >>> 12) & 3];
        int hash = ((((f[5] & 0xFF) << 8) | (f[4] & 0xFF)) >>> shift) & 0xFFF;
        int word = dev.regs[(MTA >> 2) + (hash >>> 5)];
        return (word & (1 << (hash & 31))) != 0;
    }
}
