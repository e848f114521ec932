package org.stacklab.kernel.tcp;

/**
 * Component {@code tcp.congestion}: how fast to send into a network that may be congested, as a
 * strategy like Linux's {@code tcp_congestion_ops}. One instance per connection (it may keep state).
 * The loss detection and recovery mechanics live in {@link ReliableDelivery}; this decides the
 * numbers: the window after an ACK, the slow-start threshold after a loss.
 */
public interface CongestionControl {
    /** {@code reno}/{@code newreno}, {@code cubic}: the name {@code ss -i} shows. */
    String name();

    /** The connection is established: set the initial window (RFC 5681 §3.1, RFC 6928). */
    void init(TcpControlBlock tcb, int initialWindow);

    /** {@code ackedBytes} of new data were acknowledged outside recovery: grow cwnd (slow start or congestion avoidance). */
    void onAck(TcpControlBlock tcb, int ackedBytes, long now);

    /** A loss was detected (three duplicate ACKs or a timeout): the new ssthresh, in bytes (RFC 5681 eq. 4). */
    int ssthresh(TcpControlBlock tcb, long now);

    /** The retransmission timer expired; cwnd has been set to one segment (RFC 5681 §3.1). */
    default void onRetransmitTimeout(TcpControlBlock tcb, long now) {}

    /** A round-trip sample, in ns (CUBIC uses the minimum). */
    default void onRttSample(TcpControlBlock tcb, long rttNs) {}
}
