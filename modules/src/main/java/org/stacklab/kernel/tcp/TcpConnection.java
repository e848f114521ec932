package org.stacklab.kernel.tcp;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.Errno;

/**
 * One connection as the TCP components see it: its {@link TcpControlBlock}, the other components,
 * and the services the TCP module provides (segment output, buffers, timers, waking the user). A
 * component never builds packets or touches IP itself; it decides, and asks the connection to act.
 *
 * <p>The reference socket implements this; a lab's student component receives it in every call.
 */
public interface TcpConnection {
    TcpControlBlock tcb();

    Kernel kernel();

    /** Virtual time in ns. */
    long now();

    ReliableDelivery reliability();

    FlowControl flow();

    CongestionControl congestion();

    // ---------------------------------------------------------------- state

    /**
     * The initial send sequence number for this connection's four-tuple, chosen as RFC 6528 §3
     * says: {@code M + F(four-tuple, secret)}, M a 4-µs clock (see {@link IsnGenerator}).
     */
    int initialSequenceNumber();

    /** Moves to {@code next}, logging the transition to the kernel log ({@code TCP: ... SYN_SENT -> ESTABLISHED}). */
    void setState(TcpState next);

    /** True for a connection made by a listener (a SYN-RECEIVED child); an RST returns it to LISTEN, i.e. it is dropped. */
    boolean isPassive();

    /**
     * Takes the peer's options from its SYN: MSS (RFC 9293 §3.7.1, 536 if absent, capped by our path
     * MTU), window scaling (RFC 7323 §2.2: in use only if both SYNs carry the option) and timestamps
     * (RFC 7323 §3.2, likewise).
     */
    void negotiateOptions(TcpSegment syn);

    // ---------------------------------------------------------------- output

    /** Sends our SYN (state SYN-SENT) or SYN-ACK (state SYN-RECEIVED) with seq ISS and our MSS/window-scale options. */
    void sendSyn();

    /** Sends a bare ACK now: {@code <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>} with the current window. */
    void sendAck();

    /** Acknowledges received data, delaying the ACK if the delayed-ACK policy allows (RFC 1122 §4.2.3.2). */
    void ackSoon();

    /** Sends a reset {@code <SEQ=seq><ACK=ack><CTL=flags>} (flags RST or RST|ACK) for this connection's four-tuple. */
    void sendReset(int seq, int ack, int flags);

    /** Sends a challenge ACK (RFC 5961 §3.2), subject to the per-host rate limit; returns whether one went out. */
    boolean sendChallengeAck();

    /** Sends whatever queued data (and FIN) the windows and the flow-control policy allow now. */
    void output();

    /** Retransmits the first unacknowledged segment (SYN, data from SND.UNA up to one MSS, or FIN). */
    void retransmitHead();

    /**
     * Sends one zero-window probe (RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17). As Linux does, the probe
     * carries SEQ = SND.UNA - 1 and no data: it is outside the receiver's window, so the receiver must
     * answer with an ACK that carries its current window (RFC 9293 §3.10.7.4), and no sequence space
     * is used up while the window stays shut.
     */
    void sendWindowProbe();

    // ---------------------------------------------------------------- buffers

    /** Bytes in the send buffer not yet sent. */
    int unsent();

    /** Releases {@code n} acknowledged bytes from the head of the send buffer. */
    void releaseAcked(int n);

    /** Appends in-order data to the receive buffer; returns the bytes taken (less if the buffer is full). */
    int deliver(byte[] buf, int off, int len);

    /** Free bytes in the receive buffer. */
    int receiveSpace();

    /** Receive buffer size (SO_RCVBUF's usable part). */
    int receiveBufferSize();

    // ---------------------------------------------------------------- timers

    /** Arms (or re-arms) the retransmission timer to fire {@code delayNs} from now. */
    void setRetransmitTimer(long delayNs);

    void clearRetransmitTimer();

    boolean retransmitTimerPending();

    /** Arms the persist timer (zero-window probing) to fire {@code delayNs} from now, unless it is already pending. */
    void setPersistTimer(long delayNs);

    void clearPersistTimer();

    boolean persistTimerPending();

    /** Enters TIME-WAIT's 2×MSL wait (or restarts it: a retransmitted FIN arrived, RFC 9293 §3.10.7.4). */
    void startTimeWait();

    // ---------------------------------------------------------------- the user

    /** The handshake completed: connect() returns, or the child joins its listener's accept queue. */
    void established();

    /** The connection is over with an error for the user (ECONNREFUSED, ECONNRESET, ETIMEDOUT): state CLOSED, TCB deleted. */
    void abort(Errno error);

    /** The connection is over normally (LAST-ACK acked, TIME-WAIT expired): state CLOSED, TCB deleted. */
    void closed();
}
