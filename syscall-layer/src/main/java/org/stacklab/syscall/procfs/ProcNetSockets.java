package org.stacklab.syscall.procfs;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SockInfo;
import org.stacklab.kernel.socket.SocketProto;
import org.stacklab.kernel.socket.TcpInfo;
import org.stacklab.syscall.Processes;

/**
 * /proc/net/tcp and /proc/net/udp (net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv4/udp.c udp4_format_sock).
 * Addresses are the raw network-order word printed with %08X on a little-endian machine, so
 * 127.0.0.1 reads 0100007F; ports are in host order. The retransmit count, rto, cwnd and ssthresh
 * columns come from {@link Sock#tcpInfo()} (TCP_INFO); per-socket timer columns are printed as 0.
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
            for (Sock sock : socks(k, protocol)) {
                SockInfo s = sock.info();
                int st = TcpStates.code(s.state());
                if (st == TcpStates.CLOSE) continue; // not in the listening or established hash: not listed
                // For LISTEN, rx_queue is the accept-queue length and tx_queue is 0 (tcp_ipv4.c).
                int txq = st == TcpStates.LISTEN ? 0 : s.sendQ();
                TcpInfo ti = sock.tcpInfo();
                // get_tcp4_sock's tail: refcnt, pointer, rto and ato in clock ticks (USER_HZ = 100),
                // quick-ack/pingpong, snd_cwnd in segments, and ssthresh: -1 during the initial slow
                // start, the fastopen queue length (0) for a listener.
                int retrnsmt = ti == null ? 0 : ti.backoff();
                long rto = ti == null ? 0 : ti.rto() / 10_000;
                int cwnd = ti == null ? 0 : ti.sndCwnd();
                int ssthresh = ti == null || st == TcpStates.LISTEN ? 0 : ti.inInitialSlowStart() ? -1 : ti.sndSsthresh();
                String line = String.format("%4d: %s %s %02X %08X:%08X %02X:%08X %08X %5d %8d %d %d %016X %d %d %d %d %d",
                        i++, addr(s.local()), addr(s.peer()), st, txq, s.recvQ(), 0, 0, retrnsmt, s.uid(), 0, s.inode(),
                        1, 0, rto, 0, 0, cwnd, ssthresh);
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

    /**
     * /proc/net/sockstat (net/ipv4/proc.c sockstat_seq_show), what {@code ss -s} reads. "used" counts
     * sockets some process holds (Linux counts every struct socket, i.e. every socket with a file);
     * TCP's inuse counts hashed sockets (listeners and connections, not TIME-WAIT), orphan those the
     * user closed that are still finishing (FIN-WAIT-1/2, CLOSING, LAST-ACK), tw TIME-WAIT ones, alloc
     * every TCP socket but TIME-WAIT. Memory in pages is not modelled and reads 0.
     */
    static String sockstat(Kernel k) {
        Processes procs = Processes.on(k);
        int used = 0, tcpInuse = 0, orphan = 0, tw = 0, alloc = 0, udpInuse = 0;
        for (SocketProto p : InetSockets.of(k).protos()) {
            for (Sock sock : p.sockets()) {
                boolean held = !procs.usersOf(sock).isEmpty();
                if (held) used++;
                if (p.protocol() == UDP) udpInuse++;
                if (p.protocol() != TCP) continue;
                int st = TcpStates.code(sock.info().state());
                if (st == TcpStates.TIME_WAIT) {
                    tw++;
                    continue;
                }
                alloc++;
                if (st != TcpStates.CLOSE) tcpInuse++;
                if (!held && (st == TcpStates.FIN_WAIT1 || st == TcpStates.FIN_WAIT2 || st == TcpStates.CLOSING
                        || st == TcpStates.LAST_ACK)) {
                    orphan++;
                }
            }
        }
        return "sockets: used " + used + "\n"
                + "TCP: inuse " + tcpInuse + " orphan " + orphan + " tw " + tw + " alloc " + alloc + " mem 0\n"
                + "UDP: inuse " + udpInuse + " mem 0\n"
                + "UDPLITE: inuse 0\n"
                + "RAW: inuse 0\n"
                + "FRAG: inuse 0 memory 0\n";
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
