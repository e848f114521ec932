package org.stacklab.userland.shell;

import java.util.List;
import java.util.function.Consumer;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.sim.EventLoop;
import org.stacklab.syscall.Program;

/**
 * What the shell needs of a scenario: its hosts by name, their kernels, the one event loop, and a
 * way to start a program as a process on a host. The scenario's topology builder and the syscall
 * layer's process scheduler provide it; the shell itself never touches sockets or devices.
 */
public interface ShellTopology {
    /** Host names in the order {@code hosts} lists them. */
    List<String> hosts();

    /** The kernel of {@code host}, or null if there is no such host. */
    Kernel kernel(String host);

    EventLoop loop();

    /** Lets the scenario run for {@code ns} of virtual time, processes included ({@code run 5s}). */
    default void runFor(long ns) { loop().runFor(ns); }

    /**
     * Starts {@code program} with {@code argv} as a process on {@code host} as root; everything it
     * writes to fd 1 or 2 goes to {@code console} as it is written. A foreground job runs until it
     * exits (the scenario runs meanwhile, in virtual time) or until nothing more can happen for it
     * (it waits for input that never comes); a background job only starts, and runs while the
     * shell runs the scenario ({@code run 5s}) or waits for a later foreground job.
     *
     * <p>{@code stdin} is what the process reads on fd 0, then end of file; null means no input: a
     * foreground job reads /dev/null, a background job a terminal nobody types on (it stays open,
     * so {@code nc -l 80 &} keeps its connection until killed).
     */
    ShellJob spawn(String host, Program program, String[] argv, Consumer<String> console, boolean background, String stdin);

    /**
     * As {@link #spawn(String, Program, String[], Consumer, boolean, String)}, with fd 1 and fd 2
     * apart: a pipeline's stage writes its output to the next stage and its errors to the terminal.
     * A topology that cannot keep them apart may run the program with both on {@code stdout} only
     * when they are the same consumer.
     */
    default ShellJob spawn(String host, Program program, String[] argv, Consumer<String> stdout, Consumer<String> stderr,
                           boolean background, String stdin) {
        if (stdout != stderr) throw new UnsupportedOperationException("this topology cannot keep stdout and stderr apart");
        return spawn(host, program, argv, stdout, background, stdin);
    }

    /** A started process as the shell's job table shows it. */
    interface ShellJob {
        int pid();

        boolean finished();

        /** The exit status once finished. */
        int exitStatus();

        /** Stops a background job (the shell's {@code kill %N}); no-op if it has finished. */
        void kill();
    }
}
