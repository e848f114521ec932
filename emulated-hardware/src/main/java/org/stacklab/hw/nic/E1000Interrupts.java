package org.stacklab.hw.nic;

import org.stacklab.hw.irq.InterruptController;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Timer;

import static org.stacklab.hw.bus.e1000.E1000Regs.ITR_UNIT_NS;

/**
 * Interrupt causes, mask and throttling (82540EM manual 13.4.17–13.4.21).
 *
 * <p>The device holds its IRQ line asserted while {@code (ICR & IMS) != 0}. ITR sets the minimum gap
 * between two assertions, in 256 ns units: the first interrupt goes out at once, and causes that
 * arrive within the gap after it wait for the gap to end and share one interrupt. That is how
 * interrupt moderation lets a driver take many frames per interrupt at high rates.
 */
final class E1000Interrupts {
    private final EventLoop loop;
    private final InterruptController.Line line;
    private final Timer throttleTimer;
    int icr;
    int ims;
    int itr;
    private long lastAssert = Long.MIN_VALUE / 2;
    /** Times the device asserted its line (each is one interrupt the CPU takes, at most). */
    long assertions;

    E1000Interrupts(EventLoop loop, InterruptController.Line line, String traceName) {
        this.loop = loop;
        this.line = line;
        this.throttleTimer = loop.newTimer(this::throttleExpired, traceName + " ITR");
    }

    /** The device sets {@code causes} in ICR. */
    void raise(int causes) {
        icr |= causes;
        update();
    }

    /** ICR read: returns the causes and clears them all. */
    int readAndClear() {
        int v = icr;
        icr = 0;
        update();
        return v;
    }

    void writeIcr(int w1c) {
        icr &= ~w1c;
        update();
    }

    void writeIms(int bits) {
        ims |= bits;
        update();
    }

    void writeImc(int bits) {
        ims &= ~bits;
        update();
    }

    void writeItr(int value) {
        itr = value & 0xFFFF;
    }

    void reset() {
        icr = 0;
        ims = 0;
        itr = 0;
        lastAssert = Long.MIN_VALUE / 2;
        line.deassertLine();
    }

    long intervalNs() { return (long) itr * ITR_UNIT_NS; }

    /** Asserts or deasserts the line to match {@code ICR & IMS}, honouring the throttle gap. */
    private void update() {
        if ((icr & ims) == 0) {
            line.deassertLine();
            return;
        }
        if (line.isAsserted()) return;
        long now = loop.now();
        long gap = intervalNs();
        if (gap == 0 || now - lastAssert >= gap) {
            lastAssert = now;
            assertions++;
            line.assertLine();
        } else if (!throttleTimer.isPending()) {
            loop.rescheduleAt(throttleTimer, lastAssert + gap);
        }
    }

    private void throttleExpired() {
        update();
    }
}
