package org.stacklab.labs.tcpflow;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.BulkTransfer;
import org.stacklab.testkit.tcp.FaultProfile;

/** Your flow and congestion control on both hosts of a link: whole transfers, byte-exact (SHA-256). */
class TransferTest {
    @RegisterExtension final FlowLab lab = new FlowLab();

    @Test @Points(2)
    @DisplayName("256 KB each way over a clean link")
    void cleanLink() {
        BulkTransfer.run(lab.pipe(FaultProfile.clean()), 256 * 1024, 256 * 1024, Time.s(30)).assertOk();
    }

    @Test @Points(2)
    @DisplayName("256 KB each way with 3% loss: losses shrink the window and the transfer still completes")
    void lossyLink() {
        BulkTransfer.run(lab.pipe(FaultProfile.clean().withLoss(0.03)), 256 * 1024, 256 * 1024, Time.s(300)).assertOk();
    }
}
