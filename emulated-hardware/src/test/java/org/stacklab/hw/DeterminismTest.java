package org.stacklab.hw;

import static org.junit.jupiter.api.Assertions.*;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.hw.link.EthernetSwitch;
import org.stacklab.hw.link.FaultInjector;
import org.stacklab.hw.link.FaultSpec;
import org.stacklab.hw.link.Frames;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.hw.link.Wire;
import org.stacklab.hw.nic.E1000;
import org.stacklab.hw.testing.RawE1000Driver;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

/** A run is a pure function of its inputs and its seed: the event trace says so. */
class DeterminismTest {
    private static final FaultSpec LOSSY = FaultSpec.NONE.withDrop(0.05).withDuplicate(0.02).withReorder(0.03)
            .withDelay(0.1, Time.us(30)).withCorrupt(0.01);

    /** Three hosts on a switch, each sending to the next through interrupt-driven raw drivers. */
    private static List<String> scenario(long seed, FaultSpec faults) {
        EventLoop loop = EventLoop.virtual(seed);
        List<String> trace = new ArrayList<>();
        loop.setTracer(t -> trace.add(t.when() + " #" + t.seq() + " " + t.label()));
        EthernetSwitch sw = new EthernetSwitch(loop, "sw0", 3);
        RawE1000Driver[] drv = new RawE1000Driver[3];
        long[] macs = new long[3];
        for (int i = 0; i < 3; i++) {
            Machine m = new Machine(loop, "h" + i, 1 << 20);
            macs[i] = 0x525400000000L + i + 1;
            E1000 nic = m.addE1000(macs[i]);
            Wire.connect(loop, FaultInjector.wrap(loop, "to-h" + i, nic.port(), faults), sw.port(i), LinkSpec.gigabit());
            RawE1000Driver d = new RawE1000Driver(nic, 0x10000, 32, 32);
            d.init();
            d.enableInterrupts(ICR_RXT0 | ICR_TXDW, 50);
            int host = i;
            nic.irq().request("h" + i, () -> {
                int icr = d.readIcr();
                byte[] f;
                while ((f = d.poll()) != null) trace.add(loop.now() + " h" + host + " rx icr=" + icr + " " + Arrays.hashCode(f));
                d.reclaimTx();
            });
            drv[i] = d;
        }
        for (int k = 0; k < 60; k++) {
            int from = k % 3;
            byte[] f = Frames.build(macs[(from + 1) % 3], macs[from], 0x88B5, 64 + 17 * k);
            loop.schedule(Time.us(3) * k, () -> drv[from].send(f), "app send");
        }
        loop.runUntilIdle();
        return trace;
    }

    @Test
    void sameSeedGivesTheIdenticalEventTrace() {
        List<String> a = scenario(1234, LOSSY);
        List<String> b = scenario(1234, LOSSY);
        assertTrue(a.size() > 300, "a scenario worth comparing: " + a.size() + " events");
        assertEquals(a, b);
    }

    @Test
    void aDifferentSeedDiffersWhereRandomnessIsInvolved() {
        assertNotEquals(scenario(1234, LOSSY), scenario(4321, LOSSY));
    }

    @Test
    void withoutFaultsTheSeedDoesNotMatter() {
        assertEquals(scenario(1, FaultSpec.NONE), scenario(2, FaultSpec.NONE));
    }
}
