package org.stacklab.labs.tcpflow;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.tcp.CongestionControl;
import org.stacklab.kernel.tcp.TcpControlBlock;
import org.stacklab.kernel.tcp.TcpState;

/**
 * The congestion window arithmetic of RFC 5681 §3.1, asked of the component directly: the numbers
 * after each ACK, printed as a cwnd trace when a check fails. SMSS is 1000 bytes here.
 */
class CongestionWindowTest {
    static final int MSS = 1000;

    @RegisterExtension final FlowLab lab = new FlowLab();
    final CongestionControl cc = Components.create("tcp.congestion", CongestionControl.class, ModuleSet.parse(ModuleSet.REFERENCE, null));
    final TcpControlBlock tcb = new TcpControlBlock();
    final List<String> trace = new ArrayList<>();

    CongestionWindowTest() {
        tcb.state = TcpState.ESTABLISHED;
        tcb.mss = MSS;
        tcb.iss = 0;
        tcb.sndUna = 1;
        tcb.sndNxt = 1;
        tcb.sndMax = 1;
    }

    void ack(int bytes) {
        cc.onAck(tcb, bytes, 0);
        trace.add(String.format("  ack %5d bytes  cwnd %7d (%5.2f MSS)  ssthresh %s", bytes, tcb.cwnd, tcb.cwnd / (double) MSS,
                tcb.ssthresh >= Integer.MAX_VALUE / 2 ? "inf" : Integer.toString(tcb.ssthresh)));
    }

    void expect(boolean ok, String what) {
        if (!ok) throw new AssertionError(what + "\n\ncwnd trace:\n" + String.join("\n", trace));
    }

    @Test @Points(1)
    @DisplayName("init: cwnd is the initial window (10 MSS), ssthresh arbitrarily high: slow start")
    void initialWindow() {
        cc.init(tcb, 10 * MSS);
        expect(tcb.cwnd == 10 * MSS, "cwnd after init should be 10 MSS = 10000, is " + tcb.cwnd);
        expect(tcb.ssthresh >= 1 << 30, "ssthresh should start arbitrarily high (RFC 5681 §3.1), is " + tcb.ssthresh);
    }

    @Test @Points(3)
    @DisplayName("slow start: one MSS per ACK of one MSS; 10 ACKs take cwnd from 10 to 20 MSS")
    void slowStart() {
        cc.init(tcb, 10 * MSS);
        for (int i = 1; i <= 10; i++) {
            ack(MSS);
            expect(tcb.cwnd == (10 + i) * MSS, "slow start (RFC 5681 eq. 2): after " + i + " ACKs of 1 MSS cwnd should be "
                    + (10 + i) * MSS + ", is " + tcb.cwnd);
        }
    }

    @Test @Points(1)
    @DisplayName("slow start: an ACK of 4 MSS grows cwnd by at most 1 MSS (RFC 5681 eq. 2)")
    void slowStartAtMostOneMssPerAck() {
        cc.init(tcb, 10 * MSS);
        ack(4 * MSS);
        expect(tcb.cwnd == 11 * MSS, "cwnd += min(N, SMSS): after one ACK of 4000 bytes cwnd should be 11000, is " + tcb.cwnd);
    }

    @Test @Points(3)
    @DisplayName("congestion avoidance: about one MSS per window of ACKs, never more")
    void congestionAvoidance() {
        cc.init(tcb, 10 * MSS);
        tcb.ssthresh = 10 * MSS;                      // cwnd >= ssthresh: congestion avoidance
        for (int round = 1; round <= 5; round++) {
            int before = tcb.cwnd;
            int acks = before / MSS;                  // one window of data, acknowledged an MSS at a time
            for (int i = 0; i < acks; i++) ack(MSS);
            int grew = tcb.cwnd - before;
            trace.add("  -- round " + round + ": +" + grew + " bytes");
            expect(grew <= MSS, "round " + round + ": cwnd grew by " + grew + " bytes over one window of ACKs; congestion avoidance"
                    + " adds at most 1 SMSS per round-trip time (RFC 5681 §3.1)");
        }
        int total = tcb.cwnd - 10 * MSS;
        expect(total >= 4 * MSS && total <= 5 * MSS, "over 5 rounds cwnd should grow by about 5 MSS (4000..5000 bytes), it grew by " + total);
    }

    @Test @Points(2)
    @DisplayName("ssthresh after a loss is max(FlightSize / 2, 2 MSS) (RFC 5681 eq. 4)")
    void ssthreshIsHalfTheFlight() {
        cc.init(tcb, 10 * MSS);
        tcb.sndMax = tcb.sndUna + 20 * MSS;
        tcb.sndNxt = tcb.sndMax;
        int s = cc.ssthresh(tcb, 0);
        expect(s == 10 * MSS, "FlightSize 20000: ssthresh should be 10000, is " + s);
        tcb.sndMax = tcb.sndUna + 3 * MSS;
        tcb.sndNxt = tcb.sndMax;
        s = cc.ssthresh(tcb, 0);
        expect(s == 2 * MSS, "FlightSize 3000: ssthresh should be the floor 2 x SMSS = 2000, is " + s);
    }
}
