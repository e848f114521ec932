package org.stacklab.solutions.tcp;

import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.tcp.CongestionControl;
import org.stacklab.kernel.tcp.ReliableDelivery;
import org.stacklab.kernel.tcp.SeqNum;
import org.stacklab.kernel.tcp.TcpConnection;
import org.stacklab.kernel.tcp.TcpControlBlock;
import org.stacklab.kernel.tcp.TcpSegment;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.kernel.tcp.TcpSysctl;

/**
 * The reference {@code tcp.reliability}: cumulative ACKs with the send-window update of RFC 9293
 * §3.10.7.4, RTT sampling with Karn's rule and the RTO of RFC 6298, fast retransmit on the third
 * duplicate ACK (RFC 5681 §3.2) with NewReno's partial-ACK recovery (RFC 6582), and in-order
 * delivery through the {@link Reassembly} queue.
 */
public final class TcpReliability implements ReliableDelivery {
    private final Reassembly reassembly = new Reassembly();

    @Override
    public boolean isAcceptable(TcpControlBlock tcb, TcpSegment seg) {
        int wnd = Math.max(0, SeqNum.diff(tcb.rcvAdv, tcb.rcvNxt));
        int len = seg.segLen();
        int seq = seg.seq();
        if (len == 0) {
            return wnd == 0 ? seq == tcb.rcvNxt : SeqNum.inWindow(seq, tcb.rcvNxt, tcb.rcvNxt + wnd);
        }
        if (wnd == 0) return false;
        return SeqNum.inWindow(seq, tcb.rcvNxt, tcb.rcvNxt + wnd)
                || SeqNum.inWindow(seq + len - 1, tcb.rcvNxt, tcb.rcvNxt + wnd);
    }

    // ------------------------------------------------------------------------------ sender side

    @Override
    public int onAck(TcpConnection c, TcpSegment seg) {
        TcpControlBlock tcb = c.tcb();
        int ack = seg.ack();
        // RFC 9293: an ACK for something not yet sent is answered with an ACK and dropped; RFC 5961 §5.2:
        // so is one older than SND.UNA - MAX.SND.WND (a blind injection).
        if (SeqNum.gt(ack, tcb.sndMax)) return ACK_UNSENT;
        if (SeqNum.lt(ack, tcb.sndUna - Math.max(tcb.maxSndWnd, 1))) return ACK_UNSENT;

        boolean windowChanged = updateSendWindow(tcb, seg);
        if (SeqNum.lt(ack, tcb.sndUna)) return ACK_OLD;
        if (ack == tcb.sndUna) return duplicateAck(c, seg, windowChanged);
        newAck(c, seg);
        return ACK_NEW;
    }

    /** RFC 9293 §3.10.7.4: take the window from the newest segment (WL1/WL2 order them). */
    private static boolean updateSendWindow(TcpControlBlock tcb, TcpSegment seg) {
        int ack = seg.ack();
        if (SeqNum.lt(ack, tcb.sndUna)) return false;
        if (SeqNum.lt(tcb.sndWl1, seg.seq()) || (tcb.sndWl1 == seg.seq() && SeqNum.leq(tcb.sndWl2, ack))) {
            int wnd = seg.syn() ? seg.header.window() : seg.header.window() << tcb.sndWscale;
            boolean changed = wnd != tcb.sndWnd;
            tcb.sndWnd = wnd;
            tcb.sndWl1 = seg.seq();
            tcb.sndWl2 = ack;
            tcb.maxSndWnd = Math.max(tcb.maxSndWnd, wnd);
            return changed;
        }
        return false;
    }

    /**
     * RFC 5681 §2's duplicate ACK: acknowledges SND.UNA, carries no data, no SYN/FIN, leaves the
     * window unchanged, while data is outstanding. The third starts fast retransmit (§3.2) unless the
     * ACK does not cover {@code recover} (RFC 6582 §3.2 step 2: no second recovery for one window).
     */
    private int duplicateAck(TcpConnection c, TcpSegment seg, boolean windowChanged) {
        TcpControlBlock tcb = c.tcb();
        if (seg.dataLen != 0 || seg.syn() || seg.fin() || windowChanged || tcb.sndMax == tcb.sndUna) return ACK_OLD;
        tcb.dupAcks++;
        tcb.counters.dupAcks++;
        CongestionControl cc = c.congestion();
        if (tcb.inRecovery) {
            tcb.cwnd += tcb.mss; // step 3: each further duplicate means a segment has left the network
        } else if (tcb.dupAcks == 3 && SeqNum.geq(seg.ack(), tcb.recover)) {
            tcb.ssthresh = cc.ssthresh(tcb, c.now());
            tcb.recover = tcb.sndMax;
            tcb.inRecovery = true;
            tcb.counters.fastRetransmits++;
            c.retransmitHead();
            tcb.cwnd = tcb.ssthresh + 3 * tcb.mss;
        }
        return ACK_DUPLICATE;
    }

    private void newAck(TcpConnection c, TcpSegment seg) {
        TcpControlBlock tcb = c.tcb();
        int ack = seg.ack();
        long now = c.now();
        int acked = SeqNum.diff(ack, tcb.sndUna);
        // RTT sample. First choice, Karn's rule (RFC 6298 §3): the timed segment, if it was sent only
        // once. Otherwise, when both sides use timestamps, the echoed TSval (RFC 7323 §4.1), which also
        // times retransmissions, so the backed-off timer recovers (Linux's order, tcp_ack_update_rtt).
        long r = -1;
        long ecr = seg.header.tsEcr();
        if (tcb.rttTiming && SeqNum.gt(ack, tcb.rttSeq)) {
            tcb.rttTiming = false;
            r = now - tcb.rttStart;
        } else if (tcb.tsOk && ecr > 0) {
            long nowMs = TcpSender.tsClock(now, tcb.tsOffset);
            long d = (nowMs - ecr) & 0xffffffffL;
            if (d < 0x7fffffffL) r = d * 1_000_000L;
        }
        if (r >= 0) {
            var s = c.kernel().sysctl();
            RetransmissionTimer.sample(tcb, r, s.get(TcpSysctl.RTO_MIN_MS, TcpSysctl.RTO_MIN_MS_DEFAULT) * 1_000_000L,
                    s.get(TcpSysctl.RTO_MAX_MS, TcpSysctl.RTO_MAX_MS_DEFAULT) * 1_000_000L);
            c.congestion().onRttSample(tcb, r);
        }
        int dataAcked = acked;
        if (tcb.sndUna == tcb.iss) dataAcked--;                                     // our SYN
        if (tcb.finSent && SeqNum.gt(ack, tcb.finSeq)) dataAcked--;                 // our FIN
        c.releaseAcked(Math.max(0, dataAcked));
        tcb.counters.bytesAcked += Math.max(0, dataAcked);
        tcb.sndUna = ack;
        if (SeqNum.lt(tcb.sndNxt, ack)) tcb.sndNxt = ack;
        tcb.backoff = 0;

        if (tcb.inRecovery) {
            if (SeqNum.geq(ack, tcb.recover)) {
                // RFC 6582 §3.2 step 3, full acknowledgment: deflate the window.
                tcb.cwnd = Math.min(tcb.ssthresh, Math.max(tcb.flightSize(), tcb.mss) + tcb.mss);
                tcb.inRecovery = false;
                tcb.dupAcks = 0;
            } else {
                // Partial acknowledgment: the next hole is lost too. Retransmit it at once, deflate by the
                // amount acknowledged, add back one MSS if that was at least one MSS.
                c.retransmitHead();
                tcb.cwnd = Math.max(tcb.mss, tcb.cwnd - acked + (acked >= tcb.mss ? tcb.mss : 0));
            }
        } else {
            tcb.dupAcks = 0;
            if (tcb.state == TcpState.ESTABLISHED || tcb.state == TcpState.CLOSE_WAIT) {
                c.congestion().onAck(tcb, acked, now);
            }
        }
        // RFC 6298 §5.2/5.3: all acknowledged, stop the timer; otherwise restart it.
        if (tcb.sndUna == tcb.sndMax) c.clearRetransmitTimer();
        else c.setRetransmitTimer(tcb.rto);
    }

    @Override
    public void onRetransmitTimeout(TcpConnection c) {
        TcpControlBlock tcb = c.tcb();
        if (tcb.sndUna == tcb.sndMax) return; // everything got acknowledged meanwhile
        var s = c.kernel().sysctl();
        long limit = switch (tcb.state) {
            case SYN_SENT -> s.get(TcpSysctl.SYN_RETRIES, TcpSysctl.SYN_RETRIES_DEFAULT);
            case SYN_RECEIVED -> s.get(TcpSysctl.SYNACK_RETRIES, TcpSysctl.SYNACK_RETRIES_DEFAULT);
            default -> s.get(TcpSysctl.RETRIES2, TcpSysctl.RETRIES2_DEFAULT);
        };
        if (tcb.backoff >= limit) {
            c.abort(Errno.ETIMEDOUT); // RFC 1122 §4.2.3.5 R2: give up
            return;
        }
        tcb.counters.rtoExpiries++;
        if (tcb.state.isSynchronized() && tcb.state != TcpState.SYN_RECEIVED) {
            // RFC 5681 §3.1 eq. 4, held constant over repeated timeouts of the same segment; cwnd = 1 MSS.
            if (tcb.backoff == 0) tcb.ssthresh = c.congestion().ssthresh(tcb, c.now());
            tcb.cwnd = tcb.mss;
            c.congestion().onRetransmitTimeout(tcb, c.now());
            // RFC 6582 §3.2 step 4 (after a timeout): remember how far we had sent; leave recovery.
            tcb.recover = tcb.sndMax;
            tcb.inRecovery = false;
            tcb.dupAcks = 0;
            // Go back: everything after SND.UNA is sent again as the window opens.
            tcb.sndNxt = tcb.sndUna;
        }
        RetransmissionTimer.backoff(tcb, s.get(TcpSysctl.RTO_MAX_MS, TcpSysctl.RTO_MAX_MS_DEFAULT) * 1_000_000L);
        tcb.rttTiming = false;
        c.retransmitHead();
        c.setRetransmitTimer(tcb.rto);
    }

    // ------------------------------------------------------------------------------ receiver side

    @Override
    public boolean onData(TcpConnection c, TcpSegment seg) {
        TcpControlBlock tcb = c.tcb();
        int seq = seg.dataSeq;
        int off = seg.dataOff;
        int len = seg.dataLen;
        boolean fin = seg.fin();
        // Trim what we already have from the front...
        if (SeqNum.lt(seq, tcb.rcvNxt)) {
            int d = SeqNum.diff(tcb.rcvNxt, seq);
            if (d > len) { // even the FIN is old
                c.sendAck();
                return false;
            }
            seq += d;
            off += d;
            len -= d;
        }
        // ...and what lies beyond the window from the back (a FIN beyond it is not accepted yet).
        int right = tcb.rcvNxt + Math.max(0, SeqNum.diff(tcb.rcvAdv, tcb.rcvNxt));
        if (SeqNum.gt(seq + len, right)) {
            len = Math.max(0, SeqNum.diff(right, seq));
            fin = false;
        }
        if (len == 0 && !fin) {
            c.sendAck(); // a duplicate: the peer missed our ACK (RFC 9293 §3.10.7.4)
            return false;
        }
        if (seq != tcb.rcvNxt) {
            // Out of order: hold it, and send a duplicate ACK at once so the sender can fast-retransmit (RFC 5681 §4.2).
            if (reassembly.insert(seq, seg.buf, off, len, fin)) tcb.counters.ofoQueued++;
            else tcb.counters.ofoDropped++;
            c.sendAck();
            return false;
        }
        int n = c.deliver(seg.buf, off, len);
        tcb.rcvNxt += n;
        boolean finNow = false;
        if (n == len && fin) {
            tcb.rcvNxt += 1;
            finNow = true;
        }
        boolean filledHole = !reassembly.isEmpty();
        if (!finNow && filledHole) finNow = reassembly.drain(c);
        if (finNow) reassembly.clear();
        // RFC 5681 §4.2: ACK at once when a segment fills a hole; a FIN is acknowledged at once too.
        if (finNow || filledHole || n < len) c.sendAck();
        else c.ackSoon();
        return finNow;
    }
}
