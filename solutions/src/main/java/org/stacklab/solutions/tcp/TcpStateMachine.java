package org.stacklab.solutions.tcp;

import static org.stacklab.kernel.tcp.TcpState.*;

import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.tcp.ConnectionManagement;
import org.stacklab.kernel.tcp.ReliableDelivery;
import org.stacklab.kernel.tcp.SeqNum;
import org.stacklab.kernel.tcp.TcpConnection;
import org.stacklab.kernel.tcp.TcpControlBlock;
import org.stacklab.kernel.tcp.TcpFlags;
import org.stacklab.kernel.tcp.TcpSegment;

/**
 * The reference {@code tcp.connection}: RFC 9293 §3.10's event processing, one method per part of
 * "SEGMENT ARRIVES", with RFC 5961's defences against blind resets and SYNs.
 */
public final class TcpStateMachine implements ConnectionManagement {

    @Override
    public void open(TcpConnection c) {
        initSendSequence(c);
        c.setState(SYN_SENT);
        c.sendSyn();
    }

    /** ISS clock-driven and keyed by the four-tuple (RFC 9293 §3.4.1, RFC 6528 §3). */
    private static void initSendSequence(TcpConnection c) {
        TcpControlBlock tcb = c.tcb();
        tcb.iss = c.initialSequenceNumber();
        tcb.sndUna = tcb.iss;
        tcb.sndNxt = tcb.iss;
        tcb.sndMax = tcb.iss;
        tcb.recover = tcb.iss;
    }

    @Override
    public void close(TcpConnection c) {
        TcpControlBlock tcb = c.tcb();
        switch (tcb.state) {
            case LISTEN, SYN_SENT -> c.closed();
            case SYN_RECEIVED, ESTABLISHED -> {
                tcb.finQueued = true;
                c.setState(FIN_WAIT_1);
                c.output();
            }
            case CLOSE_WAIT -> {
                tcb.finQueued = true;
                c.setState(LAST_ACK);
                c.output();
            }
            default -> { } // already closing: RFC 9293 says "error: connection closing"
        }
    }

    @Override
    public void abort(TcpConnection c) {
        TcpControlBlock tcb = c.tcb();
        switch (tcb.state) {
            case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT ->
                    c.sendReset(tcb.sndMax, tcb.rcvNxt, TcpFlags.RST | TcpFlags.ACK);
            default -> { }
        }
        c.closed();
    }

    @Override
    public void segmentArrives(TcpConnection c, TcpSegment seg) {
        switch (c.tcb().state) {
            case CLOSED -> { }
            case LISTEN -> listen(c, seg);
            case SYN_SENT -> synSent(c, seg);
            default -> synchronizedState(c, seg);
        }
    }

    /** RFC 9293 §3.10.7.2: a segment for a listener (here: for its fresh child). */
    private void listen(TcpConnection c, TcpSegment seg) {
        TcpControlBlock tcb = c.tcb();
        if (seg.rst()) return;
        if (seg.hasAck()) {
            c.sendReset(seg.ack(), 0, TcpFlags.RST);
            return;
        }
        if (!seg.syn()) return;
        tcb.irs = seg.seq();
        tcb.rcvNxt = seg.seq() + 1;
        initSendSequence(c);
        c.negotiateOptions(seg);
        updateWindowFromSyn(tcb, seg);
        c.setState(SYN_RECEIVED);
        tcb.counters.passiveOpens++;
        c.sendSyn();
    }

    /** RFC 9293 §3.10.7.3: our SYN is out; a SYN-ACK completes the handshake, a bare SYN is a simultaneous open. */
    private void synSent(TcpConnection c, TcpSegment seg) {
        TcpControlBlock tcb = c.tcb();
        boolean ackOk = false;
        if (seg.hasAck()) {
            if (SeqNum.leq(seg.ack(), tcb.iss) || SeqNum.gt(seg.ack(), tcb.sndMax)) {
                if (!seg.rst()) c.sendReset(seg.ack(), 0, TcpFlags.RST);
                return;
            }
            ackOk = true;
        }
        if (seg.rst()) {
            // Only a reset that acknowledges our SYN is believed (RFC 5961 §3.2 for SYN-SENT).
            if (ackOk) c.abort(Errno.ECONNREFUSED);
            return;
        }
        if (!seg.syn()) return;
        tcb.irs = seg.seq();
        tcb.rcvNxt = seg.seq() + 1;
        c.negotiateOptions(seg);
        if (ackOk) {
            c.reliability().onAck(c, seg); // SND.UNA passes our SYN; RTT sample; timer stops
            updateWindowFromSyn(tcb, seg);
            c.setState(ESTABLISHED);
            c.established();
            c.sendAck();
            if (seg.dataLen > 0 || seg.fin()) text(c, seg);
        } else {
            // Simultaneous open (RFC 9293 Figure 8): answer with SYN-ACK on our ISS.
            updateWindowFromSyn(tcb, seg);
            c.setState(SYN_RECEIVED);
            c.sendSyn();
        }
    }

    /** The window in a SYN is never scaled (RFC 7323 §2.2). */
    private static void updateWindowFromSyn(TcpControlBlock tcb, TcpSegment seg) {
        tcb.sndWnd = seg.header.window();
        tcb.maxSndWnd = Math.max(tcb.maxSndWnd, tcb.sndWnd);
        tcb.sndWl1 = seg.seq();
        tcb.sndWl2 = seg.ack();
    }

    /** RFC 9293 §3.10.7.4: SYN-RECEIVED and every later state, checked in the RFC's order. */
    private void synchronizedState(TcpConnection c, TcpSegment seg) {
        TcpControlBlock tcb = c.tcb();
        ReliableDelivery rel = c.reliability();

        // A retransmitted SYN for a half-open passive connection: our SYN-ACK was lost, send it again.
        if (tcb.state == SYN_RECEIVED && seg.syn() && !seg.hasAck() && !seg.rst() && seg.seq() == tcb.irs) {
            c.sendSyn();
            return;
        }
        // Simultaneous open (RFC 9293 Figure 8, line 6): the peer's SYN,ACK acknowledges our SYN.
        if (tcb.state == SYN_RECEIVED && seg.syn() && seg.hasAck() && !seg.rst() && seg.seq() == tcb.irs) {
            if (SeqNum.gt(seg.ack(), tcb.sndUna) && SeqNum.leq(seg.ack(), tcb.sndMax)) establish(c, seg);
            return;
        }
        // A retransmitted FIN in TIME-WAIT: acknowledge it and restart the 2 MSL wait.
        if (tcb.state == TIME_WAIT && seg.fin() && !seg.rst() && seg.seq() + seg.dataLen + 1 == tcb.rcvNxt) {
            c.sendAck();
            c.startTimeWait();
            return;
        }

        // First: sequence number acceptability.
        if (!rel.isAcceptable(tcb, seg)) {
            if (!seg.rst()) c.sendAck();
            return;
        }

        // Second: RST (RFC 5961 §3.2: only an exact match resets; in-window gets a challenge ACK).
        if (seg.rst()) {
            if (seg.seq() != tcb.rcvNxt) {
                c.sendChallengeAck();
                return;
            }
            tcb.counters.inRsts++;
            switch (tcb.state) {
                case SYN_RECEIVED -> {
                    if (c.isPassive()) c.closed(); // back to LISTEN: the listener forgets this child
                    else c.abort(Errno.ECONNREFUSED);
                }
                case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> c.abort(Errno.ECONNRESET);
                default -> c.closed(); // CLOSING, LAST-ACK, TIME-WAIT
            }
            return;
        }

        // Fourth: a SYN in a synchronized state (RFC 5961 §4): challenge ACK, never reset.
        if (seg.syn()) {
            c.sendChallengeAck();
            return;
        }

        // Fifth: ACK.
        if (!seg.hasAck()) return;
        if (tcb.state == SYN_RECEIVED) {
            if (SeqNum.gt(seg.ack(), tcb.sndUna) && SeqNum.leq(seg.ack(), tcb.sndMax)) {
                establish(c, seg);
            } else {
                c.sendReset(seg.ack(), 0, TcpFlags.RST);
                return;
            }
        } else {
            int r = rel.onAck(c, seg);
            if (r == ReliableDelivery.ACK_UNSENT) {
                c.sendAck();
                return;
            }
        }
        switch (tcb.state) {
            case FIN_WAIT_1 -> { if (finAcked(tcb)) c.setState(FIN_WAIT_2); }
            case CLOSING -> {
                if (finAcked(tcb)) {
                    c.setState(TIME_WAIT);
                    c.startTimeWait();
                }
                return;
            }
            case LAST_ACK -> {
                if (finAcked(tcb)) c.closed();
                return;
            }
            case TIME_WAIT -> { return; }
            default -> { }
        }

        // Seventh and eighth: text and FIN.
        text(c, seg);
    }

    /** SYN-RECEIVED and our SYN is acknowledged: ESTABLISHED, with the window from this segment. */
    private static void establish(TcpConnection c, TcpSegment seg) {
        TcpControlBlock tcb = c.tcb();
        c.setState(ESTABLISHED);
        c.reliability().onAck(c, seg);
        tcb.sndWnd = seg.syn() ? seg.header.window() : seg.header.window() << tcb.sndWscale;
        tcb.maxSndWnd = Math.max(tcb.maxSndWnd, tcb.sndWnd);
        tcb.sndWl1 = seg.seq();
        tcb.sndWl2 = seg.ack();
        c.established();
    }

    private void text(TcpConnection c, TcpSegment seg) {
        TcpControlBlock tcb = c.tcb();
        if (seg.dataLen == 0 && !seg.fin()) return;
        switch (tcb.state) {
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2 -> { }
            default -> {
                // CLOSE-WAIT, CLOSING, LAST-ACK: the peer already sent its FIN; anything more is a repeat.
                c.sendAck();
                return;
            }
        }
        if (!c.reliability().onData(c, seg)) return;
        // Eighth: the peer's FIN is in sequence.
        tcb.finReceived = true;
        switch (tcb.state) {
            case ESTABLISHED -> c.setState(CLOSE_WAIT);
            case FIN_WAIT_1 -> {
                if (finAcked(tcb)) {
                    c.setState(TIME_WAIT);
                    c.startTimeWait();
                } else {
                    c.setState(CLOSING); // simultaneous close
                }
            }
            case FIN_WAIT_2 -> {
                c.setState(TIME_WAIT);
                c.startTimeWait();
            }
            default -> { }
        }
    }

    private static boolean finAcked(TcpControlBlock tcb) {
        return tcb.finSent && SeqNum.gt(tcb.sndUna, tcb.finSeq);
    }
}
