package org.stacklab.labs.tcpreliable;

import org.stacklab.kernel.tcp.TcpConnection;

/**
 * The out-of-order queue (Linux's {@code tp->out_of_order_queue}): data that arrived beyond
 * RCV.NXT, inside the window, kept in sequence order until the hole before it is filled. Keep a
 * reference to the received bytes (the segment's buffer is yours once you keep it); the receive
 * window bounds how much can wait here.
 */
final class ReassemblyQueue {

    /**
     * Queues {@code len} bytes of {@code buf} at {@code off}, whose first byte has sequence number
     * {@code seq} (beyond RCV.NXT); {@code fin} if the peer's FIN follows them. Returns false if the
     * queue already held all of it (a duplicate).
     */
    boolean insert(int seq, byte[] buf, int off, int len, boolean fin) {
        // TODO(2) keep the pieces sorted by sequence number (SeqNum.lt, never <). A piece wholly covered by
        // one already queued adds nothing (return false); overlapping pieces may both be kept if drain
        // trims what was already delivered.
        throw TcpReliableDelivery.todo("ReassemblyQueue.insert", "RFC 9293 §3.10.7.4 (seventh check)");
    }

    /**
     * Moves every queued piece that now starts at or before RCV.NXT into the receive buffer
     * ({@code c.deliver}, advancing {@code tcb.rcvNxt}), skipping bytes already delivered. Returns
     * true if that reached a queued FIN (RCV.NXT then also passes the FIN).
     */
    boolean drain(TcpConnection c) {
        // TODO(2) while the first piece starts at or before RCV.NXT: remove it, deliver the part after RCV.NXT,
        // and if it carried the FIN and ends exactly at RCV.NXT, step over the FIN and stop.
        throw TcpReliableDelivery.todo("ReassemblyQueue.drain", "RFC 9293 §3.10.7.4 (seventh check)");
    }

    boolean isEmpty() {
        // TODO(2) whether anything is queued.
        throw TcpReliableDelivery.todo("ReassemblyQueue.isEmpty", "RFC 9293 §3.10.7.4 (seventh check)");
    }

    /** Forgets everything queued (the FIN was reached: nothing after it can be data). */
    void clear() {
        // TODO(2)
        throw TcpReliableDelivery.todo("ReassemblyQueue.clear", "RFC 9293 §3.10.7.4 (seventh check)");
    }
}
