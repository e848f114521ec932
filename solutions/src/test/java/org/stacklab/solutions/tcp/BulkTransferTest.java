package org.stacklab.solutions.tcp;

import org.junit.jupiter.api.Test;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.BulkTransfer;
import org.stacklab.testkit.tcp.FaultProfile;
import org.stacklab.testkit.tcp.TcpPipe;
import org.stacklab.kernel.tcp.TcpSysctl;

class BulkTransferTest {
    @Test
    void cleanLinkCarriesAMegabyteEachWay() {
        TcpPipe pipe = TcpPipe.create(1, FaultProfile.clean()).sysctl(TcpSysctl.MSL_MS, 1000);
        var r = BulkTransfer.run(pipe, 1 << 20, 1 << 20, Time.s(600));
        r.assertOk();
        System.out.println("virtual " + Time.formatMs(r.virtualNs()) + " A " + TcpPipe.counters(pipe.a()));
    }

    @Test
    void lossyLink() {
        TcpPipe pipe = TcpPipe.create(2, FaultProfile.clean().withLoss(0.05)).sysctl(TcpSysctl.MSL_MS, 1000);
        var r = BulkTransfer.run(pipe, 1 << 20, 1 << 20, Time.s(600));
        r.assertOk();
        System.out.println("virtual " + Time.formatMs(r.virtualNs()) + " A " + TcpPipe.counters(pipe.a()));
    }
}
