package org.stacklab.syscall;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.sim.EventLoop;

/**
 * The one CPU of a scenario: runs its processes one at a time, in a fixed order, interleaved with
 * the event loop, so a run with several blocking programs is as deterministic as the loop itself.
 *
 * <p>Each process has its own Java thread, but only the holder of the CPU runs: the scheduler
 * resumes a process and waits until it blocks, exits or uses up its time slice. When no process
 * can run, the scheduler runs events until some blocked process's condition holds or its timeout
 * passes, checking processes in spawn order. The same seed therefore gives the same interleaving,
 * the same packets and the same output.
 */
public final class Scheduler {
    /** System calls a process may make before it is preempted (its time slice). */
    public static final int QUANTUM = 256;

    /**
     * One scheduler per loop. The value is held weakly too: a scheduler refers to its loop, so a
     * strong value would keep every finished scenario (hosts, their memory) alive for good. The
     * processes of a host keep its scheduler alive ({@link Processes} holds it).
     */
    private static final Map<EventLoop, WeakReference<Scheduler>> BY_LOOP = new WeakHashMap<>();

    private final EventLoop loop;
    private final List<Task> tasks = new ArrayList<>();
    private Thread driver;
    private long cpuWallLimitMs = 30_000;

    private Scheduler(EventLoop loop) {
        this.loop = loop;
    }

    /** The scheduler of the scenario that {@code loop} drives. */
    public static Scheduler of(EventLoop loop) {
        synchronized (BY_LOOP) {
            WeakReference<Scheduler> ref = BY_LOOP.get(loop);
            Scheduler s = ref == null ? null : ref.get();
            if (s == null) {
                s = new Scheduler(loop);
                BY_LOOP.put(loop, new WeakReference<>(s));
            }
            return s;
        }
    }

    public EventLoop loop() { return loop; }

    /** Starts {@code program} as a root process on {@code host} (it runs when the scenario runs). */
    public Task spawn(Kernel host, String name, Program program, String... argv) {
        return Processes.on(host).spawn(name, program, argv);
    }

    /** Live processes, in spawn order (the order in which they get the CPU). */
    public List<Task> tasks() { return List.copyOf(tasks); }

    /**
     * Wall-clock time one process may hold the CPU without blocking (a program stuck in a loop
     * that makes no system call); after it the process is stopped with SIGXCPU.
     */
    public void setCpuWallLimitMs(long ms) { cpuWallLimitMs = ms; }

    void add(Task t) { tasks.add(t); }

    void remove(Task t) { tasks.remove(t); }

    /**
     * Runs processes and events until every process has exited or {@code timeoutNs} of virtual
     * time passed. Returns whether all exited.
     */
    public boolean runUntilAllExit(long timeoutNs) { return runUntil(tasks::isEmpty, timeoutNs); }

    /** Runs processes and events for {@code ns} of virtual time. */
    public void runFor(long ns) {
        long end = loop.now() + ns;
        runUntil(() -> false, ns);
        if (loop.now() < end) loop.runFor(end - loop.now());
    }

    /**
     * Runs processes and events until {@code done} holds or {@code timeoutNs} (Long.MAX_VALUE: no
     * limit) of virtual time passed. Returns whether {@code done} holds; false also when nothing can
     * happen any more (every process waits for an event that will never come).
     */
    public boolean runUntil(BooleanSupplier done, long timeoutNs) {
        if (driver != null) {
            throw new IllegalStateException("the scheduler is already running (on " + driver.getName()
                    + "); a process cannot run the scenario itself");
        }
        long end = timeoutNs == Long.MAX_VALUE || loop.now() + timeoutNs < 0 ? Long.MAX_VALUE : loop.now() + timeoutNs;
        driver = Thread.currentThread();
        try {
            while (true) {
                if (done.getAsBoolean()) return true;
                Task t = nextReady();
                if (t != null) {
                    resume(t);
                    continue;
                }
                long now = loop.now();
                if (now >= end) return false;
                long until = Math.min(end, earliestDeadline());
                boolean woke = loop.runUntil(() -> done.getAsBoolean() || nextReady() != null,
                        until == Long.MAX_VALUE ? Long.MAX_VALUE : until - now);
                if (!woke && until == Long.MAX_VALUE) return done.getAsBoolean(); // nothing can ever happen
            }
        } finally {
            driver = null;
        }
    }

    /** Kills every live process and lets each one exit (closing its sockets). */
    public void killAll() {
        for (Task t : List.copyOf(tasks)) t.kill();
        runUntil(tasks::isEmpty, 0);
    }

    private Task nextReady() {
        long now = loop.now();
        for (Task t : tasks) if (t.readyToRun(now)) return t;
        return null;
    }

    private long earliestDeadline() {
        long d = Long.MAX_VALUE;
        for (Task t : tasks) if (t.state == Task.State.BLOCKED) d = Math.min(d, t.deadline);
        return d;
    }

    /** Gives the CPU to {@code t} and waits until it gives it back. */
    private void resume(Task t) {
        Task.State was = t.state;
        t.state = Task.State.RUNNING;
        if (was == Task.State.NEW) {
            Thread th = new Thread(t::threadMain, t.hostname() + ":" + t.name() + "[" + t.pid() + "]");
            th.setDaemon(true);
            t.thread = th;
            th.start();
        } else {
            t.wake.release();
        }
        try {
            if (!t.yielded.tryAcquire(cpuWallLimitMs, TimeUnit.MILLISECONDS)) runaway(t);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + t + " ran", e);
        }
    }

    /**
     * A process held the CPU too long without a system call (an endless loop). Stop its thread, as
     * the kernel would deliver SIGXCPU, and go on with the others.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private void runaway(Task t) throws InterruptedException {
        t.kernel.log().warn(t + " killed: held the CPU for " + cpuWallLimitMs + " ms of wall time without a system call");
        try {
            t.thread.stop();
        } catch (UnsupportedOperationException e) {
            // Newer JVMs cannot stop a thread; abandon it (it is a daemon) and go on.
        }
        if (!t.yielded.tryAcquire(1, TimeUnit.SECONDS)) t.finish(128 + Task.SIGXCPU);
    }
}
