package org.stacklab.hw.link;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

class EthernetSwitchTest {
    private static final long H0 = 0x020000000000L, H1 = 0x020000000001L, H2 = 0x020000000002L, H3 = 0x020000000003L;

    private final EventLoop loop = EventLoop.virtual(1);
    private final EthernetSwitch sw = new EthernetSwitch(loop, "sw0", 4);
    private final RecordingPort[] hosts = new RecordingPort[4];
    private final Wire[] wires = new Wire[4];

    {
        for (int i = 0; i < 4; i++) {
            hosts[i] = new RecordingPort(loop, "h" + i);
            wires[i] = Wire.connect(loop, hosts[i], sw.port(i), LinkSpec.gigabit());
        }
    }

    private void send(int from, long src, long dst) {
        hosts[from].send(Frames.build(dst, src, 0x88B5, 64));
        loop.runUntilIdle();
    }

    private int[] received() {
        int[] n = new int[4];
        for (int i = 0; i < 4; i++) n[i] = hosts[i].frames.size();
        return n;
    }

    @Test
    void unknownUnicastIsFloodedToEveryOtherPort() {
        send(0, H0, H2);
        assertArrayEquals(new int[] {0, 1, 1, 1}, received());
        assertEquals(1, sw.flooded());
    }

    @Test
    void broadcastIsFloodedButNeverSentBackOutOfItsPort() {
        send(1, H1, Frames.BROADCAST);
        assertArrayEquals(new int[] {1, 0, 1, 1}, received());
    }

    @Test
    void multicastIsFlooded() {
        send(2, H2, 0x01005E000001L);
        assertArrayEquals(new int[] {1, 1, 0, 1}, received());
    }

    @Test
    void aLearnedAddressGetsOnlyItsOwnPort() {
        send(2, H2, Frames.BROADCAST);     // the switch learns H2 on port 2
        assertEquals(Map.of(H2, 2), sw.macTable());
        send(0, H0, H2);
        // h0, h1, h3 saw only h2's broadcast; h2 got the unicast frame and nobody else did
        assertArrayEquals(new int[] {1, 1, 1, 1}, received());
        assertEquals(H0, Frames.src(hosts[2].frames.get(0)));
        assertEquals(1, sw.forwarded());
        assertEquals(Map.of(H2, 2, H0, 0), sw.macTable());
    }

    @Test
    void aFrameForAHostOnTheIngressPortIsFiltered() {
        send(0, H0, Frames.BROADCAST);
        send(0, H3, H0); // H3 and H0 both behind port 0 (say, a hub)
        assertEquals(1, sw.filtered());
        assertArrayEquals(new int[] {0, 1, 1, 1}, received());
    }

    @Test
    void aHostThatMovesIsRelearned() {
        send(1, H1, Frames.BROADCAST);
        assertEquals(1, sw.lookup(H1));
        send(3, H1, Frames.BROADCAST);
        assertEquals(3, sw.lookup(H1));
    }

    @Test
    void entriesAgeOut() {
        sw.setAgeingTime(Time.s(10));
        send(1, H1, Frames.BROADCAST);
        loop.runFor(Time.s(9));
        assertEquals(1, sw.lookup(H1));
        send(2, H2, Frames.BROADCAST);
        loop.runFor(Time.s(2));
        assertEquals(-1, sw.lookup(H1), "not seen for 11 s, ageing time 10 s");
        assertEquals(Map.of(H2, 2), sw.macTable());
        int before = hosts[3].frames.size();
        send(0, H0, H1);
        assertEquals(before + 1, hosts[3].frames.size(), "an aged-out destination is flooded again");
    }

    @Test
    void aPortLosingCarrierForgetsItsAddresses() {
        send(1, H1, Frames.BROADCAST);
        wires[1].unplugCable();
        assertEquals(-1, sw.lookup(H1));
    }

    @Test
    void framesTooShortForAHeaderAreCountedAsRunts() {
        hosts[0].send(new byte[10]);
        loop.runUntilIdle();
        assertEquals(1, sw.runts());
        assertArrayEquals(new int[] {0, 0, 0, 0}, received());
    }
}
