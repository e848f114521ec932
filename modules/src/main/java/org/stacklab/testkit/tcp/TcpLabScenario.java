package org.stacklab.testkit.tcp;

import static org.stacklab.testkit.tcp.Seg.ack;
import static org.stacklab.testkit.tcp.Seg.syn;
import static org.stacklab.testkit.tcp.Seg.synAck;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.tcp.SeqNum;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.kernel.tcp.TcpSysctl;
import org.stacklab.sim.Time;

/**
 * The scenario of one graded TCP test: one host (10.0.0.1) running TCP over a test IP layer, the
 * test playing the peer (10.0.0.2) segment by segment, or two hosts joined by a faulty link
 * ({@link #pipe}). Every component is the reference except those {@code -Dstacklab.use} names. MSL
 * is 1 s here, so TIME-WAIT lasts 2 s of virtual time.
 *
 * <p>Each TCP lab's JUnit extension extends this and hands its failures to {@link #explain}, which
 * adds what a student needs to act on them: the ladder, the tcpdump trace of the host's segments, a
 * pcap file and the command that replays the test. This class knows nothing of JUnit.
 */
public class TcpLabScenario {
    /** The peer's initial sequence number in the handshakes below. */
    public static final int PEER_ISN = 1000;

    public final long seed = Long.getLong("stacklab.seed", 42);
    public final TcpHarness h = TcpHarness.create(seed).sysctl(TcpSysctl.MSL_MS, 1000);
    private final String lab;
    private String test = "?";
    private TcpPipe pipe;

    /** {@code lab} is the lab's id, as {@code ./stacklab grade --lab} takes it. */
    protected TcpLabScenario(String lab) {
        this.lab = lab;
    }

    /** Two hosts, A and B, both with the chosen components, joined by a link with {@code faults}. */
    public TcpPipe pipe(FaultProfile faults) {
        pipe = TcpPipe.create(seed, faults).sysctl(TcpSysctl.MSL_MS, 1000);
        return pipe;
    }

    /** A connection accepted on port 80 from the peer's port 40000, after the three-way handshake. */
    public Conn accepted() {
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
    public Conn connected() {
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
    public Conn connected(long rtt) { return connected(rtt, 1460, 65535); }

    /** As {@link #connected(long)}, with the peer's MSS option and window (unscaled). */
    public Conn connected(long rtt, int mss, int window) {
        Sock s = h.connectTo(80);
        WireSegment synSeg = h.expectSent(syn().mss(1460));
        h.after(rtt).receive(synAck().seq(PEER_ISN).ack(synSeg.seq() + 1).mss(mss).window(window));
        h.expectSent(ack().seq(synSeg.seq() + 1).ack(PEER_ISN + 1));
        expectState(s, TcpState.ESTABLISHED, "after the handshake");
        return new Conn(s, synSeg.seq(), null);
    }

    /** Queues {@code n} bytes on {@code s} (a pattern: byte i is i mod 251); fails unless all were taken. */
    public void send(Sock s, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i % 251);
        int r = s.sendmsg(b, 0, n, 0, null);
        if (r != n) h.fail("send() of " + n + " bytes returned " + r);
    }

    /** Reads what is readable on {@code s}. */
    public String read(Sock s) {
        byte[] b = new byte[65536];
        int n = s.recvmsg(b, 0, b.length, 0, null);
        return n <= 0 ? "" : new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** The next segment the host sends must be a retransmission of {@code seq} exactly at {@code t}. */
    public WireSegment expectRetransmissionAt(long t, long seq, String step) {
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
    public record Conn(Sock sock, int iss, Sock listener) {
        public long us(long n) { return (iss + 1 + n) & 0xffffffffL; }
        public long peer(long n) { return (PEER_ISN + 1 + n) & 0xffffffffL; }
    }

    /** Fails with the ladder unless {@code s} is in {@code expected}. */
    public void expectState(Sock s, TcpState expected, String when) {
        TcpState actual = h.state(s);
        if (actual != expected) h.fail("expected " + expected.rfcName() + " " + when + ", but the socket is in " + actual.rfcName());
    }

    public void expect(boolean condition, String what) {
        if (!condition) h.fail(what);
    }

    /** Names the test that runs next, for the pcap file and the replay line. */
    public void starting(String testMethod) {
        test = testMethod;
    }

    /** An oops is a bug even when the test's own checks passed: the kernel must never throw. */
    public void assertNoOops() {
        h.assertNoOops();
        if (pipe != null && !(pipe.a().oopses().isEmpty() && pipe.b().oopses().isEmpty())) {
            throw pipe.failure("kernel oops: " + (pipe.a().oopses().isEmpty() ? pipe.b().oopses() : pipe.a().oopses()));
        }
    }

    /**
     * The failure a student sees for {@code t}, thrown by the test class {@code testClass}: its
     * message, then (unless already there) the seed and the ladder, the link's segments, the last
     * tcpdump lines, any oops, the pcap file and the replay command.
     */
    public AssertionError explain(Throwable t, String testClass) {
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
        Path pcap = SegmentPcap.write(testClass + "-" + test + "-seed" + seed, trace);
        if (pcap != null) sb.append("pcap: ").append(pcap).append("   (tcpdump -nr FILE, or Wireshark)\n");
        sb.append("replay: ./stacklab grade --lab ").append(lab).append(" --test ").append(test).append(" --seed ").append(seed);
        // An assertion's own message is all there is to it; anything else keeps its cause's stack trace.
        AssertionError e = t instanceof AssertionError ? new AssertionError(sb.toString()) : new AssertionError(sb.toString(), t);
        e.setStackTrace(t.getStackTrace());
        return e;
    }

    /**
     * tcpdump lines of {@code trace}, each ACK from the peer that repeats the previous one marked
     * {@code (dup #n)} and each segment of ours that resends old sequence space {@code (retransmission)}.
     */
    public static List<String> annotated(List<WireSegment> trace) {
        List<String> out = new ArrayList<>();
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
                if (haveSent && SeqNum.lt(hd.seq(), sentMax)) note = "(retransmission)";
                if (!haveSent || SeqNum.gt(end, sentMax)) sentMax = end;
                haveSent = true;
            }
            out.add(w.line() + (note.isEmpty() ? "" : "   " + note));
        }
        return out;
    }
}
