package org.stacklab.solutions.tcp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.tcp.IsnGenerator;
import org.stacklab.kernel.tcp.TcpCounters;
import org.stacklab.kernel.tcp.TcpSysctl;

/**
 * One kernel's TCP: the IP layer it sends through, the connection and port tables, the sockets that
 * exist (for ss), and the host-wide counters (Linux's per-netns {@code TcpExt}/{@code Tcp} MIB).
 */
final class TcpStack {
    final Kernel kernel;
    final IpStack ip;
    final ConnectionTable ehash = new ConnectionTable();
    final PortTable ports = new PortTable();
    final Set<TcpSocket> sockets = new LinkedHashSet<>();
    /** Counters not tied to a connection (bad checksums, resets for closed ports) and those of connections gone. */
    final TcpCounters hostCounters = new TcpCounters();
    final TcpInput input = new TcpInput(this);
    /** ISNs (RFC 6528); its secret is a named fork of the host's stream, so no other draw shifts. */
    final IsnGenerator isn;
    private long nextInode = 10_000;
    private long challengeWindowStart = -1;
    private long challengeAcksInWindow;

    TcpStack(Kernel kernel, IpStack ip) {
        this.kernel = kernel;
        this.ip = ip;
        byte[] secret = new byte[16];
        kernel.random().fork("tcp isn secret").nextBytes(secret);
        this.isn = new IsnGenerator(secret);
    }

    long sysctl(String name, long dflt) { return kernel.sysctl().get(name, dflt); }

    long newInode() { return nextInode++; }

    /** Host counters: those of connections gone plus the live ones'. */
    TcpCounters counters() {
        TcpCounters c = new TcpCounters();
        c.add(hostCounters);
        for (TcpSocket s : sockets) c.add(s.tcb.counters);
        return c;
    }

    /** RFC 5961 §7: at most tcp_challenge_ack_limit challenge ACKs per second per host. */
    boolean challengeAckAllowed() {
        long now = kernel.now();
        if (challengeWindowStart < 0 || now - challengeWindowStart >= 1_000_000_000L) {
            challengeWindowStart = now;
            challengeAcksInWindow = 0;
        }
        return challengeAcksInWindow++ < sysctl(TcpSysctl.CHALLENGE_ACK_LIMIT, TcpSysctl.CHALLENGE_ACK_LIMIT_DEFAULT);
    }

    /** A free ephemeral port, scanning from a random point of ip_local_port_range (RFC 6056 §3.3.1); 0 if none. */
    int ephemeralPort() {
        int lo = (int) sysctl(TcpSysctl.PORT_LOW, TcpSysctl.PORT_LOW_DEFAULT);
        int hi = (int) sysctl(TcpSysctl.PORT_HIGH, TcpSysctl.PORT_HIGH_DEFAULT);
        int n = hi - lo + 1;
        int start = kernel.random().nextInt(n);
        for (int i = 0; i < n; i++) {
            int p = lo + (start + i) % n;
            if (!ports.inUse(p)) return p;
        }
        return 0;
    }

    List<TcpSocket> socketList() { return new ArrayList<>(sockets); }
}
