package org.stacklab.syscall;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.Sock;

/** The process table of one host: pids, spawning, and who holds which socket (for ss -p). */
public final class Processes {
    /** The first pid given to a user process (lower ones belong to the system in a real boot). */
    public static final int FIRST_PID = 100;

    private final Kernel kernel;
    private final Scheduler scheduler;
    private final List<Task> live = new ArrayList<>();
    private final List<Task> exited = new ArrayList<>();
    private int nextPid = FIRST_PID;

    private Processes(Kernel kernel) {
        this.kernel = kernel;
        this.scheduler = Scheduler.of(kernel.loop());
    }

    public static Processes on(Kernel kernel) { return kernel.subsystem(Processes.class, () -> new Processes(kernel)); }

    public Kernel kernel() { return kernel; }

    public Scheduler scheduler() { return scheduler; }

    /** Starts {@code program} as root; it runs when the scenario's {@link Scheduler} runs. */
    public Task spawn(String name, Program program, String... argv) { return spawnAs(Task.ROOT, name, program, argv); }

    public Task spawnAs(int uid, String name, Program program, String... argv) {
        Task t = new Task(this, nextPid++, uid, name, program, argv);
        live.add(t);
        scheduler.add(t);
        return t;
    }

    /**
     * A process driven by the caller's own thread (a test, a one-shot command): its system calls
     * run right away, and a blocking one runs the scenario, including other processes, until it
     * can complete.
     */
    public Task foreground(String name, int uid) {
        Task t = new Task(this, nextPid++, uid, name, null, new String[] {name});
        t.state = Task.State.RUNNING;
        live.add(t);
        return t;
    }

    void reap(Task t) {
        live.remove(t);
        exited.add(t);
        scheduler.remove(t);
    }

    /** Running processes in pid order. */
    public List<Task> tasks() { return List.copyOf(live); }

    public List<Task> exitedTasks() { return List.copyOf(exited); }

    public Task byPid(int pid) {
        for (Task t : live) if (t.pid() == pid) return t;
        return null;
    }

    /** One process's fd holding a socket: ss prints it as {@code users:(("nc",pid=101,fd=3))}. */
    public record SocketUser(String command, int pid, int fd, int uid) {
        @Override
        public String toString() { return "(\"" + command + "\",pid=" + pid + ",fd=" + fd + ")"; }
    }

    /** Every (process, fd) that refers to {@code sock}, in pid and fd order. */
    public List<SocketUser> usersOf(Sock sock) {
        List<SocketUser> out = new ArrayList<>();
        for (Task t : live) {
            for (int fd : t.fds.openFds()) {
                OpenFile f = t.fds.file(fd);
                if (f != null && f.sock() == sock) out.add(new SocketUser(t.name(), t.pid(), fd, t.uid()));
            }
        }
        return out;
    }
}
