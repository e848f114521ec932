package org.stacklab.solutions.tcp;

import org.stacklab.kernel.tcp.SeqNum;
import org.stacklab.kernel.tcp.TcpControlBlock;
import org.stacklab.kernel.tcp.TcpFlags;
import org.stacklab.kernel.tcp.TcpHeader;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.kernel.tcp.TcpSysctl;

/**
 * The sending half of a connection ({@code tcp_output.c}): the send queue, which segment goes out
 * next (asking the flow-control component how much), SYN and FIN, retransmission of the head,
 * window probes, delayed ACKs, and the fields every outgoing segment carries (ACK, window, timestamps).
 */
final class TcpSender {
    private final TcpSocket sk;
    private final TcpControlBlock tcb;
    /** Bytes from SND.UNA on: sent-but-unacknowledged, then not yet sent. */
    final ByteRing sndBuf;
    /** Sequence number of the first byte in {@link #sndBuf}. */
    private int sndBufSeq;
    /** In-order segments received since our last ACK (RFC 1122 §4.2.3.2: ACK at least every second one). */
    private int ackPendingSegments;
    final KernelTimer delackTimer;
    boolean offerWscale;
    boolean offerTimestamps;

    TcpSender(TcpSocket sk, int sndBufSize) {
        this.sk = sk;
        this.tcb = sk.tcb;
        this.sndBuf = new ByteRing(sndBufSize);
        this.delackTimer = new KernelTimer(sk.kernel, "tcp delack", () -> sk.guarded(this::delayedAckTimeout));
    }

    /** Queues user data; returns how much fit. */
    int queue(byte[] buf, int off, int len) { return sndBuf.write(buf, off, len); }

    /** TSval: a millisecond clock (RFC 7323 §5.4 allows 1 ms to 1 s per tick), never 0. */
    long tsNow() { return tsClock(sk.kernel.now(), tcb.tsOffset); }

    /** Our timestamp clock (RFC 7323 §5.4): 1 ms ticks, plus the connection's offset, 32 bits. */
    static long tsClock(long nowNs, int offset) { return (nowNs / 1_000_000L + 1 + offset) & 0xffffffffL; }

    private TcpHeader withTimestamps(TcpHeader h) {
        return tcb.tsOk ? h.withTimestamps(tsNow(), tcb.tsRecent) : h;
    }

    void sendSyn() {
        boolean synAck = tcb.state == TcpState.SYN_RECEIVED;
        int flags = TcpFlags.SYN | (synAck ? TcpFlags.ACK : 0);
        int wnd = Math.min(sk.receiveSpace(), 65535); // RFC 7323 §2.2: the window in a SYN is never scaled
        tcb.rcvWnd = wnd;
        if (synAck) tcb.rcvAdv = tcb.rcvNxt + wnd; // in SYN-SENT, RCV.NXT is not known yet
        TcpHeader h = TcpHeader.of(tcb.localPort, tcb.remotePort, tcb.iss, synAck ? tcb.rcvNxt : 0, flags, wnd)
                .withMss(tcb.advMss);
        if (offerWscale) h = h.withWscale(tcb.rcvWscale);
        if (offerTimestamps) h = h.withTimestamps(tsNow(), synAck ? tcb.tsRecent : 0);
        boolean retransmission = SeqNum.gt(tcb.sndMax, tcb.iss);
        if (retransmission) {
            tcb.counters.retransSegs++;
            tcb.rttTiming = false; // Karn: never time a retransmitted segment
        } else {
            tcb.rttTiming = true;
            tcb.rttSeq = tcb.iss;
            tcb.rttStart = sk.kernel.now();
        }
        tcb.sndNxt = SeqNum.max(tcb.sndNxt, tcb.iss + 1);
        tcb.sndMax = SeqNum.max(tcb.sndMax, tcb.iss + 1);
        sndBufSeq = tcb.iss + 1;
        transmit(h, 0, 0);
        if (!sk.rtxTimer.pending()) sk.rtxTimer.set(tcb.rto);
    }

    /**
     * A bare ACK carries SND.MAX, not SND.NXT: after a timeout SND.NXT has gone back to resend, but
     * the peer has already seen up to SND.MAX and would find an older sequence number unacceptable,
     * answer with an ACK of its own, and the two would trade ACKs forever (BSD tcp_output does the same).
     */
    void sendAck() {
        transmit(withTimestamps(TcpHeader.of(tcb.localPort, tcb.remotePort, tcb.sndMax, tcb.rcvNxt, TcpFlags.ACK, windowField())), 0, 0);
    }

    void ackSoon() {
        if (sk.stack.sysctl(TcpSysctl.DELAYED_ACK, TcpSysctl.DELAYED_ACK_DEFAULT) == 0) {
            sendAck();
            return;
        }
        // RFC 1122 §4.2.3.2 / RFC 5681 §4.2: ACK at least every second full-sized segment, and within 500 ms.
        if (++ackPendingSegments >= 2) {
            sendAck();
            return;
        }
        if (!delackTimer.pending()) {
            delackTimer.set(sk.stack.sysctl(TcpSysctl.DELACK_MS, TcpSysctl.DELACK_MS_DEFAULT) * 1_000_000L);
        }
    }

    void delayedAckTimeout() {
        if (ackPendingSegments > 0 && tcb.state.isSynchronized() && tcb.state != TcpState.TIME_WAIT) {
            tcb.counters.delayedAcks++;
            sendAck();
        }
    }

    void sendReset(int seq, int ack, int flags) {
        tcb.counters.outRsts++;
        transmit(TcpHeader.of(tcb.localPort, tcb.remotePort, seq, ack, flags, 0), 0, 0);
    }

    void output() {
        if (!TcpInput.canOutput(tcb.state)) return;
        while (true) {
            int unsent = unsent();
            if (unsent > 0) {
                int n = sk.flow().sendNow(sk, unsent);
                if (n <= 0) return;
                if (n > unsent) {
                    // A flow-control component asked for bytes that do not exist; send what there is.
                    sk.kernel.log().warn("tcp.flow: sendNow returned " + n + " with only " + unsent + " bytes unsent");
                    n = unsent;
                }
                boolean fin = tcb.finQueued && n == unsent;
                sendData(tcb.sndNxt, n, fin);
            } else if (tcb.finQueued && tcb.sndNxt == finPosition()) {
                sendData(tcb.sndNxt, 0, true);
            } else {
                return;
            }
        }
    }

    /** Where the FIN goes: right after the last byte the user queued. */
    private int finPosition() { return sndBufSeq + sndBuf.size(); }

    /** Sends {@code len} bytes at {@code seq} (and FIN after them), first transmission or not. */
    private void sendData(int seq, int len, boolean fin) {
        boolean retransmission = SeqNum.lt(seq, tcb.sndMax);
        int flags = TcpFlags.ACK;
        if (len > 0 && seq + len == finPosition()) flags |= TcpFlags.PSH;
        if (fin) flags |= TcpFlags.FIN;
        int end = seq + len + (fin ? 1 : 0);
        if (retransmission) {
            tcb.counters.retransSegs++;
            if (tcb.rttTiming && SeqNum.leq(seq, tcb.rttSeq) && SeqNum.lt(tcb.rttSeq, end)) tcb.rttTiming = false;
        } else if (!tcb.rttTiming) {
            tcb.rttTiming = true;
            tcb.rttSeq = seq;
            tcb.rttStart = sk.kernel.now();
        }
        if (fin) {
            tcb.finSent = true;
            tcb.finSeq = seq + len;
        }
        TcpHeader h = withTimestamps(TcpHeader.of(tcb.localPort, tcb.remotePort, seq, tcb.rcvNxt, flags, windowField()));
        transmit(h, SeqNum.diff(seq, sndBufSeq), len);
        tcb.counters.bytesSent += len;
        tcb.sndNxt = SeqNum.max(tcb.sndNxt, end);
        tcb.sndMax = SeqNum.max(tcb.sndMax, end);
        // RFC 6298 §5.1: start the timer when a segment goes out and it is not running.
        if (!sk.rtxTimer.pending()) sk.rtxTimer.set(tcb.rto);
    }

    void retransmitHead() {
        if (tcb.state == TcpState.SYN_SENT || (tcb.state == TcpState.SYN_RECEIVED && tcb.sndUna == tcb.iss)) {
            sendSyn();
            return;
        }
        int queued = sndBuf.size() - SeqNum.diff(tcb.sndUna, sndBufSeq);
        int len = Math.min(tcb.mss, Math.max(0, queued));
        boolean fin = tcb.finSent && tcb.sndUna + len == tcb.finSeq;
        if (len > 0 || fin) sendData(tcb.sndUna, len, fin);
    }

    void sendWindowProbe() {
        transmit(withTimestamps(TcpHeader.of(tcb.localPort, tcb.remotePort, tcb.sndUna - 1, tcb.rcvNxt, TcpFlags.ACK, windowField())), 0, 0);
    }

    /** Every segment we send carries the current ACK and window; a pending delayed ACK is covered. */
    private void transmit(TcpHeader h, int ringOff, int len) {
        if ((h.flags() & TcpFlags.ACK) != 0) {
            ackPendingSegments = 0;
            delackTimer.clear();
        }
        tcb.counters.outSegs++;
        TcpOutput.transmit(sk.stack, tcb.localAddr, tcb.remoteAddr, h, sndBuf, ringOff, len);
    }

    /**
     * The window field for the next segment: the flow-control policy's window, never moving the
     * right edge we already advertised to the left (RFC 9293 §3.8.6), scaled by our shift.
     */
    int windowField() {
        int wnd = Math.max(0, sk.flow().receiveWindow(sk));
        int advertised = Math.max(0, SeqNum.diff(tcb.rcvAdv, tcb.rcvNxt));
        if (wnd < advertised) wnd = advertised;
        int field = Math.min(wnd >>> tcb.rcvWscale, 65535);
        if ((field << tcb.rcvWscale) < advertised && field < 65535) field++; // round up: never shrink
        tcb.rcvWnd = field << tcb.rcvWscale;
        tcb.rcvAdv = tcb.rcvNxt + tcb.rcvWnd;
        return field;
    }

    int unsent() {
        return Math.max(0, sndBuf.size() - SeqNum.diff(tcb.sndNxt, sndBufSeq));
    }

    void releaseAcked(int n) {
        int k = Math.min(n, sndBuf.size());
        sndBuf.skip(k);
        sndBufSeq += k;
    }
}
