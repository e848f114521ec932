package org.stacklab.report.html;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SocketProto;
import org.stacklab.kernel.socket.TcpInfo;

/**
 * Records a TCP sender's congestion window over time. The kernel keeps no history of cwnd, only its
 * value now ({@code TCP_INFO}, what {@code ss -ti} prints), so this samples TCP_INFO of one
 * connection every time the host traces a frame: cwnd only changes when an ACK arrives or a timer
 * fires, and either is followed by a frame, so the steps land where they happen (an incoming ACK is
 * traced just before TCP handles it: its effect shows at the next frame, microseconds later).
 *
 * <p>It reads the socket contract only (InetSockets, {@link Sock#tcpInfo()}), never TCP's internals,
 * so it works with a student's TCP as well as the reference.
 */
public final class CwndRecorder {
    /**
     * One sample: cwnd, ssthresh (-1 while infinite, i.e. in the first slow start) and packets in
     * flight, in segments; the peer's window in bytes; smoothed RTT, its variation and the RTO in µs.
     */
    public record Sample(long time, int cwnd, int ssthresh, int inFlight, int peerWindow, long srttUs, long rttvarUs,
                         long rtoUs) {}

    private final Kernel kernel;
    private final int localPort;
    private final List<Sample> samples = new ArrayList<>();

    /** Samples the connection on {@code kernel} whose local port is {@code localPort} (the server side of a transfer). */
    public CwndRecorder(Kernel kernel, int localPort) {
        this.kernel = kernel;
        this.localPort = localPort;
    }

    /** Call for each traced frame (from the trace's listener). */
    public void onFrame(PacketTrace.Entry e) {
        TcpInfo ti = find();
        if (ti == null) return;
        int ss = ti.inInitialSlowStart() ? -1 : ti.sndSsthresh();
        Sample s = new Sample(e.time(), ti.sndCwnd(), ss, ti.unacked(), ti.sndWnd(), ti.rtt(), ti.rttvar(), ti.rto());
        // Keep only changes: a 10,000-segment run stays a few hundred points.
        if (!samples.isEmpty()) {
            Sample last = samples.get(samples.size() - 1);
            if (last.cwnd() == s.cwnd() && last.ssthresh() == s.ssthresh() && last.inFlight() == s.inFlight()
                    && last.srttUs() == s.srttUs() && last.rttvarUs() == s.rttvarUs() && last.rtoUs() == s.rtoUs()) return;
        }
        samples.add(s);
    }

    public List<Sample> samples() { return List.copyOf(samples); }

    private TcpInfo find() {
        for (SocketProto p : InetSockets.of(kernel).protos()) {
            if (p.protocol() != Sock.IPPROTO_TCP) continue;
            for (Sock s : p.sockets()) {
                if (s.localAddress() == null || s.localAddress().port() != localPort) continue;
                if (s.peerAddress() == null || s.peerAddress().port() == 0) continue;   // the listener
                TcpInfo ti = s.tcpInfo();
                if (ti != null) return ti;
            }
        }
        return null;
    }
}
