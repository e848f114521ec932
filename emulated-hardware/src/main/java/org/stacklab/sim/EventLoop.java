package org.stacklab.sim;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The discrete-event loop that drives a whole scenario on one virtual clock.
 *
 * <p>Events are ordered by (time, sequence number): two events at the same nanosecond run in the
 * order they were scheduled, so a run is a pure function of its inputs and its seed. Virtual time
 * only moves when the loop takes the next event; a two-minute TCP timeout costs microseconds.
 *
 * <p>In {@linkplain #realTime(long) real-time mode} virtual time follows the wall clock and other
 * threads (the TAP bridge's reader) may {@link #post(Runnable)} events; everything else still runs
 * on the one thread that runs the loop. The clock starts when the loop first runs, not when it is
 * made: set-up (booting hosts, opening the TAP, JIT warm-up) can take a second, and timers armed
 * during it (an ARP retry, a SYN's RTO) must not all fall due, in a burst, the moment the loop runs.
 */
public final class EventLoop {
    private final EventQueue queue = new EventQueue();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final SeededRandom random;
    private final boolean realTime;
    private final WallClock wall;
    /** Wall-clock reading at which virtual time {@code wallBase} was; set when the loop first runs. */
    private long wallStart;
    private long wallBase;
    private boolean clockStarted;
    private volatile Thread loopThread;
    private long now;
    private long seq;
    private long eventsRun;
    /** Cancelled timers still in the queue; purged in bulk when they are the majority. */
    private int cancelledQueued;
    /** Dead timers tolerated before a purge is considered at all. */
    private static final int PURGE_MIN = 32;
    private Consumer<Timer> tracer;

    private EventLoop(long seed, boolean realTime, WallClock wall) {
        this.random = new SeededRandom(seed);
        this.realTime = realTime;
        this.wall = wall;
    }

    /** Where a real-time loop reads the wall clock and how it waits; a test passes a fake one. */
    public interface WallClock {
        /** A monotonic reading in ns ({@link System#nanoTime()}). */
        long nanoTime();

        /** Waits up to {@code ns} or until {@link LockSupport#unpark unparked}. */
        void park(Object blocker, long ns);

        WallClock SYSTEM = new WallClock() {
            @Override public long nanoTime() { return System.nanoTime(); }
            @Override public void park(Object blocker, long ns) { LockSupport.parkNanos(blocker, ns); }
        };
    }

    /** A loop on a purely virtual clock (tests, the demo, benchmarks). */
    public static EventLoop virtual(long seed) { return new EventLoop(seed, false, WallClock.SYSTEM); }

    /** A loop whose virtual time follows the wall clock, for the TAP bridge and interactive use. */
    public static EventLoop realTime(long seed) { return new EventLoop(seed, true, WallClock.SYSTEM); }

    /** A real-time loop on the given wall clock (tests use a fake one, so they never sleep). */
    public static EventLoop realTime(long seed, WallClock wall) { return new EventLoop(seed, true, wall); }

    /** Current virtual time in nanoseconds. */
    public long now() { return now; }

    public boolean isRealTime() { return realTime; }

    /** The scenario's seed. */
    public long seed() { return random.seed(); }

    /** The scenario's root random source; components should {@link SeededRandom#fork fork} a named stream. */
    public SeededRandom random() { return random; }

    /** Events run so far (for benchmarks: events per wall second). */
    public long eventsRun() { return eventsRun; }

    /** Number of live and cancelled events still queued. */
    public int queued() { return queue.size(); }

    /** Observe every event as it runs (determinism checks compare these traces). */
    public void setTracer(Consumer<Timer> tracer) { this.tracer = tracer; }

    /** Runs {@code action} {@code delayNs} after now. */
    public Timer schedule(long delayNs, Runnable action) { return schedule(delayNs, action, null); }

    public Timer schedule(long delayNs, Runnable action, String label) {
        if (delayNs < 0) throw new IllegalArgumentException("negative delay " + delayNs + "ns");
        return scheduleAt(now + delayNs, action, label);
    }

    /** Runs {@code action} at virtual time {@code when} (not before now). */
    public Timer scheduleAt(long when, Runnable action) { return scheduleAt(when, action, null); }

    public Timer scheduleAt(long when, Runnable action, String label) {
        checkThread();
        if (when < now) throw new IllegalArgumentException("cannot schedule in the past: " + when + " < now " + now);
        Timer t = new Timer(this, when, seq++, action, label);
        t.queued = true;
        queue.add(t);
        return t;
    }

    /**
     * A timer that is not scheduled yet; {@link #rescheduleAt} schedules it, again and again. For
     * per-frame hardware events, so the hot path does not allocate.
     */
    public Timer newTimer(Runnable action, String label) {
        return new Timer(this, now, -1, action, label);
    }

    /**
     * Schedules {@code t} (made by {@link #newTimer} or {@link #schedule}) to run at {@code when}. A
     * timer still pending is moved; a fresh sequence number orders it after events already queued
     * for the same time.
     */
    public void rescheduleAt(Timer t, long when) {
        checkThread();
        if (when < now) throw new IllegalArgumentException("cannot schedule in the past: " + when + " < now " + now);
        if (t.queued) {
            queue.remove(t); // O(log n): the timer knows its slot
            if (t.cancelled()) cancelledQueued--;
        }
        t.revive(when, seq++);
        queue.add(t);
    }

    /**
     * Posts an event from any thread. In real-time mode this is how outside input (a TAP frame)
     * enters the scenario; it runs at the virtual time at which the loop picks it up.
     */
    public void post(Runnable action) {
        inbox.add(action);
        Thread t = loopThread;
        if (t != null) LockSupport.unpark(t);
    }

    /** Runs events until none are left. In real-time mode, returns when nothing is queued or posted. */
    public void runUntilIdle() {
        enter();
        try {
            while (step(Long.MAX_VALUE)) { /* keep going */ }
        } finally {
            leave();
        }
    }

    /** Runs every event due within the next {@code durationNs}, then sets the clock to that time. */
    public void runFor(long durationNs) {
        if (durationNs < 0) throw new IllegalArgumentException("negative duration " + durationNs + "ns");
        long end = deadline(durationNs);
        enter();
        try {
            while (true) {
                if (!step(end)) {
                    if (realTime && wallNow() < end) { waitForWork(end); continue; }
                    break;
                }
            }
            if (now < end) now = end;
        } finally {
            leave();
        }
    }

    /**
     * Runs events until {@code condition} holds (checked before each event) or {@code timeoutNs} of
     * virtual time pass. Returns whether the condition holds. If the loop runs dry first, time jumps
     * to the deadline, as it would for a process blocked on nothing.
     */
    public boolean runUntil(BooleanSupplier condition, long timeoutNs) {
        if (timeoutNs < 0) throw new IllegalArgumentException("negative timeout " + timeoutNs + "ns");
        long end = deadline(timeoutNs);
        enter();
        try {
            while (!condition.getAsBoolean()) {
                if (!step(end)) {
                    if (realTime && wallNow() < end) { waitForWork(end); continue; }
                    if (end != Long.MAX_VALUE && now < end) now = end;
                    return condition.getAsBoolean();
                }
            }
            return true;
        } finally {
            leave();
        }
    }

    /** Runs the single next event if it is due at or before {@code limit}. Returns false if none ran. */
    public boolean step(long limit) {
        if (!clockStarted && realTime) startClock();
        drainInbox();
        Timer t;
        while ((t = queue.peek()) != null && t.cancelled()) {
            queue.poll();
            t.queued = false;
            cancelledQueued--;
        }
        if (t == null || t.when > limit) return false;
        if (realTime) {
            long wall = wallNow();
            if (t.when > wall) {
                waitForWork(Math.min(t.when, limit));
                return true; // re-evaluate: something may have been posted meanwhile
            }
        }
        queue.poll();
        now = Math.max(now, t.when);
        t.queued = false;
        eventsRun++;
        if (tracer != null) tracer.accept(t);
        t.action.run();
        return true;
    }

    /** now + d, saturating at Long.MAX_VALUE (a huge timeout means "no deadline", not a negative one). */
    private long deadline(long d) {
        long end = now + d;
        return end < now ? Long.MAX_VALUE : end;
    }

    /**
     * A queued timer was cancelled; drop dead timers in bulk when they outnumber live ones. The purge
     * costs O(queue) once per queue/2 cancels, O(1) per cancel amortized; purging early keeps the heap
     * (whose every add and poll is O(log size)) near the live events, which TCP, cancelling a timer per
     * segment, would otherwise bury under a thousand dead ones.
     */
    void cancelled() {
        cancelledQueued++;
        if (cancelledQueued > PURGE_MIN && cancelledQueued > queue.size() / 2) {
            queue.removeIf(t -> {
                if (!t.cancelled()) return false;
                t.queued = false;
                return true;
            });
            cancelledQueued = 0;
        }
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            long at = realTime ? Math.max(now, wallNow()) : now;
            Timer t = new Timer(this, at, seq++, r, "posted");
            t.queued = true;
            queue.add(t);
        }
    }

    private void waitForWork(long until) {
        long wait = until - wallNow();
        if (wait > 0 && inbox.isEmpty()) wall.park(this, Math.min(wait, 50 * Time.MS));
        now = Math.max(now, Math.min(wallNow(), until));
    }

    /** Virtual time the wall clock says it is: the time the loop started plus the wall time since. */
    private long wallNow() { return clockStarted ? wallBase + (wall.nanoTime() - wallStart) : now; }

    /** Real-time mode: virtual time starts counting now, from where it stands (the loop's first run). */
    private void startClock() {
        if (clockStarted || !realTime) return;
        wallStart = wall.nanoTime();
        wallBase = now;
        clockStarted = true;
    }

    private int depth;

    private void enter() {
        if (depth++ == 0) {
            loopThread = Thread.currentThread();
            startClock();
        } else {
            checkThread();
        }
    }

    private void leave() {
        if (--depth == 0) loopThread = null;
    }

    private void checkThread() {
        Thread t = loopThread;
        if (t != null && t != Thread.currentThread()) {
            throw new IllegalStateException("the event loop runs on " + t.getName()
                    + "; other threads must use post(), not schedule()");
        }
    }
}
