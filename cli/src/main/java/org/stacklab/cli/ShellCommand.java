package org.stacklab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.scenario.Topology;
import org.stacklab.syscall.Scheduler;
import org.stacklab.userland.Programs;
import org.stacklab.userland.shell.ScenarioShellTopology;
import org.stacklab.userland.shell.Shell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stacklab shell}: a prompt over a scenario where the user types {@code h1 ping h2},
 * {@code h2 nc -l 80 &}, {@code h1 ss -tan}, {@code trace on}, {@code run 5s}. With
 * {@code --script FILE} it runs the file's commands instead (echoing each), which is how it is
 * tested and how a lab can hand out a walkthrough. Line editing and history come from JLine; on a
 * dumb terminal or a pipe it reads plain lines.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "A prompt over emulated hosts: h1 ping h2, h2 nc -l 80 &, h1 ss -tan, trace on, run 5s, help.")
public final class ShellCommand implements Callable<Integer> {
    @Option(names = "--script", paramLabel = "FILE", description = "Run the commands in FILE (one a line, # comments), then exit.")
    Path script;

    @Option(names = "--html", paramLabel = "FILE",
            description = "On exit, write a self-contained HTML report: a packet ladder per TCP connection and one for ARP, ICMP and UDP, between every two hosts.")
    Path html;

    @Option(names = "--seed", defaultValue = "42", description = "Scenario seed (same seed, same run). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--use", paramLabel = "COMPONENT=IMPL,...", description = "Module choices, e.g. tcp=student,ip=reference.")
    String use;

    @Option(names = "--topology", defaultValue = "two-hosts",
            description = "two-hosts (h1, h2 on a switch, 10.0.0.0/24) or routed (h1 - r1 - h2). Default: ${DEFAULT-VALUE}.")
    String topologyName;

    /** Virtual time the hosts run before the prompt (the links come up within microseconds). */
    static final long BOOT_NS = 1_000_000L;

    private final PrintStream out;

    public ShellCommand() { this(System.out); }

    ShellCommand(PrintStream out) { this.out = out; }

    @Override
    public Integer call() throws IOException {
        String bad = org.stacklab.cli.UseOption.check(use, new org.stacklab.grader.LabCatalog(org.stacklab.grader.LabCatalog.defaultRoot()));
        if (bad != null) {
            System.err.println("shell: " + bad);
            return 2;
        }
        ModuleSet modules = ModuleSet.parse(ModuleSet.REFERENCE, use);
        Topology topo = switch (topologyName) {
            case "two-hosts" -> Topology.twoHostsOnSwitch(seed, modules);
            case "routed" -> Topology.routed(seed, modules);
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "unknown topology '" + topologyName + "' (two-hosts or routed)");
        };
        // Boot: let the NICs finish link negotiation before the first prompt, as a machine would
        // have by the time someone logs in.
        topo.run(BOOT_NS);
        Shell shell = new Shell(new ScenarioShellTopology(topo), s -> {
            out.print(s);
            out.flush();
        });
        try {
            if (script != null) {
                try (Reader r = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
                    return shell.echo(true).runScript(r) == 0 ? 0 : 1;
                }
            }
            out.println("StackLab shell, seed " + seed + ". Hosts: " + String.join(", ", new ScenarioShellTopology(topo).hosts())
                    + ". Type 'help'.");
            interactive(shell);
            return 0;
        } finally {
            if (html != null) {
                // Before the jobs are killed: their connections' last frames are part of the story.
                org.stacklab.report.html.TraceReport.of(topo, "StackLab shell \u2014 seed " + seed).write(html);
                out.println("HTML report written to " + html + " (open it in a browser)");
            }
            Scheduler.of(topo.loop()).killAll();
            topo.close();
        }
    }

    private void interactive(Shell shell) throws IOException {
        if (System.console() == null) { // a pipe: plain lines, no editing, each echoed like a script
            BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            shell.echo(true).runScript(r);
            return;
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            java.util.List<String> words = new java.util.ArrayList<>(Programs.names());
            words.addAll(java.util.List.of("help", "hosts", "jobs", "kill", "run", "trace", "exit"));
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("stacklab")
                    .completer(new StringsCompleter(words)).build();
            while (true) {
                String line;
                try {
                    line = reader.readLine("stacklab> ");
                } catch (UserInterruptException e) {
                    continue; // ^C clears the line, as in bash
                } catch (EndOfFileException e) {
                    return; // ^D
                }
                String l = line.strip();
                if (l.equals("exit") || l.equals("quit")) return;
                if (!l.isEmpty() && !l.startsWith("#")) shell.execute(l);
            }
        }
    }
}
