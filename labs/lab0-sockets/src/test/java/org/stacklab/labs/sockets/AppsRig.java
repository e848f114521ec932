package org.stacklab.labs.sockets;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.Topology;
import org.stacklab.sim.Time;
import org.stacklab.syscall.Processes;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.Scheduler;
import org.stacklab.syscall.Task;
import org.stacklab.testkit.TraceDir;
import org.stacklab.testkit.TracePcap;

/**
 * Two hosts on a switch running the reference kernel (driver, IPv4, UDP, TCP), and the echo
 * programs that {@code stacklab.use} chooses (the reference unless the grader or
 * {@code -Dstacklab.use=apps.echo=student} says otherwise), started as processes:
 *
 * <pre>
 *   h1 10.0.0.1 ── sw0 ── h2 10.0.0.2
 * </pre>
 *
 * Processes take turns under one scheduler on the virtual clock; a blocking call (recvfrom,
 * accept, poll) lets the scenario run until it can complete.
 */
final class AppsRig {
    final Topology t;
    final Host h1, h2;
    final Scheduler sched;
    private final List<Task> tasks = new ArrayList<>();

    AppsRig(long seed) {
        t = Topology.twoHostsOnSwitch(TraceDir.seed(seed), ModuleSet.parse(ModuleSet.REFERENCE, null));
        h1 = t.host("h1");
        h2 = t.host("h2");
        sched = Scheduler.of(t.loop());
    }

    /** Starts one of the lab's programs ({@code udp-server}, {@code udp-client}, {@code tcp-server}) on {@code h}. */
    Task start(Host h, String program, String... args) {
        Program prog = Components.create("apps.echo." + program, Program.class, t.modules());
        return spawn(h, command(program), prog, args);
    }

    /** Starts a test-side program. */
    Task spawn(Host h, String name, Program prog, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = name;
        System.arraycopy(args, 0, argv, 1, args.length);
        Task task = Processes.on(h.kernel()).spawn(name, prog, argv);
        tasks.add(task);
        return task;
    }

    static String command(String program) {
        return switch (program) {
            case "udp-server" -> "udp-echo-server";
            case "udp-client" -> "udp-echo-client";
            default -> "tcp-echo-server";
        };
    }

    void run(long ns) { sched.runFor(ns); }

    /** Runs until every process has exited (or 30 s of virtual time); false if some did not. */
    boolean runToExit() { return sched.runUntilAllExit(Time.s(30)); }

    String impl() { return t.modules().implFor("apps.echo"); }

    /** Every process with its state, exit status, stdout and stderr; then the scenario's trace and logs. */
    String explain() {
        StringBuilder sb = new StringBuilder("\n  seed " + t.seed() + " · apps.echo=" + impl()
                + " · replay: ./stacklab grade --lab lab0-sockets --seed " + t.seed() + "\n  processes:\n");
        for (Task k : tasks) {
            sb.append("    ").append(k.hostname()).append("$ ").append(String.join(" ", k.argv()))
                    .append("   [pid ").append(k.pid()).append(", ").append(k.state())
                    .append(k.exited() ? ", exit " + k.exitStatus() : "").append("]\n");
            if (!k.stdout().isEmpty()) sb.append("      stdout: ").append(k.stdout().replace("\n", "\\n")).append('\n');
            if (!k.stderr().isEmpty()) sb.append("      stderr: ").append(k.stderr().replace("\n", "\\n").replace("\tat ", "\n        at ")).append('\n');
        }
        sb.append(t.report(30).replaceAll("(?m)^", "  ")).append(pcaps());
        return sb.toString();
    }

    /** Writes each host's frames as a pcap file ({@code tcpdump -nr FILE}, Wireshark) and lists the paths. */
    String pcaps() {
        return TracePcap.writeEach("lab0-sockets-seed" + t.seed(), t);
    }

    /** The end of every test: its trace for {@code ./stacklab verify}, and processes still blocked (a
     * failing test) are killed, so their threads end. */
    void finish(TestInfo info) {
        TraceDir.write(info.getTestClass(), info.getTestMethod(), t.trace());
        sched.killAll();
    }
}
