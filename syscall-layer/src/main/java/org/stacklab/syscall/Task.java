package org.stacklab.syscall;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.stacklab.kernel.core.Kernel;

/**
 * A process on one emulated host ({@code task_struct}): pid, uid, command, fd table, console, and
 * the thread its program runs on. Only one process in a scenario runs at a time: the
 * {@link Scheduler} hands the CPU over, and a process gives it back when it blocks, exits, or has
 * used its time slice.
 */
public final class Task implements UserProcess {
    public enum State { NEW, RUNNING, RUNNABLE, BLOCKED, EXITED }

    public static final int ROOT = 0;
    /** The uid of an ordinary user (the first user account on a Debian system). */
    public static final int USER = 1000;
    public static final int SIGKILL = 9, SIGSEGV = 11, SIGXCPU = 24;

    final Processes procs;
    final Kernel kernel;
    final Scheduler sched;
    private final int pid;
    private final int uid;
    private final String name;
    private final List<String> argv;
    private final Program program;
    final FdTable fds = new FdTable();
    private final Console console = new Console();
    private final TaskSyscalls sys;

    Thread thread;
    volatile State state = State.NEW;
    /** Released by the scheduler to let this task run; the task releases {@link #yielded} to give the CPU back. */
    final Semaphore wake = new Semaphore(0);
    final Semaphore yielded = new Semaphore(0);
    BooleanSupplier waitCondition;
    long deadline;
    volatile boolean killed;
    private int killStatus;
    private int exitStatus = -1;
    private long syscalls;
    private int sinceYield;
    private long syscallLimit = 200_000_000L;

    Task(Processes procs, int pid, int uid, String name, Program program, String[] argv) {
        this.procs = procs;
        this.kernel = procs.kernel();
        this.sched = procs.scheduler();
        this.pid = pid;
        this.uid = uid;
        this.name = name;
        this.program = program;
        this.argv = List.of(argv);
        this.sys = new TaskSyscalls(this);
        fds.install(new FileDescription(console.stdinFile(), Syscalls.O_RDONLY), 0);
        fds.install(new FileDescription(console.outputFile(false), Syscalls.O_WRONLY), 1);
        fds.install(new FileDescription(console.outputFile(true), Syscalls.O_WRONLY), 2);
    }

    // ------------------------------------------------------------------ what a program sees

    @Override
    public Syscalls sys() { return sys; }

    @Override
    public int pid() { return pid; }

    @Override
    public String hostname() { return kernel.hostname(); }

    @Override
    public void print(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sys.write(1, b, 0, b.length);
    }

    @Override
    public void eprint(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sys.write(2, b, 0, b.length);
    }

    /** exit(2): ends the program now with {@code status}. */
    public void exit(int status) { throw new TaskExit(status & 0xff); }

    // ------------------------------------------------------------------ what the scenario sees

    public int uid() { return uid; }

    /** The command name (comm), as ps and ss show it. */
    public String name() { return name; }

    public List<String> argv() { return argv; }

    public Kernel kernel() { return kernel; }

    public Console console() { return console; }

    public String stdout() { return console.stdout(); }

    public String stderr() { return console.stderr(); }

    public FdTable fds() { return fds; }

    public State state() { return state; }

    public boolean exited() { return state == State.EXITED; }

    /** The exit status (128 + signal if killed), or -1 while running. */
    public int exitStatus() { return exitStatus; }

    /** System calls made so far. */
    public long syscalls() { return syscalls; }

    /** Like RLIMIT_CPU: after this many system calls the process is killed with SIGXCPU. */
    public void setSyscallLimit(long n) { syscallLimit = n; }

    /** kill -9: the process ends at its next system call or when its blocking call is woken. */
    public void kill() { kill(SIGKILL); }

    public void kill(int signal) {
        if (state == State.EXITED || killed) return;
        killed = true;
        killStatus = 128 + signal;
        if (state == State.NEW) finish(killStatus);
    }

    // ------------------------------------------------------------------ running

    /** The body of the task's thread. */
    void threadMain() {
        int status;
        try {
            if (killed) throw new TaskExit(killStatus);
            status = program.main(this, argv.toArray(new String[0])) & 0xff;
        } catch (TaskExit e) {
            status = e.status;
        } catch (ThreadDeath e) {
            status = 128 + SIGXCPU;
        } catch (Throwable t) {
            // An uncaught exception ends only this process, as a crash would.
            status = 1;
            try {
                eprint(name + ": " + t + "\n");
            } catch (Throwable ignored) {
                // the console is gone; the status says enough
            }
        }
        try {
            finish(status);
        } finally {
            yielded.release();
        }
    }

    /** Process exit: close every fd (sockets close as on Linux), become a zombie the scenario can read. */
    void finish(int status) {
        if (state == State.EXITED) return;
        try {
            fds.closeAll();
        } catch (RuntimeException e) {
            kernel.oops("exit of " + name + "[" + pid + "]", e);
        }
        exitStatus = status;
        state = State.EXITED;
        procs.reap(this);
    }

    /** Called at the start of every system call: counts it, and preempts after a time slice. */
    void syscallEntry() {
        checkKilled();
        if (++syscalls > syscallLimit) {
            syscallLimit = Long.MAX_VALUE; // the message below is itself a write(2)
            eprint(name + ": CPU time limit exceeded\n");
            throw new TaskExit(128 + SIGXCPU);
        }
        if (++sinceYield >= Scheduler.QUANTUM && onOwnThread()) {
            // Time slice used up: let events due now run (a busy-polling program must not starve
            // the network), and let one microsecond of virtual time pass if nothing else happens.
            long mark = kernel.loop().eventsRun();
            block(() -> kernel.loop().eventsRun() > mark, 1_000);
        }
    }

    private void checkKilled() {
        if (killed && onOwnThread()) throw new TaskExit(killStatus);
    }

    boolean onOwnThread() { return thread != null && Thread.currentThread() == thread; }

    /**
     * Sleeps until {@code ready} holds or {@code timeoutNs} of virtual time pass (negative: no
     * timeout). Returns whether {@code ready} holds. A process on its own thread gives the CPU to
     * the scheduler; a foreground process (driven by the caller's thread) runs the scenario itself.
     */
    boolean block(BooleanSupplier ready, long timeoutNs) {
        if (ready.getAsBoolean()) return true;
        long now = kernel.now();
        long until = timeoutNs < 0 || now + timeoutNs < now ? Long.MAX_VALUE : now + timeoutNs;
        if (!onOwnThread()) {
            boolean ok = sched.runUntil(ready, until == Long.MAX_VALUE ? Long.MAX_VALUE : until - now);
            if (!ok && timeoutNs < 0) {
                throw new IllegalStateException(name + "[" + pid + "] on " + hostname()
                        + " would block forever: nothing left to happen in the scenario (deadlock)");
            }
            return ok;
        }
        waitCondition = ready;
        deadline = until;
        sinceYield = 0;
        state = State.BLOCKED;
        yielded.release();
        wake.acquireUninterruptibly();
        state = State.RUNNING;
        waitCondition = null;
        checkKilled();
        return ready.getAsBoolean();
    }

    /** Whether the scheduler may resume this task now. */
    boolean readyToRun(long now) {
        return switch (state) {
            case NEW, RUNNABLE -> true;
            case BLOCKED -> {
                if (killed || now >= deadline) yield true;
                try {
                    yield waitCondition.getAsBoolean();
                } catch (RuntimeException e) {
                    yield true; // let the task hit the failure itself
                }
            }
            default -> false;
        };
    }

    @Override
    public String toString() { return name + "[" + pid + "]@" + hostname(); }
}
