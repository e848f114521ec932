package org.stacklab.hw.link;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

/** Each fault kind with a fixed seed: what it did to 1000 numbered frames. */
class FaultInjectorTest {
    private static final int N = 1000;
    private static final long SEED = 42;

    private EventLoop loop;
    private RecordingPort rx;
    private FaultInjector faults;

    private void run(FaultSpec spec) {
        loop = EventLoop.virtual(SEED);
        RecordingPort tx = new RecordingPort(loop, "tx");
        rx = new RecordingPort(loop, "rx");
        faults = FaultInjector.wrap(loop, "link0", rx, spec);
        Wire.connect(loop, tx, faults, LinkSpec.gigabit());
        for (int i = 0; i < N; i++) {
            tx.send(numbered(i));
            loop.runFor(Time.us(20)); // frames spaced out, so only the injector reorders
        }
        loop.runUntilIdle();
    }

    private static byte[] numbered(int i) {
        byte[] f = Frames.build(0x020000000002L, 0x020000000001L, 0x88B5, 100);
        f[14] = (byte) (i >>> 8);
        f[15] = (byte) i;
        return f;
    }

    private List<Integer> numbers() {
        List<Integer> out = new ArrayList<>();
        for (byte[] f : rx.frames) out.add((f[14] & 0xff) << 8 | (f[15] & 0xff));
        return out;
    }

    @Test
    void noFaultsPassesEverythingInOrder() {
        run(FaultSpec.NONE);
        assertEquals(N, rx.frames.size());
        assertEquals(N, faults.passed());
        for (int i = 0; i < N; i++) assertEquals(i, numbers().get(i));
    }

    @Test
    void drop() {
        run(FaultSpec.NONE.withDrop(0.1));
        assertTrue(faults.dropped() > 70 && faults.dropped() < 130, "dropped " + faults.dropped());
        assertEquals(N - faults.dropped(), rx.frames.size());
        List<Integer> got = numbers();
        for (int i = 1; i < got.size(); i++) assertTrue(got.get(i) > got.get(i - 1), "order kept");
    }

    @Test
    void duplicate() {
        run(FaultSpec.NONE.withDuplicate(0.05));
        assertTrue(faults.duplicated() > 25 && faults.duplicated() < 75, "duplicated " + faults.duplicated());
        assertEquals(N + faults.duplicated(), rx.frames.size());
        assertEquals(N, numbers().stream().distinct().count());
    }

    @Test
    void reorder() {
        run(FaultSpec.NONE.withReorder(0.05));
        assertEquals(N, rx.frames.size(), "nothing lost");
        List<Integer> got = numbers();
        int swaps = 0;
        for (int i = 1; i < got.size(); i++) if (got.get(i) < got.get(i - 1)) swaps++;
        assertEquals(faults.reordered(), swaps, "each held-back frame arrives after the next one");
        assertTrue(swaps > 25 && swaps < 75, "reordered " + swaps);
    }

    @Test
    void delayJitter() {
        loop = null;
        run(FaultSpec.NONE.withDelay(0.2, Time.us(5)));
        assertEquals(N, rx.frames.size());
        assertTrue(faults.delayed() > 150 && faults.delayed() < 250, "delayed " + faults.delayed());
        long base = LinkSpec.gigabit().serializationNs(100) + LinkSpec.gigabit().propagationNs();
        int late = 0;
        for (int k = 0; k < N; k++) {
            int i = numbers().get(k);
            long extra = rx.times.get(k) - (i * Time.us(20) + base);
            assertTrue(extra >= 0 && extra <= Time.us(5), "frame " + i + " was " + extra + " ns late");
            if (extra > 0) late++;
        }
        assertEquals(faults.delayed(), late);
    }

    @Test
    void corruptFlipsExactlyOneBitOfACopy() {
        run(FaultSpec.NONE.withCorrupt(0.1));
        assertEquals(N, rx.frames.size());
        int damaged = 0;
        for (byte[] got : rx.frames) {
            byte[] clean = numbered((got[14] & 0xff) << 8 | (got[15] & 0xff));
            int bits = 0;
            for (int j = 0; j < got.length; j++) bits += Integer.bitCount((got[j] ^ clean[j]) & 0xff);
            if (bits > 0) {
                damaged++;
                assertEquals(1, bits);
            }
        }
        // a flip in the sequence number field makes a frame look like another, undamaged one; allow for that
        assertTrue(Math.abs(damaged - faults.corrupted()) <= 3, damaged + " damaged, " + faults.corrupted() + " corrupted");
        assertTrue(faults.corrupted() > 70 && faults.corrupted() < 130, "corrupted " + faults.corrupted());
    }

    @Test
    void sameSeedSameFaultsDifferentSeedDifferentFaults() {
        FaultSpec spec = FaultSpec.NONE.withDrop(0.1).withReorder(0.05).withDuplicate(0.05);
        run(spec);
        List<Integer> first = numbers();
        run(spec);
        assertEquals(first, numbers(), "seed " + SEED + " replays exactly");

        EventLoop other = EventLoop.virtual(SEED + 1);
        RecordingPort tx = new RecordingPort(other, "tx");
        RecordingPort rx2 = new RecordingPort(other, "rx");
        Wire.connect(other, tx, FaultInjector.wrap(other, "link0", rx2, spec), LinkSpec.gigabit());
        for (int i = 0; i < N; i++) {
            tx.send(numbered(i));
            other.runFor(Time.us(20));
        }
        other.runUntilIdle();
        rx = rx2;
        assertNotEquals(first, numbers());
    }

    @Test
    void probabilitiesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.NONE.withDrop(1.5));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.NONE.withCorrupt(-0.1));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.NONE.withDelay(0.5, 0));
    }
}
