package org.stacklab.solutions.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.testkit.tcp.Seg.ack;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.tcp.CongestionControl;
import org.stacklab.kernel.tcp.TcpControlBlock;
import org.stacklab.kernel.tcp.TcpSysctl;
import org.stacklab.testkit.tcp.TcpHarness;

/** NewReno and CUBIC arithmetic, and swapping only the congestion component. */
class CongestionControlTest {
    static final int MSS = 1000;

    static TcpControlBlock tcb() {
        TcpControlBlock t = new TcpControlBlock();
        t.mss = MSS;
        return t;
    }

    @AfterEach
    void clear() { Components.clearOverrides(); }

    @Test
    void newRenoSlowStartThenCongestionAvoidance() {
        NewReno cc = new NewReno();
        TcpControlBlock t = tcb();
        cc.init(t, 10 * MSS);
        assertEquals(10 * MSS, t.cwnd);
        for (int i = 0; i < 10; i++) cc.onAck(t, MSS, 0);   // a window of ACKs doubles cwnd
        assertEquals(20 * MSS, t.cwnd);
        t.sndUna = 0;
        t.sndMax = 20 * MSS;                                 // FlightSize 20 segments
        t.ssthresh = cc.ssthresh(t, 0);
        assertEquals(10 * MSS, t.ssthresh, "RFC 5681 eq. 4: FlightSize / 2");
        t.cwnd = t.ssthresh;
        for (int i = 0; i < 10; i++) cc.onAck(t, MSS, 0);   // one window acknowledged: one MSS more
        assertEquals(11 * MSS, t.cwnd);
    }

    @Test
    void newRenoSsthreshNeverBelowTwoSegments() {
        TcpControlBlock t = tcb();
        t.sndMax = MSS;
        assertEquals(2 * MSS, new NewReno().ssthresh(t, 0));
    }

    @Test
    void cubicCutsToBetaAndGrowsBackPastTheOldMaximum() {
        Cubic cc = new Cubic();
        TcpControlBlock t = tcb();
        cc.init(t, 100 * MSS);
        cc.onRttSample(t, 100_000_000L);                     // 100 ms: long enough for the cubic region (§4.2)
        t.ssthresh = cc.ssthresh(t, 0);
        assertEquals(70 * MSS, t.ssthresh, "RFC 9438 §4.6: beta_cubic = 0.7");
        t.cwnd = t.ssthresh;
        List<Integer> trace = new ArrayList<>();
        long now = 0;
        for (int rtt = 0; rtt < 400 && t.cwnd < 120 * MSS; rtt++) {
            now += 100_000_000L;
            int acks = t.cwnd / MSS;
            for (int i = 0; i < acks; i++) cc.onAck(t, MSS, now);
            trace.add(t.cwnd / MSS);
        }
        // Concave up to W_max = 100, a plateau near it, then convex growth beyond.
        assertTrue(trace.contains(100) || trace.stream().anyMatch(w -> w >= 99 && w <= 101), trace.toString());
        assertTrue(t.cwnd >= 120 * MSS, "grows past the old maximum: " + trace);
        int firstStep = trace.get(1) - trace.get(0);
        int nearMax = 0;
        for (int i = 1; i < trace.size(); i++) if (trace.get(i) >= 98 && trace.get(i) <= 102) nearMax++;
        assertTrue(nearMax >= 2, "lingers near W_max: " + trace);
        assertTrue(firstStep >= 1, "grows fast right after the cut: " + trace);
    }

    /** A congestion controller a student might write: a fixed window of two segments. */
    static final class TwoSegments implements CongestionControl {
        @Override public String name() { return "two"; }
        @Override public void init(TcpControlBlock tcb, int iw) { tcb.cwnd = 2 * tcb.mss; }
        @Override public void onAck(TcpControlBlock tcb, int acked, long now) { }
        @Override public int ssthresh(TcpControlBlock tcb, long now) { return 2 * tcb.mss; }
    }

    @Test
    void useTcpCongestionStudentSwapsOnlyThatPart() {
        Components.override("tcp.congestion", "student", TwoSegments::new);
        TcpHarness h = TcpHarness.create(5, ModuleSet.reference().with("tcp.congestion=student"));
        h.sysctl(TcpSysctl.DELAYED_ACK, 0);
        var c = Peer.acceptFrom(h);
        c.sock().setsockopt(Sock.IPPROTO_TCP, Sock.TCP_NODELAY, 1);
        c.sock().sendmsg(new byte[5 * 1460], 0, 5 * 1460, 0, null);
        assertEquals(2, h.drainSent().size(), "the student's window of two segments, not the reference's ten");
        h.receive(ack().seq(c.peer(0)).ack(c.us(1460)));
        assertEquals(1, h.drainSent().size());
        h.assertNoOops();
    }

    @Test
    void cubicIsChosenWithUseTcpCongestionCubic() {
        TcpHarness h = TcpHarness.create(5, ModuleSet.reference().with("tcp.congestion=cubic"));
        var c = Peer.acceptFrom(h);
        c.sock().setsockopt(Sock.IPPROTO_TCP, Sock.TCP_NODELAY, 1);
        c.sock().sendmsg(new byte[20 * 1460], 0, 20 * 1460, 0, null);
        assertEquals(10, h.drainSent().size(), "initial window of 10 segments (RFC 6928)");
    }

    @Test
    void newRenoSawtoothUnderRandomLoss() {
        var pipe = org.stacklab.testkit.tcp.TcpPipe.create(3,
                org.stacklab.testkit.tcp.FaultProfile.clean().withLoss(0.005).withDelay(org.stacklab.sim.Time.ms(10)))
                .sysctl(TcpSysctl.MSL_MS, 100).sysctl(TcpSysctl.WMEM_DEFAULT, 1 << 20).sysctl(TcpSysctl.RMEM_DEFAULT, 1 << 21);
        var trace = org.stacklab.testkit.tcp.CwndTrace.start(pipe.a(), org.stacklab.sim.Time.ms(5));
        org.stacklab.testkit.tcp.BulkTransfer.run(pipe, 8 << 20, 0, org.stacklab.sim.Time.s(600)).assertOk();
        trace.stop();
        var s = trace.samples();
        int cuts = 0, peak = 0;
        for (int i = 1; i < s.size(); i++) {
            peak = Math.max(peak, s.get(i).cwnd());
            if (s.get(i).cwnd() <= s.get(i - 1).cwnd() * 0.7) cuts++;
        }
        String chart = trace.plot(72, 12, 1448);
        assertTrue(cuts >= 2, "the window is cut at losses (multiplicative decrease):\n" + chart);
        assertTrue(peak >= 20 * 1448, "and grows between them:\n" + chart);
    }
}
