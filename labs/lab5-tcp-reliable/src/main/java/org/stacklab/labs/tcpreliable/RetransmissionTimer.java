package org.stacklab.labs.tcpreliable;

import org.stacklab.kernel.tcp.TcpControlBlock;

/**
 * Computing TCP's retransmission timeout, RFC 6298. The state lives in the TCB, in nanoseconds:
 * {@code tcb.srtt} (negative until the first sample), {@code tcb.rttvar}, {@code tcb.rto} and the
 * backoff exponent {@code tcb.backoff}.
 */
final class RetransmissionTimer {
    private RetransmissionTimer() {}

    /** RFC 6298 §2: the clock granularity G. Our clock counts nanoseconds, but use 1 ms as Linux's jiffies do. */
    static final long G_NS = 1_000_000L;

    /** Folds one round-trip sample {@code r} (ns) into SRTT and RTTVAR and recomputes RTO, clamped to [minNs, maxNs]. */
    static void sample(TcpControlBlock tcb, long r, long minNs, long maxNs) {
        // TODO(4) RFC 6298 §2:
        //   (2.2) the first measurement R:  SRTT = R, RTTVAR = R/2
        //   (2.3) a later one R':           RTTVAR = (1 - beta) * RTTVAR + beta * |SRTT - R'|   (beta = 1/4)
        //                                   SRTT   = (1 - alpha) * SRTT + alpha * R'            (alpha = 1/8)
        //         RTTVAR first: it uses the SRTT from before this sample.
        //   then RTO = SRTT + max(G, K * RTTVAR) with K = 4, clamped: (2.4) not below minNs, (2.5) not above maxNs.
        throw TcpReliableDelivery.todo("RetransmissionTimer.sample", "RFC 6298 §2");
    }

    /** RFC 6298 (5.5): the timer expired; the next timeout is twice as long, up to {@code maxNs}. */
    static void backoff(TcpControlBlock tcb, long maxNs) {
        // TODO(4) RFC 6298 (5.5): RTO = min(2 * RTO, maxNs), and tcb.backoff++ (it counts the timeouts of
        // one segment; onAck resets it when new data is acknowledged).
        throw TcpReliableDelivery.todo("RetransmissionTimer.backoff", "RFC 6298 §5.5");
    }
}
