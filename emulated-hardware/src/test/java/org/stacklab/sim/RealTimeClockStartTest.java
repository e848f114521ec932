package org.stacklab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real-time clock starts when the loop first runs, not when it is made: timers armed during
 * set-up fall due that long after the loop starts, never in a burst at once (issue 13, item 4). A
 * fake wall clock, whose park() moves it forward, keeps the test off the real clock.
 */
class RealTimeClockStartTest {
    /** A wall clock that only moves when the loop waits on it (or the test moves it). */
    static final class FakeWall implements EventLoop.WallClock {
        long t = 5_000_000_000L; // any origin
        final List<Long> parks = new ArrayList<>();

        @Override public long nanoTime() { return t; }

        @Override public void park(Object blocker, long ns) {
            parks.add(ns);
            t += ns;
        }
    }

    @Test
    void timersArmedDuringSetUpFallDueMeasuredFromTheLoopsStart() {
        FakeWall wall = new FakeWall();
        EventLoop loop = EventLoop.realTime(1, wall);
        List<Long> fired = new ArrayList<>();
        // Set-up arms a 1 s timer (say, a SYN's RTO) and then takes 3 s of wall time before the loop runs.
        loop.schedule(Time.s(1), () -> fired.add(loop.now()));
        loop.schedule(Time.ms(1), () -> fired.add(loop.now()));
        wall.t += Time.s(3);
        long started = wall.t;

        assertTrue(loop.runUntil(() -> fired.size() == 2, Time.s(10)));
        assertEquals(List.of(Time.ms(1), Time.s(1)), fired, "each timer at its own time, not both at once");
        assertEquals(Time.s(1), wall.t - started, "the 1 s timer waited 1 s of wall time after the loop started");
        assertEquals(Time.s(1), loop.now());
    }

    @Test
    void virtualTimeFollowsTheWallClockOnceStarted() {
        FakeWall wall = new FakeWall();
        EventLoop loop = EventLoop.realTime(1, wall);
        loop.runFor(0);                      // the loop starts: virtual 0 = this wall instant
        wall.t += Time.ms(250);              // between runs the wall clock keeps going
        List<Long> fired = new ArrayList<>();
        loop.schedule(0, () -> fired.add(loop.now()));
        loop.runFor(0);
        assertEquals(List.of(0L), fired, "scheduled at virtual 0, run at once");
        loop.post(() -> fired.add(loop.now()));
        assertTrue(loop.runUntil(() -> fired.size() == 2, Time.s(1)));
        assertEquals(Time.ms(250), fired.get(1), "a posted event runs at the wall clock's virtual time");
    }

    @Test
    void aVirtualLoopIgnoresTheWallClock() {
        FakeWall wall = new FakeWall();
        EventLoop loop = EventLoop.virtual(1);
        List<Long> fired = new ArrayList<>();
        loop.schedule(Time.s(100), () -> fired.add(loop.now()));
        loop.runUntilIdle();
        assertEquals(List.of(Time.s(100)), fired);
        assertTrue(wall.parks.isEmpty());
    }
}
