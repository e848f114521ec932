package org.stacklab.testkit.tcp;

import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.tcp.TcpState;

/** Reads a socket's TCP state back from what {@code ss} shows (its Linux spelling). */
public final class TcpStates {
    private TcpStates() {}

    public static TcpState of(Sock s) {
        String name = s.info().state();
        for (TcpState t : TcpState.values()) if (t.linuxName().equals(name)) return t;
        throw new IllegalArgumentException("not a TCP state: " + name);
    }
}
