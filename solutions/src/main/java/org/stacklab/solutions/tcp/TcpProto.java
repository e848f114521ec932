package org.stacklab.solutions.tcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SocketProto;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.kernel.tcp.TcpSysctl;

/** TCP's entry in the AF_INET family: {@code socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)}. */
final class TcpProto implements SocketProto {
    private final TcpStack stack;

    TcpProto(TcpStack stack) { this.stack = stack; }

    @Override public int type() { return Sock.SOCK_STREAM; }

    @Override public int protocol() { return Sock.IPPROTO_TCP; }

    @Override public Sock create() { return new TcpSocket(stack, null); }

    @Override public List<? extends Sock> sockets() { return stack.socketList(); }

    /**
     * The Tcp: row of /proc/net/snmp (RFC 1213 / RFC 4022 tcp group, names as Linux prints them)
     * and the rest of the MIB (TcpExt-like counters) by name.
     */
    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("RtoAlgorithm", 1L); // "other": RFC 6298's algorithm is not one of RFC 1213's named ones
        m.put("RtoMin", stack.sysctl(TcpSysctl.RTO_MIN_MS, TcpSysctl.RTO_MIN_MS_DEFAULT));
        m.put("RtoMax", stack.sysctl(TcpSysctl.RTO_MAX_MS, TcpSysctl.RTO_MAX_MS_DEFAULT));
        m.put("MaxConn", -1L);     // no fixed limit
        long estab = 0;
        for (TcpSocket s : stack.sockets) {
            if (s.tcb.state == TcpState.ESTABLISHED || s.tcb.state == TcpState.CLOSE_WAIT) estab++;
        }
        m.put("CurrEstab", estab); // a gauge: connections now in ESTABLISHED or CLOSE-WAIT (RFC 1213)
        m.putAll(stack.counters().toMap());
        return m;
    }
}
