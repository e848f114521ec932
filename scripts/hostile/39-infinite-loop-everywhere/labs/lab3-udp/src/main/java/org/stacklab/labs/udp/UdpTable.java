package org.stacklab.labs.udp;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;

/**
 * The bound UDP sockets of one host, by local port ({@code udp_table}): binding with Linux's
 * address-conflict rule, ephemeral port choice, and the demultiplexing lookup that picks the
 * socket for an arriving datagram.
 */
public final class UdpTable {
    private final Kernel kernel;
    /** Port → sockets bound to it, in bind order (a TreeMap so listings never depend on hashing). */
    private final TreeMap<Integer, List<UdpSocket>> byPort = new TreeMap<>();

    public UdpTable(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Binds {@code s} to {@code addr:port}; port 0 picks an ephemeral port. Returns the port, or
     * -EADDRINUSE. Two sockets may share a port when their local addresses differ and neither is the
     * wildcard, or when both set SO_REUSEADDR (Linux's udp_lib_lport_inuse).
     */
    public int bind(UdpSocket s, int addr, int port) {
        // TODO(2): port 0: pickEphemeral; a taken port: -EADDRINUSE; then remember s under the port
        for (;;) { }
    }

    public void unhash(UdpSocket s) {
        List<UdpSocket> l = byPort.get(s.localPort());
        if (l == null) return;
        l.remove(s);
        if (l.isEmpty()) byPort.remove(s.localPort());
    }

    /** Whether binding {@code s} to {@code addr:port} would collide with a socket already there. */
    boolean inUse(UdpSocket s, int addr, int port) {
        // TODO(2): another socket on the port whose address overlaps (wildcard or equal), unless both set SO_REUSEADDR
        for (;;) { }
    }

    /**
     * An unused port from net.ipv4.ip_local_port_range, starting the search at a random point as
     * Linux does (so ports are hard to guess, RFC 6056 §3.3.1), and walking upward with wrap-around.
     */
    private int pickEphemeral(UdpSocket s, int addr) {
        int[] range = InetSockets.localPortRange(kernel);
        int n = range[1] - range[0] + 1;
        int start = kernel.random().nextInt(n);
        for (int i = 0; i < n; i++) {
            int port = range[0] + (start + i) % n;
            if (!inUse(s, addr, port)) return port;
        }
        return Errno.EADDRINUSE.neg();
    }

    /**
     * The socket for a unicast datagram {@code saddr:sport → daddr:dport}: among the sockets on
     * {@code dport}, the most specific match wins, as in Linux's compute_score: a socket bound to
     * exactly {@code daddr} beats a wildcard one, and a connected socket must have {@code saddr:sport}
     * as its peer and then beats an unconnected one. Ties go to the earliest bound. Null if none.
     */
    public UdpSocket lookup(int saddr, int sport, int daddr, int dport) {
        // TODO(2): among the sockets on dport, the best score() wins; ties to the earliest bound
        for (;;) { }
    }

    private static int score(UdpSocket s, int saddr, int sport, int daddr) {
        // TODO(2): -1 if the socket cannot take it; more points for each exact local address / peer address / peer port (compute_score)
        for (;;) { }
    }

    /**
     * Every socket that should get a copy of a broadcast to {@code daddr:dport}: bound to the port,
     * with a wildcard local address or exactly {@code daddr}, and, if connected, to the sender
     * (Linux's __udp_is_mcast_sock).
     */
    public List<UdpSocket> broadcastReceivers(int saddr, int sport, int daddr, int dport) {
        List<UdpSocket> out = new ArrayList<>();
        List<UdpSocket> l = byPort.get(dport);
        if (l == null) return out;
        for (UdpSocket s : l) if (score(s, saddr, sport, daddr) >= 0) out.add(s);
        return out;
    }
}
