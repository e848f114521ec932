package org.stacklab.solutions.driver;

import static org.stacklab.hw.bus.e1000.E1000Regs.ICR;
import static org.stacklab.hw.bus.e1000.E1000Regs.ICR_LSC;
import static org.stacklab.hw.bus.e1000.E1000Regs.ICR_RXDMT0;
import static org.stacklab.hw.bus.e1000.E1000Regs.ICR_RXO;
import static org.stacklab.hw.bus.e1000.E1000Regs.ICR_RXT0;
import static org.stacklab.hw.bus.e1000.E1000Regs.ICR_TXDW;
import static org.stacklab.hw.bus.e1000.E1000Regs.ICR_TXQE;
import static org.stacklab.hw.bus.e1000.E1000Regs.IMC;
import static org.stacklab.hw.bus.e1000.E1000Regs.IMS;
import static org.stacklab.hw.bus.e1000.E1000Regs.ITR;
import static org.stacklab.hw.bus.e1000.E1000Regs.ITR_UNIT_NS;

import org.stacklab.hw.bus.Mmio;
import org.stacklab.hw.bus.e1000.E1000Regs;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.driver.NicContext;

/**
 * Interrupt handling (82540EM manual 13.4.17-13.4.21). The hard IRQ handler does as little as
 * possible: read ICR (which acknowledges the causes), handle a link change, mask every cause with
 * IMC and schedule NAPI. The poll unmasks with IMS once it has drained the ring, so a burst of
 * frames costs one interrupt and several polls, not one interrupt per frame.
 */
final class E1000Interrupts {
    /** Causes the driver enables: frames in, ring running low, overrun, TX done, link change. */
    static final int IMS_ENABLE = ICR_RXT0 | ICR_RXO | ICR_RXDMT0 | ICR_TXDW | ICR_LSC;
    /** Causes that mean ring work for NAPI. */
    static final int NAPI_CAUSES = ICR_RXT0 | ICR_RXO | ICR_RXDMT0 | ICR_TXDW | ICR_TXQE;

    private final NicContext nic;
    private final Mmio regs;
    private long handled;
    private long spurious;

    E1000Interrupts(NicContext nic) {
        this.nic = nic;
        this.regs = nic.regs();
    }

    /** Masks every cause and discards any latched ones (after reset, on stop). */
    void disable() {
        regs.write32(IMC, 0xFFFFFFFF);
        regs.read32(ICR);
    }

    void enable() { regs.write32(IMS, IMS_ENABLE); }

    /** The hard IRQ handler. */
    boolean handle() {
        int icr = regs.read32(ICR);
        if (icr == 0) {
            spurious++;
            return false;
        }
        handled++;
        if ((icr & ICR_LSC) != 0) checkLink();
        if ((icr & NAPI_CAUSES) != 0) {
            regs.write32(IMC, 0xFFFFFFFF);
            nic.napiSchedule();
        }
        return true;
    }

    /** Follows STATUS.LU into the carrier flag (e1000_watchdog's link check). */
    void checkLink() {
        NetDevice dev = nic.netdev();
        boolean up = (regs.read32(E1000Regs.STATUS) & E1000Regs.STATUS_LU) != 0;
        if (up && !dev.hasCarrier()) {
            nic.log("NIC Link is Up 1000 Mbps Full Duplex, Flow Control: None");
            dev.netifCarrierOn();
        } else if (!up && dev.hasCarrier()) {
            nic.log("NIC Link is Down");
            dev.netifCarrierOff();
        }
    }

    /** ITR holds the minimum gap between interrupts in 256 ns units; 0 turns throttling off. */
    void setModeration(int usecs) {
        int itr = usecs <= 0 ? 0 : (int) Math.min(0xFFFF, (usecs * 1000L + ITR_UNIT_NS - 1) / ITR_UNIT_NS);
        regs.write32(ITR, itr);
    }

    long handled() { return handled; }

    long spurious() { return spurious; }
}
