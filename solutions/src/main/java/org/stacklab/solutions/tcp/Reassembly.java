package org.stacklab.solutions.tcp;

import java.util.ArrayList;
import org.stacklab.kernel.tcp.SeqNum;
import org.stacklab.kernel.tcp.TcpConnection;
import org.stacklab.kernel.tcp.TcpControlBlock;

/**
 * The out-of-order queue ({@code tp->out_of_order_queue}): segments that arrived beyond RCV.NXT and
 * within the window, kept by reference to their received bytes (no copy) in sequence order until the
 * hole before them fills. The window bounds how much can wait here (the sender may not send beyond it).
 */
final class Reassembly {
    private static final class Piece {
        final int seq;
        final byte[] buf;
        final int off, len;
        final boolean fin;

        Piece(int seq, byte[] buf, int off, int len, boolean fin) {
            this.seq = seq; this.buf = buf; this.off = off; this.len = len; this.fin = fin;
        }

        int end() { return seq + len; }
    }

    private final ArrayList<Piece> queue = new ArrayList<>();
    private int bytes;

    boolean isEmpty() { return queue.isEmpty(); }

    int bytesQueued() { return bytes; }

    /** Queues data at {@code seq} (beyond RCV.NXT); a piece already wholly held is not queued twice. */
    boolean insert(int seq, byte[] buf, int off, int len, boolean fin) {
        int i = queue.size();
        while (i > 0 && SeqNum.gt(queue.get(i - 1).seq, seq)) i--;
        // A duplicate of what the previous or next piece already covers adds nothing.
        if (i > 0) {
            Piece p = queue.get(i - 1);
            if (SeqNum.leq(seq + len, p.end()) && (!fin || p.fin)) return false;
        }
        if (i < queue.size()) {
            Piece n = queue.get(i);
            if (n.seq == seq && n.len >= len && (n.fin || !fin)) return false;
        }
        queue.add(i, new Piece(seq, buf, off, len, fin));
        bytes += len;
        return true;
    }

    /**
     * Moves every piece that now starts at or before RCV.NXT into the receive buffer, trimming what
     * was already delivered. Returns true if a FIN was reached.
     */
    boolean drain(TcpConnection c) {
        TcpControlBlock tcb = c.tcb();
        boolean fin = false;
        while (!queue.isEmpty() && SeqNum.leq(queue.get(0).seq, tcb.rcvNxt)) {
            Piece p = queue.remove(0);
            bytes -= p.len;
            int skip = SeqNum.diff(tcb.rcvNxt, p.seq);
            if (skip < p.len) {
                int n = c.deliver(p.buf, p.off + skip, p.len - skip);
                tcb.rcvNxt += n;
                if (n < p.len - skip) continue; // buffer full: the rest will be retransmitted
            }
            if (p.fin && tcb.rcvNxt == p.end()) {
                tcb.rcvNxt += 1;
                fin = true;
                clear();
                break;
            }
        }
        return fin;
    }

    void clear() {
        queue.clear();
        bytes = 0;
    }
}
