package org.stacklab.solutions.tcp;

import org.stacklab.kernel.tcp.CongestionControl;
import org.stacklab.kernel.tcp.TcpControlBlock;

/**
 * CUBIC (RFC 9438), chosen with {@code --use tcp.congestion=cubic}. After a loss the window grows
 * along W_cubic(t) = C (t - K)^3 + W_max (§4.2), concave up to the old maximum and convex beyond
 * it, and never slower than Reno would (the Reno-friendly region, §4.3). Windows are in segments.
 */
public final class Cubic implements CongestionControl {
    static final double C = 0.4;
    static final double BETA = 0.7;
    /** §4.3: alpha_cubic = 3 (1 - beta) / (1 + beta). */
    static final double ALPHA = 3 * (1 - BETA) / (1 + BETA);

    private double wMax;
    private double k;
    private long epochStart = -1;
    private double cwndEpoch;
    private double wEst;
    private long minRtt = Long.MAX_VALUE;

    @Override public String name() { return "cubic"; }

    @Override
    public void init(TcpControlBlock tcb, int initialWindow) {
        tcb.cwnd = initialWindow;
        tcb.ssthresh = Integer.MAX_VALUE;
        epochStart = -1;
        wMax = 0;
    }

    @Override
    public void onRttSample(TcpControlBlock tcb, long rttNs) { minRtt = Math.min(minRtt, rttNs); }

    @Override
    public void onAck(TcpControlBlock tcb, int ackedBytes, long now) {
        int mss = tcb.mss;
        if (tcb.cwnd < tcb.ssthresh) {
            tcb.cwnd += Math.min(ackedBytes, mss); // slow start as in RFC 5681 (§4.10)
            return;
        }
        double cwnd = (double) tcb.cwnd / mss;
        if (epochStart < 0) {
            // §4.2: a new congestion-avoidance epoch begins.
            epochStart = now;
            cwndEpoch = cwnd;
            wEst = cwnd;
            if (wMax < cwnd) wMax = cwnd;
            k = Math.cbrt((wMax - cwnd) / C);
        }
        double rtt = minRtt == Long.MAX_VALUE ? 0.1 : minRtt / 1e9;
        double t = (now - epochStart) / 1e9;
        double target = C * Math.pow(t + rtt - k, 3) + wMax;
        // §4.3: the Reno-friendly estimate grows by alpha per window of acknowledged segments.
        wEst += ALPHA * ((double) ackedBytes / mss) / cwnd;
        double next;
        if (wEst > target) next = cwnd + ((double) ackedBytes / mss) * (wEst - cwnd) / cwnd;
        else {
            // §4.4/4.5: move towards the cubic target, at most 1.5× per RTT.
            target = Math.min(target, 1.5 * cwnd);
            next = target > cwnd ? cwnd + ((double) ackedBytes / mss) * (target - cwnd) / cwnd : cwnd;
        }
        tcb.cwnd = (int) Math.min(1 << 30, Math.max(tcb.cwnd, next * mss));
    }

    /** §4.6 with fast convergence (§4.7): remember W_max, cut to beta × cwnd. */
    @Override
    public int ssthresh(TcpControlBlock tcb, long now) {
        double cwnd = (double) tcb.cwnd / tcb.mss;
        wMax = cwnd < wMax ? cwnd * (1 + BETA) / 2 : cwnd;
        epochStart = -1;
        return Math.max((int) (tcb.cwnd * BETA), 2 * tcb.mss);
    }

    /** §4.8: after a timeout, start a fresh epoch from the loss window. */
    @Override
    public void onRetransmitTimeout(TcpControlBlock tcb, long now) { epochStart = -1; }
}
