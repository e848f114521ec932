package org.stacklab.labs.tcpflow;

import static org.stacklab.testkit.tcp.Seg.ack;
import static org.stacklab.testkit.tcp.Seg.syn;
import static org.stacklab.testkit.tcp.Seg.synAck;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.kernel.tcp.TcpSysctl;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.FaultProfile;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.TcpPipe;
import org.stacklab.testkit.tcp.WireSegment;

/**
 * The scenario of one graded test: one host (10.0.0.1) running TCP over a test IP layer, the test
 * playing the peer (10.0.0.2) segment by segment. Every component is the reference except those
 * {@code -Dstacklab.use} names (the grader passes {@code tcp.flow=student,tcp.congestion=student}). MSL is 1 s here,
 * so TIME-WAIT lasts 2 s of virtual time.
 *
 * <p>Registered with {@code @RegisterExtension}, it adds to every failure what a student needs to
 * act on it: the tcpdump trace of the host's segments, and the command that replays the test.
 */
final class FlowLab implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {
    static final String LAB = "lab6-tcp-flow";
    /** The peer's initial sequence number in the handshakes below. */
    static final int PEER_ISN = 1000;

    final long seed = Long.getLong("stacklab.seed", 42);
    final TcpHarness h = TcpHarness.create(seed).sysctl(TcpSysctl.MSL_MS, 1000);
    private String test = "?";
    private TcpPipe pipe;

    /** Two hosts, A and B, both with the chosen components, joined by a link with {@code faults}. */
    TcpPipe pipe(FaultProfile faults) {
        pipe = TcpPipe.create(seed, faults).sysctl(TcpSysctl.MSL_MS, 1000);
        return pipe;
    }

    /** A connection accepted on port 80 from the peer's port 40000, after the three-way handshake. */
    Conn accepted() {
        Sock listener = h.listenOn(80);
        h.receive(syn().seq(PEER_ISN).mss(1460).window(65535));
        WireSegment sa = h.expectSent(synAck().ack(PEER_ISN + 1).mss(1460));
        h.after(Time.ms(1)).receive(ack().seq(PEER_ISN + 1).ack(sa.seq() + 1).window(65535));
        Sock s = listener.accept();
        if (s == null) h.fail("accept() returned nothing after the three-way handshake");
        expectState(s, TcpState.ESTABLISHED, "after the handshake");
        return new Conn(s, sa.seq(), listener);
    }

    /** A connection this host opened to the peer's port 80. */
    Conn connected() {
        Sock s = h.connectTo(80);
        WireSegment synSeg = h.expectSent(syn().mss(1460));
        h.after(Time.ms(1)).receive(synAck().seq(PEER_ISN).ack(synSeg.seq() + 1).mss(1460).window(65535));
        h.expectSent(ack().seq(synSeg.seq() + 1).ack(PEER_ISN + 1));
        expectState(s, TcpState.ESTABLISHED, "after the handshake");
        return new Conn(s, synSeg.seq(), null);
    }

    /**
     * A connection this host opened, whose SYN-ACK arrives {@code rtt} after the SYN (the first RTT
     * sample), advertising MSS 1460 and window 65535 and no timestamps (every RTT sample then follows
     * Karn's rule).
     */
    Conn connected(long rtt) { return connected(rtt, 1460, 65535); }

    /** As {@link #connected(long)}, with the peer's MSS option and window (unscaled). */
    Conn connected(long rtt, int mss, int window) {
        Sock s = h.connectTo(80);
        WireSegment synSeg = h.expectSent(syn().mss(1460));
        h.after(rtt).receive(synAck().seq(PEER_ISN).ack(synSeg.seq() + 1).mss(mss).window(window));
        h.expectSent(ack().seq(synSeg.seq() + 1).ack(PEER_ISN + 1));
        expectState(s, TcpState.ESTABLISHED, "after the handshake");
        return new Conn(s, synSeg.seq(), null);
    }

    /** A connection accepted by a listener whose receive buffer holds {@code space} bytes of data. */
    Conn acceptedWithBuffer(int space) {
        Sock l = h.socket();
        // Linux doubles SO_RCVBUF and gives half of it to data: SO_RCVBUF = space leaves space bytes.
        l.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, space);
        if (l.bind(new org.stacklab.kernel.socket.SockAddr(0, 80)) < 0 || l.listen(16) < 0) h.fail("bind/listen on port 80 failed");
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

    /** Queues {@code n} bytes on {@code s} (a pattern: byte i is i mod 251); fails unless all were taken. */
    void send(Sock s, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i % 251);
        int r = s.sendmsg(b, 0, n, 0, null);
        if (r != n) h.fail("send() of " + n + " bytes returned " + r);
    }

    /** Reads what is readable on {@code s}. */
    String read(Sock s) {
        byte[] b = new byte[65536];
        int n = s.recvmsg(b, 0, b.length, 0, null);
        return n <= 0 ? "" : new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The next segment the host sends must be a retransmission of {@code seq} exactly at {@code t}. */
    WireSegment expectRetransmissionAt(long t, long seq, String step) {
        h.at(t - 1);
        List<WireSegment> early = h.drainSent();
        if (!early.isEmpty()) {
            h.fail("expected " + step + ": a retransmission of seq " + seq + " at t=" + Time.formatMs(t)
                    + ", but the host sent " + early.get(0).line() + " before that");
        }
        h.at(t);
        List<WireSegment> now = h.drainSent();
        if (now.isEmpty() || (now.get(0).seq() & 0xffffffffL) != seq) {
            h.after(Time.s(130));
            List<WireSegment> later = h.drainSent();
            h.fail("expected " + step + ": a retransmission of seq " + seq + " at t=" + Time.formatMs(t) + ", saw "
                    + (now.isEmpty() ? (later.isEmpty() ? "none at all" : "it at t=" + Time.formatMs(later.get(0).time)
                    + " (" + later.get(0).line() + ")") : now.get(0).line()));
        }
        return now.get(0);
    }

    /** An established connection; {@code us(n)}/{@code peer(n)} are sequence numbers after n data bytes. */
    record Conn(Sock sock, int iss, Sock listener) {
        long us(long n) { return (iss + 1 + n) & 0xffffffffL; }
        long peer(long n) { return (PEER_ISN + 1 + n) & 0xffffffffL; }
    }

    /** Fails with the ladder unless {@code s} is in {@code expected}. */
    void expectState(Sock s, TcpState expected, String when) {
        TcpState actual = h.state(s);
        if (actual != expected) h.fail("expected " + expected.rfcName() + " " + when + ", but the socket is in " + actual.rfcName());
    }

    void expect(boolean condition, String what) {
        if (!condition) h.fail(what);
    }

    @Override
    public void beforeEach(ExtensionContext ctx) {
        test = ctx.getRequiredTestMethod().getName();
    }

    /** An oops is a bug even when the test's own checks passed: the kernel must never throw. */
    @Override
    public void afterEach(ExtensionContext ctx) {
        if (ctx.getExecutionException().isPresent()) return;
        h.assertNoOops();
        if (pipe != null && !(pipe.a().oopses().isEmpty() && pipe.b().oopses().isEmpty())) {
            throw pipe.failure("kernel oops: " + (pipe.a().oopses().isEmpty() ? pipe.b().oopses() : pipe.a().oopses()));
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext ctx, Throwable t) throws Throwable {
        if (t instanceof org.opentest4j.TestAbortedException) throw t;
        StringBuilder sb = new StringBuilder(t instanceof AssertionError ? String.valueOf(t.getMessage()) : "the test threw " + t);
        if (!sb.toString().contains("seed " + seed)) {
            sb.append("\n\nseed ").append(seed).append('\n');
            if (!h.ip().trace().isEmpty()) sb.append('\n').append(h.ladder());
        }
        if (pipe != null && !sb.toString().contains("link: carried")) {
            sb.append("\n\nthe link between A (10.0.0.1) and B (10.0.0.2), last segments:\n").append(pipe.ladder());
        }
        if (sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
        List<WireSegment> trace = h.ip().trace();
        if (!trace.isEmpty()) {
            sb.append("tcpdump (last segments, host 10.0.0.1):\n");
            List<String> lines = annotated(trace);
            for (String l : lines.subList(Math.max(0, lines.size() - 20), lines.size())) sb.append("  ").append(l).append('\n');
        }
        if (!h.kernel().oopses().isEmpty()) sb.append("kernel oops: ").append(h.kernel().oopses().get(0)).append('\n');
        if (pipe != null) {
            if (!pipe.a().oopses().isEmpty()) sb.append("kernel oops on A: ").append(pipe.a().oopses().get(0)).append('\n');
            if (!pipe.b().oopses().isEmpty()) sb.append("kernel oops on B: ").append(pipe.b().oopses().get(0)).append('\n');
        }
        java.nio.file.Path pcap = SegmentPcap.write(ctx.getRequiredTestClass().getSimpleName() + "-" + test + "-seed" + seed, trace);
        if (pcap != null) sb.append("pcap: ").append(pcap).append("   (tcpdump -nr FILE, or Wireshark)\n");
        sb.append("replay: ./stacklab grade --lab ").append(LAB).append(" --test ").append(test).append(" --seed ").append(seed);
        // An assertion's own message is all there is to it; anything else keeps its cause's stack trace.
        AssertionError e = t instanceof AssertionError ? new AssertionError(sb.toString()) : new AssertionError(sb.toString(), t);
        e.setStackTrace(t.getStackTrace());
        throw e;
    }

    /**
     * tcpdump lines of {@code trace}, each ACK from the peer that repeats the previous one marked
     * {@code (dup #n)} and each segment of ours that resends old sequence space {@code (retransmission)}.
     */
    static List<String> annotated(List<WireSegment> trace) {
        List<String> out = new java.util.ArrayList<>();
        int lastAck = 0, dups = 0, sentMax = 0;
        boolean haveAck = false, haveSent = false;
        for (WireSegment w : trace) {
            var hd = w.header();
            String note = "";
            if (hd != null && !w.outgoing && hd.hasAck() && !hd.syn() && !hd.fin() && !hd.rst() && w.dataLength() == 0) {
                if (haveAck && hd.ack() == lastAck) note = "(dup #" + (++dups) + ")";
                else dups = 0;
                lastAck = hd.ack();
                haveAck = true;
            } else if (hd != null && !w.outgoing && hd.hasAck()) {
                dups = 0;
                lastAck = hd.ack();
                haveAck = true;
            }
            if (hd != null && w.outgoing && w.dataLength() > 0) {
                int end = hd.seq() + w.dataLength();
                if (haveSent && org.stacklab.kernel.tcp.SeqNum.lt(hd.seq(), sentMax)) note = "(retransmission)";
                if (!haveSent || org.stacklab.kernel.tcp.SeqNum.gt(end, sentMax)) sentMax = end;
                haveSent = true;
            }
            out.add(w.line() + (note.isEmpty() ? "" : "   " + note));
        }
        return out;
    }
}
