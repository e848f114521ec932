package org.stacklab.solutions.tcp;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.sim.Timer;

/**
 * A re-armable kernel timer ({@code sk_reset_timer}/{@code sk_stop_timer}). TCP moves its
 * retransmission timer on nearly every ACK; pushing the deadline later only updates a field, and the
 * queued event re-arms itself when it fires early, so the event queue does not fill with dead timers.
 */
final class KernelTimer {
    private final Kernel kernel;
    private final Runnable fn;
    /** The one event this timer ever uses, rescheduled rather than allocated per arming. */
    private final Timer event;
    private long deadline = -1;

    KernelTimer(Kernel kernel, String label, Runnable fn) {
        this.kernel = kernel;
        this.fn = fn;
        this.event = kernel.loop().newTimer(() -> kernel.guarded(label, this::fire), label);
    }

    /** Fires {@code delayNs} from now (replacing any earlier deadline). */
    void set(long delayNs) {
        deadline = kernel.now() + delayNs;
        if (event.isPending() && event.when() <= deadline) return;
        kernel.loop().rescheduleAt(event, deadline);
    }

    void clear() {
        deadline = -1;
        event.cancel();
    }

    boolean pending() { return deadline >= 0; }

    long deadline() { return deadline; }

    private void fire() {
        if (deadline < 0) return;
        long now = kernel.now();
        if (now < deadline) {
            kernel.loop().rescheduleAt(event, deadline);
            return;
        }
        deadline = -1;
        fn.run();
    }
}
