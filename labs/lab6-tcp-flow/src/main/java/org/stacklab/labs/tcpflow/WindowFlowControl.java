package org.stacklab.labs.tcpflow;

import org.stacklab.kernel.tcp.FlowControl;
import org.stacklab.kernel.tcp.TcpConnection;

/**
 * Lab 6, part 1: flow control, component {@code tcp.flow}. Never send more than the receiver can
 * hold, never make it offer a window so small that the connection crawls in tiny segments (silly
 * window syndrome), and never deadlock when the receiver's window is shut.
 *
 * <p>The module asks {@link #receiveWindow} for the window field of every segment it sends (it
 * scales it and never moves the advertised right edge left, RFC 9293 §3.8.6), asks
 * {@link #sendNow} before each data segment, and calls {@link #onPersistTimeout} when the persist
 * timer you armed expires. Run the graded tests against your code with
 * {@code ./stacklab grade --lab lab6-tcp-flow}.
 */
public final class WindowFlowControl implements FlowControl {

    /** The window to offer the peer in the next segment, in bytes. */
    @Override
    public int receiveWindow(TcpConnection c) {
        // TODO(1) RFC 9293 §3.8.6 and RFC 1122 §4.2.3.3 (receiver-side SWS avoidance):
        //   the window is the free space of the receive buffer, c.receiveSpace(). But the right edge
        //   (RCV.NXT + RCV.WND) may only move right by a worthwhile amount: at least
        //   min(c.receiveBufferSize() / 2, tcb.advMss) beyond what is already offered
        //   (tcb.rcvAdv - tcb.rcvNxt). Until then, offer what is left of the current window (never more
        //   than the free space).
        throw todo("receiveWindow", "RFC 1122 §4.2.3.3");
    }

    /**
     * How many of the {@code unsent} bytes to send now, in one segment starting at SND.NXT (0 = wait).
     */
    @Override
    public int sendNow(TcpConnection c, int unsent) {
        // TODO(2) RFC 9293 §3.8.6, RFC 5681 §3.1, RFC 1122 §4.2.3.4, RFC 896:
        //   - the usable window: what the peer allows, SND.UNA + SND.WND - SND.NXT, and what congestion control
        //     allows, SND.UNA + cwnd - SND.NXT (RFC 3042, Limited Transmit: outside recovery, the first two
        //     duplicate ACKs (tcb.dupAcks) each allow one more MSS beyond cwnd). Never more than the MSS.
        //   - a full-sized segment goes at once; so does a retransmission after a timeout (SND.NXT < SND.MAX).
        //   - a short segment (Nagle, RFC 896 / RFC 1122 §4.2.3.4): only if it is all that is queued and nothing
        //     is in flight (or tcb.nodelay), or (sender SWS avoidance) it is at least half the largest window
        //     the peer ever offered (tcb.maxSndWnd).
        //   - the window is open (SND.WND > 0): clear the persist timer (and your probe count).
        //   - data waits behind the peer's window and nothing in flight will bring an ACK to reopen it:
        //     arm the persist timer (c.setPersistTimer), or the connection deadlocks (RFC 9293 §3.8.6.1).
        throw todo("sendNow", "RFC 1122 §4.2.3.4, RFC 9293 §3.8.6");
    }

    /** The persist timer expired. */
    @Override
    public void onPersistTimeout(TcpConnection c) {
        // TODO(3) RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17:
        //   - nothing to send, or not synchronized: nothing to do.
        //   - the window opened meanwhile: c.output().
        //   - otherwise send one window probe (c.sendWindowProbe(); count tcb.counters.persistProbes) and re-arm
        //     the timer, the interval doubling with each unanswered probe: max(tcb.rto, the RTO minimum sysctl
        //     TcpSysctl.RTO_MIN_MS) << probes, never above TcpSysctl.RTO_MAX_MS.
        throw todo("onPersistTimeout", "RFC 9293 §3.8.6.1");
    }

    static UnsupportedOperationException todo(String method, String where) {
        return new UnsupportedOperationException("TODO: WindowFlowControl." + method + " is not written yet (" + where + ")");
    }
}
