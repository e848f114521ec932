package org.stacklab.labs.driver;

import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import org.stacklab.hw.bus.Mmio;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.driver.NicContext;
import org.stacklab.kernel.driver.NicDriver;
import org.stacklab.kernel.socket.Errno;

/**
 * Lab 1: your driver for the Intel 82540EM (e1000). The kernel makes one instance per NIC and calls
 * these methods one at a time on the event loop (read {@link NicDriver} for the contract of each).
 *
 * <p>What to write (README.md explains each step; the graded tests are in
 * {@code src/test/java/org/stacklab/labs/driver/}):
 * <ol>
 *   <li>{@link RxRing#setup} and {@link TxRing#setup}: the descriptor rings (manual 3.2.6, 3.4).
 *   <li>{@link TxRing#xmit}: put a frame on the TX ring and move TDT (manual 3.3.3).
 *   <li>{@link #interrupt}: the hard IRQ handler (manual 13.4.17 ICR, 13.4.21 IMC).
 *   <li>{@link RxRing#receive} and {@link #poll}: NAPI — receive within the budget, refill, re-enable
 *       interrupts when the ring is drained (manual 3.2.3).
 *   <li>{@link TxRing#reclaim}: take back descriptors the device finished; wake the queue.
 *   <li>{@link #setInterruptModeration}: ITR (manual 13.4.18).
 * </ol>
 * Reset, the MAC address and the link are done for you below; so is the configuration of RCTL/TCTL.
 */
public final class E1000Driver implements NicDriver {
    /** Descriptors per ring unless {@code e1000.RxDescriptors}/{@code e1000.TxDescriptors} say otherwise. */
    public static final int DEFAULT_DESCRIPTORS = 256;
    /** Interrupt causes the driver enables (IMS): frame received, RX ring low, overrun, TX written back, link. */
    static final int IMS_ENABLE = ICR_RXT0 | ICR_RXO | ICR_RXDMT0 | ICR_TXDW | ICR_LSC;

    private NicContext nic;
    private Mmio regs;
    private RxRing rx;
    private TxRing tx;
    private boolean running;

    @Override
    public int probe(NicContext nic) {
        this.nic = nic;
        this.regs = nic.regs();
        // Reset (manual 14.5): mask interrupts, set CTRL.RST, wait for it to clear, mask again.
        regs.write32(IMC, 0xFFFFFFFF);
        regs.write32(CTRL, regs.read32(CTRL) | CTRL_RST);
        for (int polls = 0; (regs.read32(CTRL) & CTRL_RST) != 0; polls++) {
            if (polls > 1000) return Errno.EIO.neg();
        }
        regs.write32(IMC, 0xFFFFFFFF);
        regs.read32(ICR);
        nic.netdev().setMac(readMac());

        var sysctl = nic.kernel().sysctl();
        rx = new RxRing(nic, ringSize(sysctl.get("e1000.RxDescriptors", DEFAULT_DESCRIPTORS)));
        tx = new TxRing(nic, ringSize(sysctl.get("e1000.TxDescriptors", DEFAULT_DESCRIPTORS)));
        if (!rx.setup() || !tx.setup()) return Errno.ENOMEM.neg();

        // Receive: accept broadcast, 2048-byte buffers, strip the CRC. Transmit: pad short frames.
        // Both are enabled (EN) in open().
        regs.write32(RCTL, RCTL_BAM | RCTL_BSIZE_2048 | RCTL_SECRC);
        regs.write32(TCTL, TCTL_PSP | (0x0F << TCTL_CT_SHIFT) | (0x40 << TCTL_COLD_SHIFT));
        regs.write32(TIPG, 10 | (8 << 10) | (6 << 20));
        regs.write32(CTRL, regs.read32(CTRL) | CTRL_SLU | CTRL_ASDE | CTRL_FD);
        nic.log("e1000: " + MacAddr.format(nic.netdev().mac()) + ", " + rx.count() + " RX / " + tx.count() + " TX descriptors");
        return 0;
    }

    /** RAL0 holds the first four octets of the MAC (lowest byte first), RAH0 the last two (manual 13.4.31). */
    private long readMac() {
        long ral = regs.read32(RAL0) & 0xFFFFFFFFL;
        long rah = regs.read32(RAH0) & 0xFFFFL;
        long mac = 0;
        for (int i = 0; i < 4; i++) mac = (mac << 8) | ((ral >>> (8 * i)) & 0xff);
        for (int i = 0; i < 2; i++) mac = (mac << 8) | ((rah >>> (8 * i)) & 0xff);
        return mac;
    }

    /** Ring sizes are multiples of 8 descriptors (RDLEN/TDLEN must be multiples of 128 bytes). */
    private static int ringSize(long wanted) {
        return (int) (Math.max(8, Math.min(4096, wanted)) & ~7L);
    }

    @Override
    public int open() {
        running = true;
        regs.write32(RCTL, regs.read32(RCTL) | RCTL_EN);
        regs.write32(TCTL, regs.read32(TCTL) | TCTL_EN);
        checkLink();
        regs.write32(IMS, IMS_ENABLE);
        return 0;
    }

    @Override
    public void stop() {
        running = false;
        regs.write32(IMC, 0xFFFFFFFF);
        regs.write32(RCTL, regs.read32(RCTL) & ~RCTL_EN);
        regs.write32(TCTL, regs.read32(TCTL) & ~TCTL_EN);
        nic.netdev().netifCarrierOff();
    }

    @Override
    public int startXmit(SkBuff skb) { return tx.xmit(skb); }

    /**
     * The hard interrupt handler ({@code e1000_intr}). Reading ICR returns the causes and clears
     * them. No cause at all: not our interrupt, return false. A link change (ICR_LSC): call
     * {@link #checkLink()}. Ring work (RXT0, RXO, RXDMT0, TXDW, TXQE): mask every cause with IMC so
     * the device stays quiet while NAPI polls, and {@code nic.napiSchedule()}. Return true.
     */
    @Override
    public boolean interrupt() {
        // TODO(3): read ICR, handle LSC, mask with IMC and schedule NAPI for ring work.
        throw new UnsupportedOperationException("TODO: E1000Driver.interrupt (lab 1, step 3)");
    }

    /**
     * The NAPI poll ({@code e1000_clean}): reclaim TX, receive at most {@code budget} frames. If the
     * ring was drained (fewer than {@code budget}), {@code nic.napi().complete(work)} and unmask the
     * interrupts (IMS = {@link #IMS_ENABLE}); otherwise leave them masked — NAPI calls you again.
     * Never return more than {@code budget}. If the device was stopped, complete with 0.
     */
    @Override
    public int poll(int budget) {
        // TODO(4): tx.reclaim(), rx.receive(budget), complete + IMS when drained.
        throw new UnsupportedOperationException("TODO: E1000Driver.poll (lab 1, step 4)");
    }

    /**
     * {@code ethtool -C eth0 rx-usecs N}: ITR holds the minimum gap between interrupts in units of
     * 256 ns (manual 13.4.18). Round up, so the gap is at least {@code usecs}; 0 turns it off;
     * the register is 16 bits wide.
     */
    @Override
    public void setInterruptModeration(int usecs) {
        // TODO(6): write ITR.
        throw new UnsupportedOperationException("TODO: E1000Driver.setInterruptModeration (lab 1, step 6)");
    }

    /** Follows STATUS.LU into the interface's carrier flag (given). */
    void checkLink() {
        boolean up = (regs.read32(STATUS) & STATUS_LU) != 0;
        if (up && !nic.netdev().hasCarrier()) {
            nic.log("NIC Link is Up 1000 Mbps Full Duplex, Flow Control: None");
            nic.netdev().netifCarrierOn();
        } else if (!up && nic.netdev().hasCarrier()) {
            nic.log("NIC Link is Down");
            nic.netdev().netifCarrierOff();
        }
    }

    @Override
    public void remove() {
        running = false;
        regs.write32(IMC, 0xFFFFFFFF);
        regs.write32(RCTL, 0);
        regs.write32(TCTL, 0);
        regs.write32(CTRL, regs.read32(CTRL) | CTRL_RST);
    }

    boolean running() { return running; }
}
