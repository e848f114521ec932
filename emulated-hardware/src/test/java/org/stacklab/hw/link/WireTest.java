package org.stacklab.hw.link;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

class WireTest {
    private final EventLoop loop = EventLoop.virtual(1);
    private final RecordingPort a = new RecordingPort(loop, "a");
    private final RecordingPort b = new RecordingPort(loop, "b");
    private static final long A = 0x020000000001L, B = 0x020000000002L;

    private static byte[] frame(int len) { return Frames.build(B, A, 0x88B5, len); }

    @Test
    void serializationTimeCountsPreambleFcsAndInterFrameGap() {
        LinkSpec g = LinkSpec.gigabit();
        assertEquals((1514 + 24) * 8, g.serializationNs(1514));
        assertEquals((60 + 24) * 8, g.serializationNs(20), "short frames occupy the wire as 60-byte frames");
        assertEquals(123_040, LinkSpec.fastEthernet().serializationNs(1514));
    }

    @Test
    void aFrameArrivesAfterSerializationPlusPropagation() {
        LinkSpec spec = LinkSpec.gigabit().withDelay(Time.us(50));
        Wire.connect(loop, a, b, spec);
        byte[] f = frame(1000);
        long ready = a.send(f);
        assertEquals(spec.serializationNs(1000), ready, "the sender may go again when its last bit is out");
        loop.runUntilIdle();
        assertEquals(List.of(spec.serializationNs(1000) + Time.us(50)), b.times);
        assertSame(f, b.frames.get(0));
    }

    @Test
    void framesQueueBehindEachOtherAtTheLinkRate() {
        LinkSpec spec = LinkSpec.fastEthernet();
        Wire w = Wire.connect(loop, a, b, spec);
        for (int i = 0; i < 5; i++) a.send(frame(500));
        loop.runUntilIdle();
        long ser = spec.serializationNs(500);
        for (int i = 0; i < 5; i++) assertEquals((i + 1) * ser + spec.propagationNs(), b.times.get(i));
        assertEquals(5, w.counters(a).frames());
        assertEquals(2500, w.counters(a).bytes());
    }

    @Test
    void bothDirectionsAreIndependent() {
        Wire.connect(loop, a, b, LinkSpec.gigabit());
        a.send(frame(1000));
        b.send(Frames.build(A, B, 0x88B5, 1000));
        loop.runUntilIdle();
        assertEquals(b.times, a.times, "full duplex: neither waits for the other");
    }

    @Test
    void framesOverTheMtuAreDroppedAndCounted() {
        Wire w = Wire.connect(loop, a, b, LinkSpec.gigabit());
        a.send(frame(1515));
        a.send(frame(1514));
        loop.runUntilIdle();
        assertEquals(1, b.frames.size());
        assertEquals(1514, b.frames.get(0).length);
        assertEquals(1, w.counters(a).oversize());
        assertEquals(1514, a.link.maxFrame());
    }

    @Test
    void aFullTransmitQueueTailDrops() {
        Wire w = Wire.connect(loop, a, b, LinkSpec.gigabit().withTxQueueLen(3));
        for (int i = 0; i < 10; i++) a.send(frame(1000));
        loop.runUntilIdle();
        assertEquals(4, b.frames.size(), "one serializing plus three queued");
        assertEquals(6, w.counters(a).queueDrops());
    }

    @Test
    void pullingTheCableDropsCarrierAndLosesFramesInFlight() {
        Wire w = Wire.connect(loop, a, b, LinkSpec.gigabit().withDelay(Time.ms(1)));
        assertEquals(1, a.plugs);
        a.send(frame(100));
        loop.runFor(Time.us(10));
        w.unplugCable();
        assertEquals(1, a.unplugs);
        assertEquals(1, b.unplugs);
        loop.runUntilIdle();
        assertTrue(b.frames.isEmpty());
        assertEquals(1, w.counters(a).lostInFlight());

        w.plugCable();
        assertEquals(2, b.plugs);
        a.send(frame(100));
        loop.runUntilIdle();
        assertEquals(1, b.frames.size());
    }

    @Test
    void manyFramesInFlightOnALongFatLink() {
        // 10 Gbit/s over 10 ms: thousands of frames on the wire at once
        LinkSpec spec = new LinkSpec(10_000_000_000L, Time.ms(10), 1500, 100_000);
        Wire.connect(loop, a, b, spec);
        for (int i = 0; i < 5000; i++) {
            byte[] f = frame(1514);
            f[20] = (byte) i;
            f[21] = (byte) (i >> 8);
            a.send(f);
        }
        loop.runUntilIdle();
        assertEquals(5000, b.frames.size());
        for (int i = 0; i < 5000; i++) {
            byte[] f = b.frames.get(i);
            assertEquals(i, (f[20] & 0xff) | (f[21] & 0xff) << 8, "frames stay in order");
        }
    }

    @Test
    void specRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> LinkSpec.gigabit().withBandwidth(0));
        assertThrows(IllegalArgumentException.class, () -> LinkSpec.gigabit().withMtu(10));
        assertThrows(IllegalArgumentException.class, () -> LinkSpec.gigabit().withDelay(-1));
    }
}
