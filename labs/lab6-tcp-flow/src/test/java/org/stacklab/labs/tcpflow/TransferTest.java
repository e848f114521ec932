package org.stacklab.labs.tcpflow;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.BulkTransfer;
import org.stacklab.testkit.tcp.CwndTrace;
import org.stacklab.testkit.tcp.FaultProfile;
import org.stacklab.testkit.tcp.TcpPipe;

/**
 * Your flow and congestion control on both hosts of a link: whole transfers, byte-exact (SHA-256),
 * with A's congestion window sampled every 10 ms of virtual time and plotted when a check fails.
 */
class TransferTest {
    @RegisterExtension final FlowLab lab = new FlowLab();

    private CwndTrace transfer(FaultProfile faults, long boundNs) {
        TcpPipe pipe = lab.pipe(faults);
        CwndTrace cwnd = CwndTrace.start(pipe.a(), Time.ms(10));
        BulkTransfer.Result r = BulkTransfer.run(pipe, 256 * 1024, 256 * 1024, boundNs);
        cwnd.stop();
        try {
            r.assertOk();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n\ncwnd of A's connection over time:\n" + cwnd.plot(72, 12, 1460));
        }
        return cwnd;
    }

    @Test @Points(2)
    @DisplayName("256 KB each way over a clean link")
    void cleanLink() {
        transfer(FaultProfile.clean(), Time.s(30));
    }

    @Test @Points(2)
    @DisplayName("256 KB each way with 3% loss: each loss cuts the window, and the transfer still completes")
    void lossyLink() {
        CwndTrace cwnd = transfer(FaultProfile.clean().withLoss(0.03), Time.s(300));
        List<CwndTrace.Sample> s = cwnd.samples();
        boolean cut = false;
        for (int i = 1; i < s.size() && !cut; i++) cut = s.get(i).cwnd() < s.get(i - 1).cwnd();
        if (!cut) {
            throw new AssertionError("the link lost segments, but A's congestion window never went down: a loss must lower"
                    + " ssthresh (and with it cwnd)\n\ncwnd of A's connection over time:\n" + cwnd.plot(72, 12, 1460));
        }
    }
}
