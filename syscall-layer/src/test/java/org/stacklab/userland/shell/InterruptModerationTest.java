package org.stacklab.userland.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.scenario.Topology;
import org.stacklab.syscall.Scheduler;

/**
 * /proc/interrupts makes interrupt moderation visible: the same flood of pings takes fewer
 * interrupts on h1 when its NIC may interrupt at most once every 500 microseconds.
 */
class InterruptModerationTest {
    private static long interruptsForFlood(int rxUsecs) throws Exception {
        Topology topo = Topology.twoHostsOnSwitch(42);
        NetDevice eth0 = topo.host("h1").kernel().device("eth0");
        eth0.ops().setInterruptModeration(eth0, rxUsecs);
        StringBuilder out = new StringBuilder();
        new Shell(new ScenarioShellTopology(topo), out::append).runScript(new StringReader(
                "run 1ms\nh2 ping -c 200 -i 0.00005 -W 1 h1\nh1 cat /proc/interrupts\n"));
        Scheduler.of(topo.loop()).killAll();
        assertEquals("[]", topo.oopses().toString(), topo.report());
        assertTrue(out.toString().contains("200 packets transmitted, 200 received"), out.toString());
        Matcher m = Pattern.compile("\n 11: +(\\d+) ").matcher(out);
        assertTrue(m.find(), out.toString());
        return Long.parseLong(m.group(1));
    }

    @Test
    void moderationCutsInterruptsPerPacket() throws Exception {
        long plain = interruptsForFlood(0);
        long moderated = interruptsForFlood(500);
        assertTrue(moderated * 2 < plain, "moderated " + moderated + " vs unmoderated " + plain + " interrupts");
    }
}
