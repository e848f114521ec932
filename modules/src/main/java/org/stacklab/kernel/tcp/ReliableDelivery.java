package org.stacklab.kernel.tcp;

/**
 * Component {@code tcp.reliability}: reliable, in-order delivery over an unreliable network.
 * Acceptability of segments (RFC 9293 §3.10.7.4 first check), cumulative acknowledgment, out-of-order
 * reassembly bounded by the receive window, the retransmission timer (RFC 6298) and fast
 * retransmit / NewReno fast recovery (RFC 5681 §3.2, RFC 6582).
 */
public interface ReliableDelivery {
    /** {@link #onAck} results. */
    int ACK_NEW = 0, ACK_DUPLICATE = 1, ACK_OLD = 2, ACK_UNSENT = 3;

    /** RFC 9293 §3.10.7.4's acceptability test for a segment in a synchronized state (the four cases of the table). */
    boolean isAcceptable(TcpControlBlock tcb, TcpSegment seg);

    /**
     * Processes SEG.ACK in a synchronized state (fifth check): advances SND.UNA and releases acknowledged
     * bytes, updates the send window, takes RTT samples (Karn), restarts or stops the retransmission
     * timer, counts duplicate ACKs and runs fast retransmit and NewReno recovery with {@code c.congestion()}.
     * Returns {@link #ACK_NEW}, {@link #ACK_DUPLICATE}, {@link #ACK_OLD} (ignored) or {@link #ACK_UNSENT}
     * (acknowledges something not yet sent: the caller ACKs and drops the segment).
     */
    int onAck(TcpConnection c, TcpSegment seg);

    /**
     * Processes the segment's text and FIN (seventh and eighth checks): in-sequence data goes to the
     * receive buffer, out-of-order data within the window is queued for reassembly, and the ACK is sent
     * or scheduled. Returns true when the peer's FIN is now in sequence (RCV.NXT has passed it).
     */
    boolean onData(TcpConnection c, TcpSegment seg);

    /** The retransmission timer expired (RFC 6298 §5.4-5.7): back off, retransmit, tell congestion control. */
    void onRetransmitTimeout(TcpConnection c);
}
