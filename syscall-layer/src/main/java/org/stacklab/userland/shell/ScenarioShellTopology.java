package org.stacklab.userland.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.Topology;
import org.stacklab.sim.EventLoop;
import org.stacklab.syscall.MemoryFs;
import org.stacklab.syscall.Processes;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.Scheduler;
import org.stacklab.syscall.Task;
import org.stacklab.syscall.Vfs;

/**
 * The shell over a real scenario: the hosts of a {@link Topology}, programs run as processes of
 * the syscall layer ({@link Processes}), and time advanced by the scenario's {@link Scheduler} so
 * background processes ({@code h2 nc -l 80 &}) run while a foreground one waits.
 */
public final class ScenarioShellTopology implements ShellTopology {
    /** Virtual time a foreground job may run before the shell gives the prompt back (it keeps running). */
    public static final long FOREGROUND_LIMIT_NS = 600_000_000_000L;

    private final Topology topology;

    public ScenarioShellTopology(Topology topology) {
        this.topology = topology;
        // Every host gets a tmpfs at / for the files a session writes ("h1 ss -tan > /tmp/ss.txt");
        // /proc, /dev/stacklab and any file system a scenario mounted keep their longer mount points.
        for (Host h : topology.hosts()) {
            Vfs vfs = Vfs.of(h.kernel());
            if (!vfs.mounts().containsKey("")) vfs.mount("/", new MemoryFs());
        }
    }

    public Topology topology() { return topology; }

    @Override
    public List<String> hosts() {
        List<String> names = new ArrayList<>();
        for (Host h : topology.hosts()) names.add(h.name());
        return names;
    }

    @Override
    public Kernel kernel(String host) {
        for (Host h : topology.hosts()) if (h.name().equals(host)) return h.kernel();
        return null;
    }

    @Override
    public EventLoop loop() { return topology.loop(); }

    @Override
    public void runFor(long ns) { Scheduler.of(topology.loop()).runFor(ns); }

    @Override
    public ShellJob spawn(String host, Program program, String[] argv, Consumer<String> console, boolean background,
                          String stdin) {
        return spawn(host, program, argv, console, console, background, stdin);
    }

    @Override
    public ShellJob spawn(String host, Program program, String[] argv, Consumer<String> stdout, Consumer<String> stderr,
                          boolean background, String stdin) {
        Task t = Processes.on(kernel(host)).spawn(argv[0], program, argv);
        t.console().onStdout(stdout);
        t.console().onStderr(stderr);
        if (stdin != null) t.console().type(stdin);
        else if (background) t.console().openStdin();
        if (!background) Scheduler.of(topology.loop()).runUntil(t::exited, FOREGROUND_LIMIT_NS);
        return new ShellJob() {
            @Override public int pid() { return t.pid(); }
            @Override public boolean finished() { return t.exited(); }
            @Override public int exitStatus() { return t.exitStatus(); }
            @Override public void kill() {
                t.kill();
                Scheduler.of(topology.loop()).runUntil(t::exited, 0);
            }
        };
    }
}
