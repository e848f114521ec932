package org.stacklab.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EventLoopTest {
    private final EventLoop loop = EventLoop.virtual(7);
    private final List<String> ran = new ArrayList<>();

    private Runnable log(String name) {
        return () -> ran.add(name + "@" + loop.now());
    }

    @Test
    void eventsRunInTimeOrderThenInSchedulingOrder() {
        loop.schedule(30, log("c"));
        loop.schedule(10, log("a1"));
        loop.schedule(20, log("b"));
        loop.schedule(10, log("a2"));
        loop.scheduleAt(10, log("a3"));
        loop.runUntilIdle();
        assertEquals(List.of("a1@10", "a2@10", "a3@10", "b@20", "c@30"), ran);
        assertEquals(30, loop.now());
        assertEquals(5, loop.eventsRun());
    }

    @Test
    void anEventScheduledForNowRunsAfterTheOnesAlreadyQueuedForNow() {
        loop.schedule(5, () -> {
            ran.add("first");
            loop.schedule(0, log("spawned"));
        });
        loop.schedule(5, log("second"));
        loop.runUntilIdle();
        assertEquals(List.of("first", "second@5", "spawned@5"), ran);
    }

    @Test
    void cancelledTimerNeverRuns() {
        Timer t = loop.schedule(10, log("cancelled"));
        loop.schedule(20, log("kept"));
        assertTrue(t.isPending());
        t.cancel();
        assertFalse(t.isPending());
        loop.runUntilIdle();
        assertEquals(List.of("kept@20"), ran);
    }

    @Test
    void firedTimerIsNoLongerPendingAndCancelIsHarmless() {
        Timer t = loop.schedule(10, log("x"));
        loop.runUntilIdle();
        assertFalse(t.isPending());
        t.cancel();
        assertEquals(List.of("x@10"), ran);
    }

    @Test
    void manyCancelledTimersArePurgedFromTheQueue() {
        for (int i = 0; i < 10_000; i++) loop.schedule(Time.s(100) + i, log("never")).cancel();
        loop.schedule(1, log("live"));
        assertTrue(loop.queued() < 5_000, "cancelled timers should be purged, queue holds " + loop.queued());
        loop.runUntilIdle();
        assertEquals(List.of("live@1"), ran);
    }

    @Test
    void runForRunsWhatIsDueAndAdvancesTheClockToTheEnd() {
        loop.schedule(Time.ms(1), log("in"));
        loop.schedule(Time.ms(5), log("out"));
        loop.runFor(Time.ms(2));
        assertEquals(List.of("in@1000000"), ran);
        assertEquals(Time.ms(2), loop.now());
        loop.runFor(Time.ms(3));
        assertEquals(List.of("in@1000000", "out@5000000"), ran);
        assertEquals(Time.ms(5), loop.now());
    }

    @Test
    void runUntilStopsAsSoonAsTheConditionHolds() {
        int[] n = {0};
        for (int i = 1; i <= 10; i++) loop.schedule(i * 100L, () -> n[0]++);
        assertTrue(loop.runUntil(() -> n[0] == 3, Time.s(1)));
        assertEquals(300, loop.now());
        assertEquals(7, loop.queued());
    }

    @Test
    void runUntilTimesOutAtTheDeadlineWhenTheConditionNeverHolds() {
        loop.schedule(100, log("a"));
        assertFalse(loop.runUntil(() -> false, 1000));
        assertEquals(1000, loop.now(), "time jumps to the deadline, as for a process blocked on nothing");
        assertEquals(List.of("a@100"), ran);
    }

    @Test
    void runUntilDoesNotRunEventsPastTheDeadline() {
        loop.schedule(5000, log("late"));
        assertFalse(loop.runUntil(() -> false, 1000));
        assertTrue(ran.isEmpty());
        assertEquals(1000, loop.now());
    }

    @Test
    void hugeTimeoutsDoNotOverflow() {
        loop.runFor(10);
        loop.schedule(5, log("a"));
        assertFalse(loop.runUntil(() -> false, Long.MAX_VALUE - 1));
        assertEquals(List.of("a@15"), ran);
    }

    @Test
    void cannotScheduleInThePastOrWithNegativeDelay() {
        loop.runFor(100);
        assertThrows(IllegalArgumentException.class, () -> loop.scheduleAt(50, log("x")));
        assertThrows(IllegalArgumentException.class, () -> loop.schedule(-1, log("x")));
    }

    @Test
    void tracerSeesEveryEventWithItsTimeAndLabel() {
        List<String> trace = new ArrayList<>();
        loop.setTracer(t -> trace.add(t.when() + " " + t.label()));
        loop.schedule(3, () -> { }, "tx");
        loop.schedule(1, () -> { }, "rx");
        loop.runUntilIdle();
        assertEquals(List.of("1 rx", "3 tx"), trace);
    }

    @Test
    void postedEventsRunAtTheCurrentVirtualTime() {
        loop.runFor(42);
        loop.post(log("posted"));
        loop.runUntilIdle();
        assertEquals(List.of("posted@42"), ran);
    }

    @Test
    void scheduleFromAnotherThreadWhileTheLoopRunsIsRefused() throws Exception {
        AtomicBoolean refused = new AtomicBoolean();
        loop.schedule(1, () -> {
            Thread t = new Thread(() -> {
                try {
                    loop.schedule(1, log("x"));
                } catch (IllegalStateException e) {
                    refused.set(true);
                }
            });
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        loop.runUntilIdle();
        assertTrue(refused.get());
    }

    @Test
    void realTimeLoopRunsAnEventPostedFromAnotherThread() throws Exception {
        EventLoop rt = EventLoop.realTime(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean got = new AtomicBoolean();
        Thread poster = new Thread(() -> {
            try {
                started.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            rt.post(() -> got.set(true));
        });
        poster.start();
        rt.schedule(0, started::countDown);
        // the loop waits (parked, not spinning) until the post arrives; a generous bound keeps CI calm
        assertTrue(rt.runUntil(got::get, Time.s(5)));
        poster.join();
        assertTrue(rt.isRealTime());
    }

    @Test
    void realTimeVirtualClockFollowsTheWallClock() {
        EventLoop rt = EventLoop.realTime(1);
        rt.schedule(Time.ms(2), log("t"));
        long wall0 = System.nanoTime();
        rt.runUntilIdle();
        long wall = System.nanoTime() - wall0;
        assertEquals(1, ran.size());
        assertTrue(wall >= Time.ms(1), "a 2 ms real-time timer took only " + wall + " ns of wall time");
        assertTrue(rt.now() >= Time.ms(2));
    }

    @Test
    void aReusableTimerRunsOncePerScheduling() {
        Timer t = loop.newTimer(log("tick"), "tick");
        assertFalse(t.isPending());
        t.cancel(); // harmless on an idle timer
        loop.rescheduleAt(t, 10);
        assertTrue(t.isPending());
        loop.runUntilIdle();
        assertFalse(t.isPending());
        loop.rescheduleAt(t, 25);
        loop.runUntilIdle();
        assertEquals(List.of("tick@10", "tick@25"), ran);
    }

    @Test
    void reschedulingAPendingTimerMovesIt() {
        Timer t = loop.newTimer(log("t"), null);
        loop.rescheduleAt(t, 100);
        loop.rescheduleAt(t, 40);
        loop.runUntilIdle();
        assertEquals(List.of("t@40"), ran);
    }

    @Test
    void aCancelledReusableTimerCanBeScheduledAgain() {
        Timer t = loop.newTimer(log("t"), null);
        loop.rescheduleAt(t, 100);
        t.cancel();
        loop.rescheduleAt(t, 200);
        loop.runUntilIdle();
        assertEquals(List.of("t@200"), ran);
        assertEquals(0, loop.queued());
    }

    @Test
    void aTimerMayRescheduleItselfFromItsOwnAction() {
        Timer[] t = new Timer[1];
        int[] n = {0};
        t[0] = loop.newTimer(() -> {
            if (++n[0] < 5) loop.rescheduleAt(t[0], loop.now() + 10);
        }, "self");
        loop.rescheduleAt(t[0], 0);
        loop.runUntilIdle();
        assertEquals(5, n[0]);
        assertEquals(40, loop.now());
    }

    @Test
    void aRescheduledTimerRunsAfterEventsAlreadyQueuedForTheSameTime() {
        Timer t = loop.newTimer(log("reused"), null);
        loop.schedule(10, log("first"));
        loop.rescheduleAt(t, 10);
        loop.runUntilIdle();
        assertEquals(List.of("first@10", "reused@10"), ran);
    }
}
