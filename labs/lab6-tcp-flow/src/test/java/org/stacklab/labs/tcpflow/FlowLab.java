package org.stacklab.labs.tcpflow;

import static org.stacklab.testkit.tcp.Seg.ack;
import static org.stacklab.testkit.tcp.Seg.syn;
import static org.stacklab.testkit.tcp.Seg.synAck;

import org.stacklab.grader.LabExtension;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.TcpLabScenario;
import org.stacklab.testkit.tcp.WireSegment;

/**
 * The scenario of one graded test of lab6-tcp-flow ({@link TcpLabScenario}); the grader passes
 * {@code -Dstacklab.use=tcp.flow=student,tcp.congestion=student}. Registered with {@code @RegisterExtension}
 * ({@link LabExtension}), it adds to every failure what a student needs to act on it: the tcpdump
 * trace of the host's segments, a pcap file and the command that replays the test; and it fails a
 * test that passed its own checks if the kernel oopsed.
 */
final class FlowLab extends TcpLabScenario implements LabExtension {
    static final String LAB = "lab6-tcp-flow";

    FlowLab() {
        super(LAB);
    }

    /** A connection accepted by a listener whose receive buffer holds {@code space} bytes of data. */
    Conn acceptedWithBuffer(int space) {
        Sock l = h.socket();
        // Linux doubles SO_RCVBUF and gives half of it to data: SO_RCVBUF = space leaves space bytes.
        l.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, space);
        if (l.bind(new SockAddr(0, 80)) < 0 || l.listen(16) < 0) h.fail("bind/listen on port 80 failed");
        h.ports(80, 40000);
        h.receive(syn().seq(PEER_ISN).mss(1460).window(65535));
        WireSegment sa = h.expectSent(synAck().ack(PEER_ISN + 1).window(space));
        h.after(Time.ms(1)).receive(ack().seq(PEER_ISN + 1).ack(sa.seq() + 1).window(65535));
        Sock s = l.accept();
        if (s == null) h.fail("accept() returned nothing after the three-way handshake");
        return new Conn(s, sa.seq(), l);
    }

    /**
     * A connection for watching the congestion window: the peer's SYN-ACK comes {@code rtt} after our
     * SYN with MSS 1000 (round numbers) and window scaling (shift 7: an 8 MB window, so the peer's
     * window never limits the sender), and the send buffer holds 2 MB.
     */
    Conn connectedForCwnd(long rtt) {
        Sock s = h.connectTo(80);
        WireSegment synSeg = h.expectSent(syn());
        h.after(rtt).receive(synAck().seq(PEER_ISN).ack(synSeg.seq() + 1).mss(1000).wscale(7).window(65535));
        h.expectSent(ack().seq(synSeg.seq() + 1).ack(PEER_ISN + 1));
        expectState(s, TcpState.ESTABLISHED, "after the handshake");
        s.setsockopt(Sock.SOL_SOCKET, Sock.SO_SNDBUF, 1 << 20);
        // The window in a SYN is never scaled (RFC 7323 §2.2): the peer's first ACK brings the scaled window,
        // so that later duplicate ACKs do not change it (a window update is not a duplicate ACK).
        h.receive(ack().seq(PEER_ISN + 1).ack(synSeg.seq() + 1).window(65535));
        h.expectNothingSent();
        return new Conn(s, synSeg.seq(), null);
    }
}
