package org.stacklab.solutions.tcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A listener's two queues, as Linux keeps them: the SYN queue (connections in SYN-RECEIVED, their
 * handshake not yet complete) and the accept queue (ESTABLISHED, waiting for accept()). A new SYN is
 * dropped when the accept queue is full or the SYN queue reaches its bound, so the client retransmits
 * it later (Linux's ListenOverflows/ListenDrops). A handshake that completes while the accept queue is
 * full stays in the SYN queue: TcpSocket drops the completing ACK, as Linux does with
 * tcp_abort_on_overflow = 0, and the client's next ACK or data completes it once there is room.
 */
final class ListenQueue {
    private final int backlog;
    private final int maxSynBacklog;
    private final LinkedHashSet<TcpSocket> synQueue = new LinkedHashSet<>();
    private final ArrayDeque<TcpSocket> acceptQueue = new ArrayDeque<>();

    ListenQueue(int backlog, int maxSynBacklog) {
        this.backlog = backlog;
        this.maxSynBacklog = Math.max(1, maxSynBacklog);
    }

    int backlog() { return backlog; }

    /** Linux's sk_acceptq_is_full: the accept queue holds up to backlog + 1 connections. */
    boolean acceptQueueFull() { return acceptQueue.size() > backlog; }

    boolean admitsSyn() { return !acceptQueueFull() && synQueue.size() < Math.min(maxSynBacklog, Math.max(backlog, 1) * 2L); }

    void addSynReceived(TcpSocket child) { synQueue.add(child); }

    /** The handshake completed: the child moves to the accept queue. */
    boolean promote(TcpSocket child) {
        synQueue.remove(child);
        if (acceptQueueFull()) return false;
        acceptQueue.addLast(child);
        return true;
    }

    void remove(TcpSocket child) {
        synQueue.remove(child);
        acceptQueue.remove(child);
    }

    TcpSocket poll() { return acceptQueue.pollFirst(); }

    int acceptQueueLength() { return acceptQueue.size(); }

    int synQueueLength() { return synQueue.size(); }

    /** Every queued child (for closing the listener). */
    List<TcpSocket> all() {
        List<TcpSocket> l = new ArrayList<>(synQueue);
        l.addAll(acceptQueue);
        return l;
    }
}
