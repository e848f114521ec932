package org.stacklab.labs.tcpconnect;

import org.stacklab.kernel.tcp.ConnectionManagement;
import org.stacklab.kernel.tcp.TcpConnection;
import org.stacklab.kernel.tcp.TcpSegment;

/**
 * Lab 4: your TCP connection state machine, component {@code tcp.connection}. The TCP module finds
 * the connection a segment belongs to and calls {@link #segmentArrives}; the user's connect(),
 * close() and a reset-on-close reach you as {@link #open}, {@link #close} and {@link #abort}.
 * You decide what each event means for the connection; you never build a packet yourself, you ask
 * the {@link TcpConnection} to act ({@code c.sendSyn()}, {@code c.sendAck()}, {@code c.sendReset(..)},
 * {@code c.setState(..)}, {@code c.startTimeWait()}, {@code c.established()}, {@code c.abort(..)},
 * {@code c.closed()}). The reference does sequence numbers and data for you:
 * {@code c.reliability().isAcceptable(..)}, {@code .onAck(..)} and {@code .onData(..)}.
 *
 * <p>What to write, in this order (README.md explains each step; RFC 9293 §3.10 is the text):
 * <ol>
 *   <li>{@link #open}: the active open.
 *   <li>{@link #listen}: a SYN for a listener's fresh child.
 *   <li>{@link #synSent}: the answer to our SYN (SYN-ACK, RST, or the peer's own SYN).
 *   <li>{@link #synchronizedState}: every other state, the RFC's checks in the RFC's order.
 *   <li>{@link #close} and {@link #abort}.
 * </ol>
 * The graded tests are in {@code src/test/java/org/stacklab/labs/tcpconnect/}; run them against your
 * code with {@code ./stacklab grade --lab lab4-tcp-connect}.
 */
public final class ConnectionStateMachine implements ConnectionManagement {

    /**
     * OPEN, active (RFC 9293 §3.10.1): the user called connect(); the TCB already holds both
     * addresses and ports.
     */
    @Override
    public void open(TcpConnection c) {
        // TODO(1) RFC 9293 §3.10.1 "OPEN Call, CLOSED STATE":
        //   - choose the ISS with c.initialSequenceNumber() (§3.4.1 and RFC 6528: a 4-µs clock plus a
        //     keyed hash of the four-tuple, so it moves forward and cannot be guessed);
        //   - SND.UNA = SND.NXT = SND.MAX = ISS, and tcb.recover = ISS (NewReno's marker, RFC 6582);
        //   - enter SYN-SENT (c.setState) and send the SYN (c.sendSyn() sends <SEQ=ISS><CTL=SYN>).
        // A passive child needs the same initialisation when its SYN arrives (step 2): write a helper.
        throw todo("open", "RFC 9293 §3.10.1");
    }

    /** CLOSE (RFC 9293 §3.10.4): the user will send no more; a FIN follows the queued data. */
    @Override
    public void close(TcpConnection c) {
        // TODO(5) RFC 9293 §3.10.4 "CLOSE Call", by state:
        //   LISTEN, SYN-SENT          -> nothing to tell anyone: the connection is simply over (c.closed()).
        //   SYN-RECEIVED, ESTABLISHED -> queue the FIN (tcb.finQueued = true), enter FIN-WAIT-1, c.output().
        //   CLOSE-WAIT                -> the same, but enter LAST-ACK.
        //   any closing state         -> already closing: nothing to do.
        throw todo("close", "RFC 9293 §3.10.4");
    }

    /** ABORT (RFC 9293 §3.10.5): the connection ends now (close with unread data, a listener closing). */
    @Override
    public void abort(TcpConnection c) {
        // TODO(5) RFC 9293 §3.10.5 "ABORT Call": in SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 and
        // CLOSE-WAIT send <SEQ=SND.MAX><ACK=RCV.NXT><CTL=RST,ACK> (c.sendReset) so the peer learns the
        // connection is gone; in every state the connection then ends (c.closed()).
        throw todo("abort", "RFC 9293 §3.10.5");
    }

    /** SEGMENT ARRIVES (RFC 9293 §3.10.7): one method per group of states, as the RFC has them. */
    @Override
    public void segmentArrives(TcpConnection c, TcpSegment seg) {
        switch (c.tcb().state) {
            case CLOSED -> { }                      // the module answers segments for no connection itself
            case LISTEN -> listen(c, seg);
            case SYN_SENT -> synSent(c, seg);
            default -> synchronizedState(c, seg);   // SYN-RECEIVED and every later state
        }
    }

    /**
     * RFC 9293 §3.10.7.2, "If the state is LISTEN". {@code c} is a fresh child the listener made for
     * this segment; if it is not in SYN-RECEIVED when you return, the module throws it away.
     */
    private void listen(TcpConnection c, TcpSegment seg) {
        // TODO(2) RFC 9293 §3.10.7.2, in the RFC's order:
        //   first:  a RST is ignored;
        //   second: an ACK is answered with <SEQ=SEG.ACK><CTL=RST> (nothing was ever sent on this connection);
        //   third:  a SYN: IRS = SEG.SEQ, RCV.NXT = SEG.SEQ + 1, choose the ISS (as in open),
        //           c.negotiateOptions(seg), take the peer's window from the SYN (SND.WND = its window field,
        //           unscaled in a SYN (RFC 7323 §2.2); also MAX.SND.WND, SND.WL1 = SEG.SEQ, SND.WL2 = SEG.ACK),
        //           enter SYN-RECEIVED, count tcb.counters.passiveOpens++, and send the SYN-ACK (c.sendSyn());
        //   anything else is dropped.
        throw todo("listen", "RFC 9293 §3.10.7.2");
    }

    /** RFC 9293 §3.10.7.3, "If the state is SYN-SENT": we sent a SYN and wait for the answer. */
    private void synSent(TcpConnection c, TcpSegment seg) {
        // TODO(3) RFC 9293 §3.10.7.3:
        //   first:  the ACK bit. An ACK is acceptable only if ISS < SEG.ACK <= SND.MAX (use SeqNum.lt/leq).
        //           An unacceptable ACK is answered with <SEQ=SEG.ACK><CTL=RST> (unless the segment is a
        //           RST itself) and dropped.
        //   second: the RST bit. With an acceptable ACK the peer refused us: c.abort(Errno.ECONNREFUSED).
        //           Without an ACK it is dropped (RFC 5961 §3.2: only a RST that acknowledges our SYN counts).
        //   fourth: the SYN bit. IRS = SEG.SEQ, RCV.NXT = SEG.SEQ + 1, c.negotiateOptions(seg).
        //           With an acceptable ACK: c.reliability().onAck(c, seg) (SND.UNA passes our SYN),
        //           take the window from the SYN, enter ESTABLISHED, c.established(), c.sendAck(); data or a
        //           FIN riding on the SYN-ACK is processed as in the seventh step of the synchronized states.
        //           Without an ACK it is a simultaneous open (RFC 9293 Figure 8): take the window, enter
        //           SYN-RECEIVED and send a SYN-ACK with our ISS (c.sendSyn() does, in SYN-RECEIVED).
        //   neither SYN nor RST: drop it.
        throw todo("synSent", "RFC 9293 §3.10.7.3");
    }

    /**
     * RFC 9293 §3.10.7.4, "Otherwise": SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT,
     * CLOSING, LAST-ACK and TIME-WAIT. The checks run in the RFC's order and most of them can end the
     * processing of the segment; split them into methods named after them.
     */
    private void synchronizedState(TcpConnection c, TcpSegment seg) {
        // TODO(4) RFC 9293 §3.10.7.4, in order:
        //   special cases before the checks:
        //     - SYN-RECEIVED and the peer repeats its SYN (no ACK, SEG.SEQ == IRS): our SYN-ACK was lost,
        //       send it again (c.sendSyn());
        //     - SYN-RECEIVED and a SYN-ACK with SEG.SEQ == IRS acknowledging our SYN (SND.UNA < SEG.ACK <=
        //       SND.MAX): the simultaneous open completes -> ESTABLISHED (as in the fifth check);
        //     - TIME-WAIT and a retransmission of the peer's FIN: ACK it and restart the 2 MSL wait
        //       (c.startTimeWait()).
        //   first:  sequence number: if !c.reliability().isAcceptable(tcb, seg), send an ACK (unless RST) and drop.
        //   second: RST. RFC 5961 §3.2: only SEG.SEQ == RCV.NXT resets; any other acceptable RST gets a
        //           challenge ACK (c.sendChallengeAck()). A reset counts tcb.counters.inRsts++, then:
        //             SYN-RECEIVED: passive (c.isPassive()) -> c.closed() (back to LISTEN, the child is
        //                           forgotten); active -> c.abort(Errno.ECONNREFUSED);
        //             ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT -> c.abort(Errno.ECONNRESET);
        //             CLOSING, LAST-ACK, TIME-WAIT -> c.closed().
        //   fourth: SYN in a synchronized state. RFC 5961 §4: a challenge ACK, never a reset.
        //   fifth:  ACK. No ACK bit: drop. SYN-RECEIVED: if SND.UNA < SEG.ACK <= SND.MAX enter ESTABLISHED,
        //           c.reliability().onAck(c, seg), take the send window from this segment (scaled by
        //           tcb.sndWscale; set SND.WL1/WL2), c.established(); otherwise <SEQ=SEG.ACK><CTL=RST>.
        //           Other states: c.reliability().onAck(c, seg); ACK_UNSENT -> c.sendAck() and drop. Then
        //             FIN-WAIT-1: our FIN acknowledged (tcb.finSent and SND.UNA > tcb.finSeq) -> FIN-WAIT-2;
        //             CLOSING: FIN acknowledged -> TIME-WAIT and c.startTimeWait(); stop here;
        //             LAST-ACK: FIN acknowledged -> c.closed(); stop here;
        //             TIME-WAIT: stop here.
        //   seventh: text. In ESTABLISHED, FIN-WAIT-1 and FIN-WAIT-2, data or a FIN go to
        //           c.reliability().onData(c, seg); in the other states the peer already closed: just ACK.
        //   eighth: FIN. onData returns true when the peer's FIN is in sequence: tcb.finReceived = true and
        //             ESTABLISHED -> CLOSE-WAIT;
        //             FIN-WAIT-1 -> TIME-WAIT (start the wait) if our FIN is acknowledged, else CLOSING
        //                           (a simultaneous close);
        //             FIN-WAIT-2 -> TIME-WAIT, and start the wait.
        throw todo("synchronizedState", "RFC 9293 §3.10.7.4");
    }

    private static UnsupportedOperationException todo(String method, String where) {
        return new UnsupportedOperationException("TODO: ConnectionStateMachine." + method + " is not written yet (" + where + ")");
    }
}
