package org.stacklab.labs.tcpflow;

import static org.stacklab.sim.Time.ms;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/**
 * NewReno as the wire shows it: your congestion control (and flow control) with the reference's
 * loss detection and recovery (lab 5). The peer acknowledges every segment on its own one round
 * trip (100 ms) later; the number of segments in flight at the start of each round is cwnd.
 */
class CwndOnTheWireTest {
    static final int MSS = 1000;
    static final long RTT = ms(100);

    @RegisterExtension final FlowLab lab = new FlowLab();
    final TcpHarness h = lab.h;

    @Test @Points(3)
    @DisplayName("slow start on the wire: 10, 20, 40, 80, 160 segments per round trip")
    void slowStartDoublesEveryRoundTrip() {
        var c = lab.connectedForCwnd(RTT);
        WireCwndTrace tr = new WireCwndTrace(h, c, MSS);
        lab.send(c.sock(), 400_000);
        tr.collect();
        tr.row("send() 400000 bytes");
        List<Integer> flights = new ArrayList<>(List.of(tr.inFlight()));
        for (int r = 0; r < 4; r++) flights.add(tr.round(RTT));
        if (!flights.equals(List.of(10, 20, 40, 80, 160))) {
            h.fail("slow start should double cwnd every round trip from the initial window of 10 segments: expected 10, 20, 40, 80, 160"
                    + " segments in flight, saw " + flights + tr.chart());
        }
    }

    @Test @Points(3)
    @DisplayName("fast recovery: 3 duplicate ACKs set ssthresh to half the flight (5); slow start stops there, then +1 per round trip")
    void fastRecoveryHalvesThenGrowsLinearly() {
        var c = lab.connectedForCwnd(RTT);
        WireCwndTrace tr = new WireCwndTrace(h, c, MSS);
        lab.send(c.sock(), 10 * MSS);
        tr.collect();
        tr.row("send() 10 segments; segment 1 will be lost");
        h.after(RTT);
        for (int d = 1; d <= 9; d++) {
            tr.ackUpTo(0, "duplicate ACK #" + d + " (segment " + (d + 1) + " arrived)");
            if (d == 3 && tr.inFlight() != 11) {
                h.fail("expected the 3rd duplicate ACK to retransmit segment 1 (the reference's fast retransmit calls"
                        + " ssthresh() on your congestion control first)" + tr.chart());
            }
        }
        tr.ackUpTo(10L * MSS, "the retransmission arrived: ACK of all 10");
        lab.send(c.sock(), 400_000);
        tr.collect();
        tr.row("send() 400000 bytes more");
        List<Integer> flights = new ArrayList<>(List.of(tr.inFlight()));
        for (int r = 0; r < 4; r++) flights.add(tr.round(RTT));
        // RFC 6582 leaves cwnd = min(ssthresh, FlightSize + SMSS) = 2 segments; slow start then runs up to
        // ssthresh = max(FlightSize / 2, 2 SMSS) = 5 segments, and congestion avoidance adds about one per round trip.
        boolean ok = flights.get(0) == 2 && flights.get(1) == 4 && flights.get(2) == 5
                && (flights.get(3) == 5 || flights.get(3) == 6) && flights.get(4) >= flights.get(3) && flights.get(4) <= flights.get(3) + 1
                && flights.get(4) >= 6;
        if (!ok) {
            h.fail("after the loss ssthresh should be FlightSize/2 = 5 segments: expected 2, 4, 5 (slow start up to ssthresh), then"
                    + " 5-6 and 6-7 (one more per round trip) segments in flight, saw " + flights + tr.chart());
        }
    }

    @Test @Points(3)
    @DisplayName("a timeout: one segment, then slow start (1, 2, 4) up to ssthresh = 5, then linear growth")
    void timeoutRestartsSlowStartFromOneSegment() {
        var c = lab.connectedForCwnd(RTT);
        WireCwndTrace tr = new WireCwndTrace(h, c, MSS);
        long t0 = h.now();
        lab.send(c.sock(), 400_000);
        tr.collect();
        tr.row("send(): the initial window, all of it lost");
        h.at(t0 + ms(300));                                // the RTO: 300 ms after a 100 ms first sample
        List<WireSegment> rto = h.drainSent();
        // Everything sent before the timeout is lost: forget it and follow what comes after.
        WireCwndTrace after = new WireCwndTrace(h, c, MSS);
        for (WireSegment w : rto) if (w.dataLength() > 0) after.outstandingAdd(w);
        after.row("retransmission timeout");
        List<Integer> flights = new ArrayList<>(List.of(after.inFlight()));
        for (int r = 0; r < 4; r++) flights.add(after.round(RTT));
        boolean ok = flights.size() == 5 && flights.get(0) == 1 && flights.get(1) == 2 && flights.get(2) == 4 && flights.get(3) == 5
                && (flights.get(4) == 5 || flights.get(4) == 6);
        if (!ok) {
            h.fail("after a timeout cwnd is 1 segment and ssthresh FlightSize/2 = 5: expected 1, 2, 4, 5, then 5 or 6 segments per"
                    + " round, saw " + flights + tr.chart() + after.chart());
        }
    }
}
