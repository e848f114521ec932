package org.stacklab.solutions.tcp;

import org.stacklab.kernel.tcp.CongestionControl;
import org.stacklab.kernel.tcp.TcpControlBlock;

/**
 * The reference {@code tcp.congestion}: Reno's window arithmetic of RFC 5681 §3.1 (the recovery
 * itself, NewReno's RFC 6582, is run by the reliability component). Slow start grows cwnd by the
 * bytes acknowledged up to one MSS per ACK (RFC 3465 ABC, L = 1); congestion avoidance by one MSS
 * per window's worth of acknowledged bytes.
 */
public final class NewReno implements CongestionControl {
    @Override public String name() { return "reno"; }

    @Override
    public void init(TcpControlBlock tcb, int initialWindow) {
        tcb.cwnd = initialWindow;
        tcb.ssthresh = Integer.MAX_VALUE;
        tcb.bytesAckedCa = 0;
    }

    @Override
    public void onAck(TcpControlBlock tcb, int ackedBytes, long now) {
        if (tcb.cwnd < tcb.ssthresh) {
            tcb.cwnd += Math.min(ackedBytes, tcb.mss);         // slow start (RFC 5681 eq. 2)
        } else {
            tcb.bytesAckedCa += ackedBytes;                   // congestion avoidance (RFC 5681 eq. 3, byte counting)
            if (tcb.bytesAckedCa >= tcb.cwnd) {
                tcb.bytesAckedCa -= tcb.cwnd;
                tcb.cwnd += tcb.mss;
            }
        }
        tcb.cwnd = Math.min(tcb.cwnd, 1 << 30);
    }

    /** RFC 5681 eq. 4: ssthresh = max(FlightSize / 2, 2 × SMSS). */
    @Override
    public int ssthresh(TcpControlBlock tcb, long now) {
        tcb.bytesAckedCa = 0;
        return Math.max(tcb.flightSize() / 2, 2 * tcb.mss);
    }
}
