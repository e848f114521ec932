package org.stacklab.solutions.tcp;

import org.stacklab.kernel.tcp.TcpState;

/**
 * Bound ports ({@code tcp_hashinfo.bhash}): which sockets own each local port, for bind() conflicts
 * (EADDRINUSE, SO_REUSEADDR), ephemeral port choice and finding a listener. Chains run through
 * {@link TcpSocket#bindNext}.
 */
final class PortTable {
    private final TcpSocket[] owners = new TcpSocket[65536];

    TcpSocket owners(int port) { return owners[port]; }

    boolean inUse(int port) { return owners[port] != null; }

    void add(TcpSocket s, int port) {
        s.bindNext = owners[port];
        owners[port] = s;
    }

    void remove(TcpSocket s, int port) {
        TcpSocket prev = null;
        for (TcpSocket c = owners[port]; c != null; prev = c, c = c.bindNext) {
            if (c == s) {
                if (prev == null) owners[port] = c.bindNext;
                else prev.bindNext = c.bindNext;
                break;
            }
        }
        s.bindNext = null;
    }

    /**
     * Whether binding {@code addr:port} with {@code reuse} (SO_REUSEADDR) conflicts with a socket that
     * holds the port. As Linux's inet_csk_bind_conflict: addresses overlap when equal or either is the
     * wildcard; SO_REUSEADDR on both lets a port be shared unless one of them listens, and lets a new
     * socket take a port still held by a connection in TIME-WAIT.
     */
    boolean conflicts(int addr, int port, boolean reuse, TcpSocket self) {
        for (TcpSocket o = owners[port]; o != null; o = o.bindNext) {
            if (o == self) continue;
            int oaddr = o.tcb.localAddr;
            if (addr != 0 && oaddr != 0 && addr != oaddr) continue;
            TcpState st = o.tcb.state;
            if (reuse && st != TcpState.LISTEN && (o.reuseAddr || st == TcpState.TIME_WAIT)) continue;
            return true;
        }
        return false;
    }

    /** A LISTEN socket for {@code addr:port}: one bound to the address itself before a wildcard one. */
    TcpSocket listener(int addr, int port) {
        TcpSocket wildcard = null;
        for (TcpSocket o = owners[port]; o != null; o = o.bindNext) {
            if (o.tcb.state != TcpState.LISTEN) continue;
            if (o.tcb.localAddr == addr) return o;
            if (o.tcb.localAddr == 0) wildcard = o;
        }
        return wildcard;
    }
}
