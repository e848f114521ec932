package org.stacklab.solutions.tcp;

import java.util.List;
import java.util.Map;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SocketProto;

/** TCP's entry in the AF_INET family: {@code socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)}. */
final class TcpProto implements SocketProto {
    private final TcpStack stack;

    TcpProto(TcpStack stack) { this.stack = stack; }

    @Override public int type() { return Sock.SOCK_STREAM; }

    @Override public int protocol() { return Sock.IPPROTO_TCP; }

    @Override public Sock create() { return new TcpSocket(stack, null); }

    @Override public List<? extends Sock> sockets() { return stack.socketList(); }

    /** The host's TCP MIB (Tcp and TcpExt names) for /proc/net/snmp and /proc/net/netstat. */
    @Override public Map<String, Long> counters() { return stack.counters().toMap(); }
}
