package org.stacklab.solutions.tcp;

import org.stacklab.kernel.tcp.TcpControlBlock;

/**
 * Computing TCP's retransmission timer, RFC 6298: the smoothed RTT and its variance from samples
 * (§2), Karn's rule for which segments may be timed (§3, applied by the sender), and the bounds.
 */
final class RetransmissionTimer {
    private RetransmissionTimer() {}

    /** RFC 6298 §2: K = 4, alpha = 1/8, beta = 1/4; G, the clock granularity, is 1 ms here. */
    static final long G_NS = 1_000_000L;

    /** Folds one round-trip sample {@code r} (ns) into SRTT/RTTVAR and recomputes RTO, clamped to [min, max]. */
    static void sample(TcpControlBlock tcb, long r, long minNs, long maxNs) {
        if (tcb.srtt < 0) {                  // (2.2) the first measurement
            tcb.srtt = r;
            tcb.rttvar = r / 2;
        } else {                             // (2.3) RTTVAR first, with the old SRTT
            tcb.rttvar = (3 * tcb.rttvar + Math.abs(tcb.srtt - r)) / 4;
            tcb.srtt = (7 * tcb.srtt + r) / 8;
        }
        tcb.rto = clamp(tcb.srtt + Math.max(G_NS, 4 * tcb.rttvar), minNs, maxNs);
    }

    /** (5.5) back off the timer: RTO doubles, up to the maximum. */
    static void backoff(TcpControlBlock tcb, long maxNs) {
        tcb.rto = Math.min(tcb.rto * 2, maxNs);
        tcb.backoff++;
    }

    static long clamp(long v, long lo, long hi) { return Math.max(lo, Math.min(hi, v)); }

}
