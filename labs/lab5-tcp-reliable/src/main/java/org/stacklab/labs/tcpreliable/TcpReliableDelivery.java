package org.stacklab.labs.tcpreliable;

import org.stacklab.kernel.tcp.ReliableDelivery;
import org.stacklab.kernel.tcp.TcpConnection;
import org.stacklab.kernel.tcp.TcpControlBlock;
import org.stacklab.kernel.tcp.TcpSegment;

/**
 * Lab 5: reliable, in-order delivery over a network that loses, repeats and reorders segments;
 * component {@code tcp.reliability}. The reference state machine calls you for every segment of a
 * synchronized connection: {@link #isAcceptable} first, {@link #onAck} for its ACK field,
 * {@link #onData} for its data and FIN; the module's retransmission timer calls
 * {@link #onRetransmitTimeout}. You never build a packet: ask the connection
 * ({@code c.sendAck()}, {@code c.ackSoon()}, {@code c.retransmitHead()}, {@code c.releaseAcked(n)},
 * {@code c.deliver(..)}, {@code c.setRetransmitTimer(..)}, {@code c.clearRetransmitTimer()}).
 *
 * <p>What to write, in this order (README.md explains each step):
 * <ol>
 *   <li>{@link #isAcceptable}: RFC 9293 §3.10.7.4's four-case table.
 *   <li>{@link #onData} and {@link ReassemblyQueue}: the receiver.
 *   <li>{@link #onAck}: cumulative ACKs, the send window, RTT samples with Karn's rule.
 *   <li>{@link RetransmissionTimer}: RFC 6298's SRTT, RTTVAR and RTO; {@link #onRetransmitTimeout}.
 *   <li>fast retransmit on the third duplicate ACK and NewReno's recovery, inside {@link #onAck}.
 * </ol>
 * Run the graded tests against your code with
 * {@code ./stacklab grade --lab lab5-tcp-reliable}.
 */
public final class TcpReliableDelivery implements ReliableDelivery {
    /** Segments that arrived beyond RCV.NXT, waiting for the hole before them to fill. */
    private final ReassemblyQueue reassembly = new ReassemblyQueue();

    /**
     * RFC 9293 §3.10.7.4, first check: may this segment be processed at all? RCV.WND is the window
     * we advertised, {@code tcb.rcvAdv - tcb.rcvNxt} (never negative).
     */
    @Override
    public boolean isAcceptable(TcpControlBlock tcb, TcpSegment seg) {
        // TODO(1) RFC 9293 §3.10.7.4, the table "Segment Length / Receive Window / Test":
        //   SEG.LEN = 0, RCV.WND = 0:  SEG.SEQ = RCV.NXT
        //   SEG.LEN = 0, RCV.WND > 0:  RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
        //   SEG.LEN > 0, RCV.WND = 0:  not acceptable
        //   SEG.LEN > 0, RCV.WND > 0:  the first (SEG.SEQ) or the last (SEG.SEQ+SEG.LEN-1) byte lies in the window
        // SEG.LEN counts SYN and FIN (seg.segLen()). Compare with SeqNum (modulo 2^32), never with < and >.
        throw todo("isAcceptable", "RFC 9293 §3.10.7.4");
    }

    /**
     * RFC 9293 §3.10.7.4, fifth check, in a synchronized state: what does SEG.ACK acknowledge?
     * Returns {@link #ACK_NEW}, {@link #ACK_DUPLICATE}, {@link #ACK_OLD} or {@link #ACK_UNSENT}.
     */
    @Override
    public int onAck(TcpConnection c, TcpSegment seg) {
        // TODO(3) RFC 9293 §3.10.7.4 "ESTABLISHED STATE" of the fifth check:
        //   - SEG.ACK > SND.MAX acknowledges something not yet sent: return ACK_UNSENT (the caller ACKs and
        //     drops). So is SEG.ACK < SND.UNA - MAX.SND.WND (RFC 5961 §5.2: a blind injection).
        //   - the send window: if SND.WL1 < SEG.SEQ, or SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK, and SEG.ACK >= SND.UNA,
        //     then SND.WND = the window field << tcb.sndWscale (unscaled in a SYN), SND.WL1 = SEG.SEQ,
        //     SND.WL2 = SEG.ACK, and remember the largest window in tcb.maxSndWnd.
        //   - SEG.ACK < SND.UNA: ACK_OLD.   SEG.ACK = SND.UNA: maybe a duplicate ACK (step 5 below).
        //   - SND.UNA < SEG.ACK =< SND.MAX: new data acknowledged (return ACK_NEW):
        //       * an RTT sample, Karn's rule (RFC 6298 §3): only if the segment being timed (tcb.rttTiming,
        //         tcb.rttSeq, tcb.rttStart; the module sets them when it sends) is now acknowledged. The module
        //         switches timing off when it retransmits the timed segment. Feed the sample to
        //         RetransmissionTimer.sample (RTO bounds: sysctls TcpSysctl.RTO_MIN_MS / RTO_MAX_MS) and to
        //         c.congestion().onRttSample;
        //       * release the acknowledged data (c.releaseAcked: bytes, not counting our SYN or FIN, which take a
        //         sequence number but no buffer space), count tcb.counters.bytesAcked;
        //       * SND.UNA = SEG.ACK (and SND.NXT too if it was behind); tcb.backoff = 0;
        //       * outside recovery: tcb.dupAcks = 0 and, in ESTABLISHED or CLOSE-WAIT,
        //         c.congestion().onAck(tcb, acked, c.now());
        //       * RFC 6298 §5.2-5.3: everything acknowledged -> c.clearRetransmitTimer(), else restart it with tcb.rto.
        //   - step 5, RFC 5681 §2 and §3.2, RFC 6582 §3.2: a duplicate ACK carries no data, no SYN/FIN, does not
        //     change the window, and data is outstanding. Count tcb.dupAcks (and tcb.counters.dupAcks). On the
        //     THIRD one (and SEG.ACK >= tcb.recover): ssthresh = c.congestion().ssthresh(tcb, now),
        //     recover = SND.MAX, inRecovery, tcb.counters.fastRetransmits++, c.retransmitHead(),
        //     cwnd = ssthresh + 3*MSS. Each further duplicate in recovery: cwnd += MSS.
        //     A new ACK in recovery: SEG.ACK >= recover ends it (cwnd = min(ssthresh, max(FlightSize, MSS) + MSS));
        //     below recover it is a partial ACK: the next hole is lost too, c.retransmitHead() at once and
        //     deflate cwnd by the bytes acknowledged (adding back one MSS if that was at least one MSS).
        throw todo("onAck", "RFC 9293 §3.10.7.4, RFC 6298, RFC 5681 §3.2, RFC 6582");
    }

    /**
     * RFC 9293 §3.10.7.4, seventh and eighth checks: the segment's text and FIN. Returns true when the
     * peer's FIN is now in sequence (RCV.NXT has moved past it).
     */
    @Override
    public boolean onData(TcpConnection c, TcpSegment seg) {
        // TODO(2) RFC 9293 §3.10.7.4 seventh check, RFC 5681 §4.2 for when to ACK:
        //   - the data is seg.buf[seg.dataOff .. seg.dataOff+seg.dataLen), its first byte is seg.dataSeq;
        //     a FIN follows the last byte (seg.fin()).
        //   - trim what lies before RCV.NXT (already received) and what lies beyond RCV.NXT + RCV.WND
        //     (a FIN beyond the window is not accepted yet). Nothing left and no FIN: a duplicate, c.sendAck().
        //   - it starts beyond RCV.NXT: out of order. Keep it in the ReassemblyQueue (count
        //     tcb.counters.ofoQueued++) and send a duplicate ACK at once (c.sendAck()) so the sender learns
        //     of the hole and can fast-retransmit.
        //   - it starts at RCV.NXT: c.deliver(...) it (it returns how much fit), advance RCV.NXT, +1 for an
        //     in-sequence FIN; then drain the queue, whose pieces may now be in sequence.
        //   - ACK at once when the segment filled a hole, carried a FIN, or did not fit; otherwise c.ackSoon()
        //     (the delayed ACK of RFC 1122 §4.2.3.2).
        throw todo("onData", "RFC 9293 §3.10.7.4 (seventh check)");
    }

    /** RFC 6298 §5.4-5.7: the retransmission timer expired. */
    @Override
    public void onRetransmitTimeout(TcpConnection c) {
        // TODO(4) RFC 6298 §5.4-5.7 and RFC 5681 §3.1:
        //   - nothing outstanding (SND.UNA = SND.MAX): nothing to do.
        //   - too many timeouts of this segment already (tcb.backoff >= the sysctl TcpSysctl.SYN_RETRIES in
        //     SYN-SENT, SYNACK_RETRIES in SYN-RECEIVED, RETRIES2 otherwise): c.abort(Errno.ETIMEDOUT).
        //   - count tcb.counters.rtoExpiries++.
        //   - in ESTABLISHED and later (not SYN-SENT/SYN-RECEIVED): on the first timeout of this segment
        //     ssthresh = c.congestion().ssthresh(tcb, now) (RFC 5681 eq. 4), then cwnd = one MSS,
        //     c.congestion().onRetransmitTimeout(..), recover = SND.MAX, leave recovery, dupAcks = 0, and go
        //     back: SND.NXT = SND.UNA (everything after it is sent again as the window opens).
        //   - (5.5) back the timer off: RetransmissionTimer.backoff; (Karn) stop timing: tcb.rttTiming = false;
        //   - (5.4) c.retransmitHead(); (5.6) c.setRetransmitTimer(tcb.rto).
        throw todo("onRetransmitTimeout", "RFC 6298 §5");
    }

    static UnsupportedOperationException todo(String method, String where) {
        return new UnsupportedOperationException("TODO: " + method + " is not written yet (" + where + ")");
    }
}
