package org.stacklab.hw.nic;

import static org.junit.jupiter.api.Assertions.*;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.sim.SeededRandom;
import org.stacklab.sim.Time;

/**
 * Random frame sizes, buffer sizes and driver timing against both rings, with a fixed seed: every
 * frame either arrives intact and in order or is counted as missed (MPC), never anything else.
 */
class E1000RingStressTest {
    @Test
    void framesArriveIntactInOrderOrAreCountedAsMissed() {
        int missedSomewhere = 0;
        for (long seed = 1; seed <= 5; seed++) missedSomewhere += runOnce(seed);
        assertTrue(missedSomewhere > 0, "the driver's random pauses should overrun the RX ring at least once");
    }

    /** Returns the frames B missed. */
    private int runOnce(long seed) {
        SeededRandom rnd = new SeededRandom(seed);
        int ring = 8 * (1 + rnd.nextInt(4));
        NicPair p = new NicPair(seed, LinkSpec.gigabit().withMtu(9000), ring, ring);
        int[] bsizes = {RCTL_BSIZE_2048, RCTL_BSIZE_1024, RCTL_BSIZE_512, RCTL_BSIZE_256};
        int rctl = p.nicB.mmio().read32(RCTL) & ~RCTL_BSIZE_MASK;
        p.nicB.mmio().write32(RCTL, rctl | RCTL_LPE | bsizes[rnd.nextInt(4)]);

        ArrayDeque<byte[]> sent = new ArrayDeque<>();
        int received = 0;
        for (int i = 0; i < 400; i++) {
            int len = 14 + rnd.nextInt(2048 - 14);
            byte[] f = NicPair.frame(len, i);
            if (p.a.send(f)) sent.add(f.length < 60 ? Arrays.copyOf(f, 60) : f);
            p.loop.runFor(rnd.nextInt(30) * Time.US / 10);
            if (rnd.chance(0.6)) received += drain(p, sent, seed);
        }
        p.loop.runUntilIdle();
        received += drain(p, sent, seed);
        int missed = p.nicB.mmio().read32(MPC);
        assertEquals(p.a.sent(), received + missed, "seed " + seed + ": every frame sent is received or counted missed");
        assertTrue(p.nicA.faults().isEmpty() && p.nicB.faults().isEmpty(), "seed " + seed);
        return missed;
    }

    /** Polls B's ring; each frame must be the oldest still-outstanding frame, or one after skipped (missed) ones. */
    private static int drain(NicPair p, ArrayDeque<byte[]> outstanding, long seed) {
        int n = 0;
        byte[] got;
        while ((got = p.b.poll()) != null) {
            byte[] want;
            do {
                want = outstanding.poll();
                assertNotNull(want, "seed " + seed + ": received a frame nobody sent");
            } while (!Arrays.equals(want, got) && seq(want) < seq(got));
            assertArrayEquals(want, got, "seed " + seed + ": frame " + seq(got) + " damaged or out of order");
            n++;
        }
        return n;
    }

    private static int seq(byte[] f) { return (f[14] & 0xff) << 8 | (f[15] & 0xff); }
}
