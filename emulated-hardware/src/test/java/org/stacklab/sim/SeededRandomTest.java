package org.stacklab.sim;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SeededRandomTest {
    @Test
    void sameSeedSameSequence() {
        SeededRandom a = new SeededRandom(99), b = new SeededRandom(99);
        for (int i = 0; i < 100; i++) assertEquals(a.nextLong(), b.nextLong());
    }

    @Test
    void forkByNameIsStableAndIndependentOfDrawsOnTheParent() {
        SeededRandom a = new SeededRandom(5), b = new SeededRandom(5);
        b.nextLong();
        b.nextLong();
        assertEquals(a.fork("link1").nextLong(), b.fork("link1").nextLong());
        assertNotEquals(a.fork("link1").nextLong(), a.fork("link2").nextLong());
        assertNotEquals(new SeededRandom(5).fork("x").nextLong(), new SeededRandom(6).fork("x").nextLong());
    }

    @Test
    void chanceHonoursItsBounds() {
        SeededRandom r = new SeededRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertFalse(r.chance(0));
            assertTrue(r.chance(1));
        }
        int hits = 0;
        for (int i = 0; i < 10_000; i++) if (r.chance(0.25)) hits++;
        assertTrue(hits > 2200 && hits < 2800, "25% of 10000 draws gave " + hits);
    }
}
