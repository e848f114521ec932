package org.stacklab.kernel.tcp;

/**
 * Component {@code tcp.connection}: the connection state machine of RFC 9293 §3.3.2 and the event
 * processing of §3.10 — the user calls OPEN and CLOSE/ABORT, and SEGMENT ARRIVES for every state.
 *
 * <pre>
 *   CLOSED --connect/SYN--> SYN-SENT --SYN,ACK/ACK--> ESTABLISHED --close/FIN--> FIN-WAIT-1 ...
 *   LISTEN --SYN/SYN,ACK--> SYN-RECEIVED --ACK--> ESTABLISHED --FIN/ACK--> CLOSE-WAIT --close/FIN--> LAST-ACK
 * </pre>
 *
 * The sequence and acknowledgment work inside a synchronized state belongs to {@link ReliableDelivery}
 * ({@code c.reliability()}); this part decides what each segment means for the connection.
 */
public interface ConnectionManagement {
    /** Active OPEN (RFC 9293 §3.10.1): the TCB has its addresses; choose the ISS, send SYN, enter SYN-SENT. */
    void open(TcpConnection c);

    /** CLOSE (RFC 9293 §3.10.4): no more data from the user; a FIN follows what is queued. */
    void close(TcpConnection c);

    /** ABORT (RFC 9293 §3.10.5): send RST if synchronized, flush everything, CLOSED. */
    void abort(TcpConnection c);

    /**
     * SEGMENT ARRIVES (RFC 9293 §3.10.7) for a connection in any state except CLOSED. A connection in
     * LISTEN here is a fresh child of a listener: a SYN takes it to SYN-RECEIVED; anything else leaves
     * it CLOSED and the module discards it.
     */
    void segmentArrives(TcpConnection c, TcpSegment seg);
}
