package org.stacklab.labs.tcpflow;

import static org.stacklab.sim.Time.ms;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.grader.Visibility;
import org.stacklab.kernel.tcp.TcpSysctl;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/** Held back by staff: a window smaller than the MSS, and another initial window. */
class HiddenFlowTest {
    @RegisterExtension final FlowLab lab = new FlowLab();
    final TcpHarness h = lab.h;

    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: a peer window of 1000 bytes (below the MSS) still lets 1000-byte segments out (sender SWS: half the largest window)")
    void windowSmallerThanTheMss() {
        var c = lab.connected(ms(100), 1460, 1000);
        lab.send(c.sock(), 5000);
        List<WireSegment> out = h.drainSent();
        lab.expect(out.size() == 1 && out.get(0).dataLength() == 1000,
                "expected one 1000-byte segment (the whole window), the host sent " + out.size() + " segments"
                        + (out.isEmpty() ? "" : ", first " + out.get(0).line()));
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: slow start from an initial window of 4 segments: 4, 8, 16, 32")
    void slowStartFromFour() {
        h.sysctl(TcpSysctl.INIT_CWND, 4);
        var c = lab.connectedForCwnd(ms(100));
        WireCwndTrace tr = new WireCwndTrace(h, c, 1000);
        lab.send(c.sock(), 200_000);
        tr.collect();
        tr.row("send()");
        List<Integer> flights = new ArrayList<>(List.of(tr.inFlight()));
        for (int r = 0; r < 3; r++) flights.add(tr.round(ms(100)));
        if (!flights.equals(List.of(4, 8, 16, 32))) h.fail("expected 4, 8, 16, 32 segments per round trip, saw " + flights + tr.chart());
    }
}
