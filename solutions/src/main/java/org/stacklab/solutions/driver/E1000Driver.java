package org.stacklab.solutions.driver;

import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import org.stacklab.hw.bus.Mmio;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.driver.NicContext;
import org.stacklab.kernel.driver.NicDriver;
import org.stacklab.kernel.socket.Errno;

/**
 * The reference e1000 driver for the 82540EM: probe and the device's lifecycle here; the rings in
 * {@link RxRing} and {@link TxRing}; the interrupt handler in {@link E1000Interrupts}.
 *
 * <p>Module parameters (read from the kernel's sysctl at probe, as {@code modprobe e1000 ...} sets
 * them): {@code e1000.RxDescriptors} and {@code e1000.TxDescriptors} (ring sizes, multiples of 8,
 * default 256) and {@code e1000.InterruptThrottleRate} (interrupts per second, 0 = unthrottled).
 */
public final class E1000Driver implements NicDriver {
    public static final int DEFAULT_DESCRIPTORS = 256;
    public static final String DROP_RX_MISSED = "NIC_RX_MISSED";
    public static final String DROP_RX_OVERSIZE = "NIC_RX_OVERSIZE";
    /** Reads of CTRL after a reset before giving up on RST clearing. */
    private static final int RESET_POLLS = 1000;

    private NicContext nic;
    private Mmio regs;
    private RxRing rx;
    private TxRing tx;
    private E1000Interrupts irq;
    private int itrUsecs;
    private boolean running;

    @Override
    public int probe(NicContext nic) {
        this.nic = nic;
        this.regs = nic.regs();
        this.irq = new E1000Interrupts(nic);
        if (!reset()) {
            nic.log("e1000: the device did not come out of reset (CTRL.RST still set)");
            return Errno.EIO.neg();
        }
        long mac = readMac();
        if (mac == 0 || (mac >>> 40 & 1) != 0) {
            nic.log("e1000: invalid MAC address in RAL0/RAH0");
            return Errno.EIO.neg();
        }
        nic.netdev().setMac(mac);
        for (int off = MTA; off <= MTA_END; off += 4) regs.write32(off, 0);

        var sysctl = nic.kernel().sysctl();
        int rxCount = ringSize(sysctl.get("e1000.RxDescriptors", DEFAULT_DESCRIPTORS));
        int txCount = ringSize(sysctl.get("e1000.TxDescriptors", DEFAULT_DESCRIPTORS));
        rx = new RxRing(nic, rxCount);
        tx = new TxRing(nic, txCount);
        if (!rx.setup() || !tx.setup()) {
            nic.log("e1000: not enough DMA memory for " + rxCount + " RX and " + txCount + " TX descriptors");
            return Errno.ENOMEM.neg();
        }
        // Receive: broadcast accepted, 2048-byte buffers, strip the CRC; enabled on open.
        regs.write32(RCTL, RCTL_BAM | RCTL_BSIZE_2048 | RCTL_SECRC);
        regs.write32(RDTR, 0);
        // Transmit: pad short frames, standard collision threshold and distance; enabled on open.
        regs.write32(TCTL, TCTL_PSP | (0x0F << TCTL_CT_SHIFT) | (0x40 << TCTL_COLD_SHIFT));
        regs.write32(TIPG, 10 | (8 << 10) | (6 << 20));
        long rate = sysctl.get("e1000.InterruptThrottleRate", 0);
        itrUsecs = rate <= 0 ? 0 : (int) Math.max(1, 1_000_000 / rate);
        irq.setModeration(itrUsecs);
        regs.write32(CTRL, regs.read32(CTRL) | CTRL_SLU | CTRL_ASDE | CTRL_FD);
        nic.log(String.format("e1000: %s, %d RX / %d TX descriptors",
                MacAddr.format(mac), rxCount, txCount));
        return 0;
    }

    /** CTRL.RST resets the MAC; it clears itself when done. Interrupts masked afterwards. */
    private boolean reset() {
        irq.disable();
        regs.write32(CTRL, regs.read32(CTRL) | CTRL_RST);
        int polls = 0;
        while ((regs.read32(CTRL) & CTRL_RST) != 0) {
            if (++polls > RESET_POLLS) return false;
        }
        irq.disable();
        return true;
    }

    /** RAL0 holds the first four octets (lowest byte first), RAH0 the last two. */
    private long readMac() {
        long ral = regs.read32(RAL0) & 0xFFFFFFFFL;
        long rah = regs.read32(RAH0) & 0xFFFFL;
        long mac = 0;
        for (int i = 0; i < 4; i++) mac = (mac << 8) | ((ral >>> (8 * i)) & 0xff);
        for (int i = 0; i < 2; i++) mac = (mac << 8) | ((rah >>> (8 * i)) & 0xff);
        return mac;
    }

    private static int ringSize(long wanted) {
        long n = Math.max(8, Math.min(4096, wanted));
        return (int) (n & ~7L);
    }

    @Override
    public int open() {
        running = true;
        regs.write32(RCTL, regs.read32(RCTL) | RCTL_EN);
        regs.write32(TCTL, regs.read32(TCTL) | TCTL_EN);
        irq.checkLink();
        irq.enable();
        return 0;
    }

    @Override
    public void stop() {
        running = false;
        irq.disable();
        regs.write32(RCTL, regs.read32(RCTL) & ~RCTL_EN);
        regs.write32(TCTL, regs.read32(TCTL) & ~TCTL_EN);
        nic.netdev().netifCarrierOff();
    }

    @Override
    public int startXmit(SkBuff skb) { return tx.xmit(skb); }

    @Override
    public boolean interrupt() { return irq.handle(); }

    @Override
    public int poll(int budget) {
        if (!running) {
            nic.napi().complete(0);
            return 0;
        }
        tx.reclaim();
        int work = rx.receive(budget);
        if (work < budget) {
            updateStats();
            nic.napi().complete(work);
            irq.enable();
        }
        return work;
    }

    /** Folds the device's clear-on-read drop counters into the interface's and the kernel's. */
    private void updateStats() {
        NetDevice dev = nic.netdev();
        int missed = regs.read32(MPC);
        if (missed != 0) {
            dev.stats().rxMissedErrors += missed;
            dev.stats().rxDropped += missed;
            nic.kernel().drop(DROP_RX_MISSED, missed);
        }
        int oversize = regs.read32(ROC);
        if (oversize != 0) {
            dev.stats().rxLengthErrors += oversize;
            dev.stats().rxErrors += oversize;
            nic.kernel().drop(DROP_RX_OVERSIZE, oversize);
        }
    }

    @Override
    public void setInterruptModeration(int usecs) {
        itrUsecs = Math.max(0, usecs);
        irq.setModeration(itrUsecs);
    }

    @Override
    public void remove() {
        running = false;
        irq.disable();
        regs.write32(RCTL, 0);
        regs.write32(TCTL, 0);
        regs.write32(CTRL, regs.read32(CTRL) | CTRL_RST);
    }

    // ---- for tests and ethtool-like inspection ----

    public int interruptModerationUsecs() { return itrUsecs; }
    public long interruptsHandled() { return irq.handled(); }
    public long txCompleted() { return tx.completed(); }
    public long txRingFull() { return tx.ringFull(); }
    public int rxRingSize() { return rx.count(); }
    public int txRingSize() { return tx.count(); }
}
