package org.stacklab.solutions.tcp;

/**
 * The established-connection hash ({@code tcp_hashinfo.ehash}): finds a connection by its four-tuple
 * in O(1) with no allocation per lookup. Buckets chain through {@link TcpSocket#hashNext}.
 */
final class ConnectionTable {
    private final TcpSocket[] buckets = new TcpSocket[4096];

    private int bucket(int laddr, int lport, int raddr, int rport) {
        int h = laddr * 31 + raddr;
        h = h * 31 + (lport << 16 | rport);
        h ^= h >>> 16;
        return h & (buckets.length - 1);
    }

    TcpSocket lookup(int laddr, int lport, int raddr, int rport) {
        for (TcpSocket s = buckets[bucket(laddr, lport, raddr, rport)]; s != null; s = s.hashNext) {
            var t = s.tcb;
            if (t.localPort == lport && t.remotePort == rport && t.remoteAddr == raddr && t.localAddr == laddr) return s;
        }
        return null;
    }

    void insert(TcpSocket s) {
        if (s.hashed) return;
        var t = s.tcb;
        int b = bucket(t.localAddr, t.localPort, t.remoteAddr, t.remotePort);
        s.hashNext = buckets[b];
        buckets[b] = s;
        s.hashed = true;
    }

    void remove(TcpSocket s) {
        if (!s.hashed) return;
        var t = s.tcb;
        int b = bucket(t.localAddr, t.localPort, t.remoteAddr, t.remotePort);
        TcpSocket prev = null;
        for (TcpSocket c = buckets[b]; c != null; prev = c, c = c.hashNext) {
            if (c == s) {
                if (prev == null) buckets[b] = c.hashNext;
                else prev.hashNext = c.hashNext;
                break;
            }
        }
        s.hashNext = null;
        s.hashed = false;
    }
}
