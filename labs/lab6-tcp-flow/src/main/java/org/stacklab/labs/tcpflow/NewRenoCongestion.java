package org.stacklab.labs.tcpflow;

import org.stacklab.kernel.tcp.CongestionControl;
import org.stacklab.kernel.tcp.TcpControlBlock;

/**
 * Lab 6, part 2: congestion control, component {@code tcp.congestion}, as Linux's
 * {@code tcp_congestion_ops} "reno": the window arithmetic of RFC 5681. The loss detection and the
 * mechanics of fast recovery (RFC 6582) are the reliability component's (lab 5); it asks you for
 * the numbers: the window after an ACK, the slow-start threshold after a loss.
 */
public final class NewRenoCongestion implements CongestionControl {

    @Override
    public String name() { return "reno"; }

    /** The connection is established: the initial window. */
    @Override
    public void init(TcpControlBlock tcb, int initialWindow) {
        // TODO(4) RFC 5681 §3.1 / RFC 6928: cwnd = initialWindow (10 segments here); ssthresh starts
        // "arbitrarily high" (Integer.MAX_VALUE), so the connection starts in slow start.
        throw todo("init", "RFC 5681 §3.1");
    }

    /** {@code ackedBytes} of new data were acknowledged, outside recovery. */
    @Override
    public void onAck(TcpControlBlock tcb, int ackedBytes, long now) {
        // TODO(5) RFC 5681 §3.1:
        //   cwnd < ssthresh: slow start, eq. (2): cwnd += min(ackedBytes, SMSS)  (RFC 3465's ABC with L = 1)
        //   otherwise congestion avoidance: about one SMSS per round-trip time. Count the bytes acknowledged
        //   (tcb.bytesAckedCa) and add SMSS each time a whole cwnd's worth has been acknowledged (RFC 5681
        //   eq. (3) is the per-ACK approximation of this).
        //   SMSS is tcb.mss.
        throw todo("onAck", "RFC 5681 §3.1");
    }

    /** A loss was detected (three duplicate ACKs or a timeout): the new slow-start threshold, in bytes. */
    @Override
    public int ssthresh(TcpControlBlock tcb, long now) {
        // TODO(6) RFC 5681 eq. (4): ssthresh = max(FlightSize / 2, 2 * SMSS), FlightSize = tcb.flightSize().
        // (Start congestion-avoidance byte counting afresh, too.)
        throw todo("ssthresh", "RFC 5681 §3.1 eq. 4");
    }

    static UnsupportedOperationException todo(String method, String where) {
        return new UnsupportedOperationException("TODO: NewRenoCongestion." + method + " is not written yet (" + where + ")");
    }
}
