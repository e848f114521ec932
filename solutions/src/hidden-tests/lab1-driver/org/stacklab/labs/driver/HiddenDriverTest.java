package org.stacklab.labs.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.grader.Visibility;
import org.stacklab.hw.nic.E1000;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.Ping;
import org.stacklab.scenario.Topology;
import org.stacklab.sim.Time;

/** Staff-only checks for lab 1: the driver under the reference IP stack, and rmmod/modprobe. */
class HiddenDriverTest {
    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: 20 pings between two hosts on a switch, both running this driver under the reference IP")
    void pingOverTheDriver() {
        Topology t = Topology.twoHostsOnSwitch(91);
        for (int i = 0; i < 20; i++) {
            Ping.Result r = Ping.once(t.host("h1"), "10.0.0.2", i, 56, 0, Time.s(1));
            assertNotNull(r, "ping " + i + " got no answer\n" + t.report());
            assertTrue(r.isEchoReply(), r + "\n" + t.report());
        }
        assertEquals(List.of(), t.oopses(), t.report());
        for (Host h : t.hosts()) for (E1000 nic : h.machine().nics()) assertEquals(List.of(), nic.faults(), t.report());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: rmmod e1000 then modprobe again re-probes the NIC, which sends and receives")
    void reprobe() {
        DriverRig rig = new DriverRig(92);
        rig.host.kernel().rmmod("e1000");
        assertEquals(null, rig.host.kernel().device("eth0"), () -> rig.explain());
        rig.host.kernel().insmod("driver.e1000");
        rig.host.kernel().devOpen(rig.dev());
        rig.run(Time.us(10));
        rig.send(1, 64);
        rig.inject(0, 1, 64);
        rig.run(Time.ms(1));
        assertEquals(1, rig.wire.frames.size(), () -> rig.explain());
        assertEquals(1, rig.received.size(), () -> rig.explain());
        rig.assertHealthy();
    }
}
