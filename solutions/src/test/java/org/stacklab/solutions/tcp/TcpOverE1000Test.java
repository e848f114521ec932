package org.stacklab.solutions.tcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.tcp.TcpSysctl;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.Topology;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.BulkTransfer;
import org.stacklab.testkit.tcp.TcpPipe;

/** The whole reference stack: TCP over IPv4 over the e1000 driver and emulated NICs, through a switch and a router. */
class TcpOverE1000Test {
    static void shortTimeWait(Topology t) {
        for (Host h : t.hosts()) h.kernel().sysctl().set(TcpSysctl.MSL_MS, 500);
    }

    @Test
    void halfAMegabyteEachWayThroughTheRingsAndASwitch() {
        Topology t = Topology.twoHostsOnSwitch(31);
        shortTimeWait(t);
        t.run(Time.ms(1));
        BulkTransfer.run(t.loop(), t.host("h1").kernel(), t.host("h2").kernel(), Ip4.parse("10.0.0.2"),
                512 << 10, 512 << 10, Time.s(60), msg -> new AssertionError(msg + "\n" + t.report())).assertOk();
        assertTrue(TcpPipe.counters(t.host("h1").kernel()).outSegs > 350);
    }

    @Test
    void transferThroughARouter() {
        Topology t = Topology.routed(32);
        shortTimeWait(t);
        t.run(Time.ms(1));
        BulkTransfer.run(t.loop(), t.host("h1").kernel(), t.host("h2").kernel(), Ip4.parse("10.0.2.1"),
                256 << 10, 256 << 10, Time.s(60), msg -> new AssertionError(msg + "\n" + t.report())).assertOk();
    }
}
