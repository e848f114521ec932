package org.stacklab.syscall.procfs;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SockInfo;
import org.stacklab.kernel.socket.SocketProto;

/**
 * /proc/net/tcp and /proc/net/udp (net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv4/udp.c udp4_format_sock).
 * Addresses are the raw network-order word printed with %08X on a little-endian machine, so
 * 127.0.0.1 reads 0100007F; ports are in host order. Per-socket timers, retransmit counts and the
 * congestion fields are not part of the socket contract ({@link SockInfo}) and are printed as 0.
 */
final class ProcNetSockets {
    private ProcNetSockets() {}

    static final int TCP = Sock.IPPROTO_TCP, UDP = Sock.IPPROTO_UDP;

    /** Every socket of the transports serving {@code protocol}, in the transports' order. */
    static List<SockInfo> sockets(Kernel k, int protocol) {
        List<SockInfo> out = new ArrayList<>();
        for (Sock s : socks(k, protocol)) out.add(s.info());
        return out;
    }

    static List<Sock> socks(Kernel k, int protocol) {
        List<Sock> out = new ArrayList<>();
        for (SocketProto p : InetSockets.of(k).protos()) {
            if (p.protocol() != protocol) continue;
            out.addAll(p.sockets());
        }
        return out;
    }

    static String generate(Kernel k, int protocol) {
        StringBuilder sb = new StringBuilder();
        List<SockInfo> socks = sockets(k, protocol);
        if (protocol == TCP) {
            pad(sb, "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode", 149);
            int i = 0;
            for (SockInfo s : socks) {
                int st = TcpStates.code(s.state());
                if (st == TcpStates.CLOSE) continue; // not in the listening or established hash: not listed
                // For LISTEN, rx_queue is the accept-queue length and tx_queue is 0 (tcp_ipv4.c).
                int txq = st == TcpStates.LISTEN ? 0 : s.sendQ();
                String line = String.format("%4d: %s %s %02X %08X:%08X %02X:%08X %08X %5d %8d %d %d %016X %d %d %d %d %d",
                        i++, addr(s.local()), addr(s.peer()), st, txq, s.recvQ(), 0, 0, 0, s.uid(), 0, s.inode(),
                        1, 0, 0, 0, 0, 0, 0);
                pad(sb, line, 149);
            }
        } else {
            pad(sb, "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops", 127);
            int i = 0;
            for (SockInfo s : socks) {
                int st = TcpStates.code(s.state()) == TcpStates.ESTABLISHED ? TcpStates.ESTABLISHED : TcpStates.CLOSE;
                String line = String.format("%5d: %s %s %02X %08X:%08X %02X:%08X %08X %5d %8d %d %d %016X %d",
                        i++, addr(s.local()), addr(s.peer()), st, s.sendQ(), s.recvQ(), 0, 0, 0, s.uid(), 0, s.inode(),
                        2, 0, 0);
                pad(sb, line, 127);
            }
        }
        return sb.toString();
    }

    /** "0100007F:0050": the address as the little-endian view of its network-order bytes, the port in hex. */
    static String addr(SockAddr a) {
        if (a == null) a = SockAddr.ANY;
        return String.format("%08X:%04X", Integer.reverseBytes(a.addr()), a.port());
    }

    /** seq_pad: every line is padded with spaces to a fixed width, then a newline. */
    static void pad(StringBuilder sb, String line, int width) {
        sb.append(line);
        for (int i = line.length(); i < width; i++) sb.append(' ');
        sb.append('\n');
    }
}
