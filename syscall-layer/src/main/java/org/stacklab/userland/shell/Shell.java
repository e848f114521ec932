package org.stacklab.userland.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.InetIfAddr;
import org.stacklab.syscall.Program;
import org.stacklab.userland.EtcHosts;
import org.stacklab.userland.Programs;

/**
 * The StackLab shell: an interpreter over a topology where each line is either a command run on a
 * host ({@code h1 ping -c 3 h2}, {@code h2 nc -l 80 &}) or a shell built-in ({@code run 5s},
 * {@code trace on}, {@code hosts}, {@code jobs}, {@code help}). The same interpreter reads a script
 * file (one command a line, {@code #} comments), which is how it is tested; interactive line
 * editing is a thin layer on top.
 *
 * <p>Every host's /etc/hosts names every host of the topology, so {@code ping h2} resolves as it
 * would on a lab network.
 */
public final class Shell {
    private final ShellTopology topo;
    private final Consumer<String> out;
    private final List<Job> jobs = new ArrayList<>();
    private boolean traceOn;
    private boolean echo;

    private record Job(int id, String host, String command, ShellTopology.ShellJob job) {}

    public Shell(ShellTopology topo, Consumer<String> out) {
        this.topo = topo;
        this.out = out;
        for (String h : topo.hosts()) {
            EtcHosts hosts = EtcHosts.of(topo.kernel(h));
            // A host's own name stays on 127.0.1.1, as Debian's installer writes it.
            hostAddresses().forEach((name, addr) -> { if (!name.equals(h)) hosts.add(name, addr); });
        }
    }

    /** Print each command before its output, prefixed with the prompt (script mode). */
    public Shell echo(boolean on) {
        this.echo = on;
        return this;
    }

    /** Runs every line of a script; stops at {@code exit}. Returns the number of failed commands. */
    public int runScript(Reader script) throws IOException {
        BufferedReader r = new BufferedReader(script);
        int failures = 0;
        String line;
        while ((line = r.readLine()) != null) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            if (echo) out.accept("stacklab> " + l + "\n");
            if (l.equals("exit") || l.equals("quit")) break;
            if (execute(l) != 0) failures++;
        }
        return failures;
    }

    /** Runs one command line; returns its status (0 = success). */
    public int execute(String line) {
        List<String> words = split(line.strip());
        if (words.isEmpty()) return 0;
        boolean background = false;
        if (words.get(words.size() - 1).equals("&")) {
            background = true;
            words.remove(words.size() - 1);
        } else if (words.get(words.size() - 1).endsWith("&")) {
            String w = words.remove(words.size() - 1);
            words.add(w.substring(0, w.length() - 1));
            background = true;
        }
        String stdin = null;
        int here = words.indexOf("<<<");
        if (here >= 0) {
            // bash's here-string: the rest of the line, then a newline, is the program's stdin.
            stdin = String.join(" ", words.subList(here + 1, words.size())) + "\n";
            words = new ArrayList<>(words.subList(0, here));
        }
        if (words.isEmpty()) return 0;
        String first = words.get(0);
        switch (first) {
            case "help": help(); return 0;
            case "hosts": hosts(); return 0;
            case "jobs": jobs(); return 0;
            case "run": return run(words);
            case "trace": return trace(words);
            case "kill": return kill(words);
            default:
        }
        if (topo.kernel(first) == null) {
            out.accept("stacklab: " + first + ": no such host or command (try 'help' or 'hosts')\n");
            return 127;
        }
        if (words.size() < 2) {
            out.accept("usage: " + first + " COMMAND [ARGS...] [&]\n");
            return 2;
        }
        Program p = Programs.lookup(words.get(1));
        if (p == null) {
            out.accept(words.get(1) + ": command not found\n");
            return 127;
        }
        String[] argv = words.subList(1, words.size()).toArray(new String[0]);
        ShellTopology.ShellJob job = topo.spawn(first, p, argv, out, background, stdin);
        if (background || !job.finished()) {
            Job j = new Job(nextJobId(), first, String.join(" ", argv), job);
            jobs.add(j);
            if (background) out.accept("[" + j.id() + "] " + job.pid() + "\n");
            else out.accept("[" + j.id() + "]+  Running  " + first + " " + j.command()
                    + " (waiting for input or a peer; moved to the background, 'kill %" + j.id() + "' ends it)\n");
            return 0;
        }
        reportFinishedJobs();
        return job.exitStatus();
    }

    private int run(List<String> words) {
        if (words.size() != 2) {
            out.accept("usage: run DURATION (e.g. run 5s, run 200ms, run 50us)\n");
            return 2;
        }
        long ns;
        try {
            ns = parseDuration(words.get(1));
        } catch (IllegalArgumentException e) {
            out.accept("run: " + e.getMessage() + "\n");
            return 2;
        }
        topo.runFor(ns);
        reportFinishedJobs();
        return 0;
    }

    private int trace(List<String> words) {
        if (words.size() != 2 || !(words.get(1).equals("on") || words.get(1).equals("off"))) {
            out.accept("usage: trace on|off\n");
            return 2;
        }
        traceOn = words.get(1).equals("on");
        for (String h : topo.hosts()) {
            Kernel k = topo.kernel(h);
            // Each frame is shown once, where it leaves a host: the receiving side would repeat it.
            k.trace().setListener(traceOn ? e -> { if (e.outgoing()) out.accept("  " + h + " " + e.lineWithDevice() + "\n"); } : null);
        }
        out.accept("packet trace " + (traceOn ? "on" : "off") + "\n");
        return 0;
    }

    private int kill(List<String> words) {
        if (words.size() != 2 || !words.get(1).startsWith("%")) {
            out.accept("usage: kill %JOB\n");
            return 2;
        }
        int id;
        try {
            id = Integer.parseInt(words.get(1).substring(1));
        } catch (NumberFormatException e) {
            out.accept("kill: " + words.get(1) + ": no such job\n");
            return 1;
        }
        for (Job j : jobs) {
            if (j.id() == id && !j.job().finished()) {
                j.job().kill();
                jobs.remove(j);
                out.accept("[" + id + "]+  Terminated  " + j.host() + " " + j.command() + "\n");
                return 0;
            }
        }
        out.accept("kill: %" + id + ": no such job\n");
        return 1;
    }

    /** Like bash: one more than the highest job number in use. */
    private int nextJobId() {
        int max = 0;
        for (Job j : jobs) max = Math.max(max, j.id());
        return max + 1;
    }

    private void reportFinishedJobs() {
        for (Job j : new ArrayList<>(jobs)) {
            if (j.job().finished()) {
                int st = j.job().exitStatus();
                out.accept("[" + j.id() + "]+  " + (st == 0 ? "Done" : "Exit " + st) + "  " + j.host() + " " + j.command() + "\n");
                jobs.remove(j);
            }
        }
    }

    private void jobs() {
        for (Job j : jobs) {
            out.accept("[" + j.id() + "]  " + (j.job().finished() ? "Done   " : "Running") + "  " + j.host() + " "
                    + j.command() + " &\n");
        }
    }

    private void hosts() {
        for (String h : topo.hosts()) {
            StringBuilder sb = new StringBuilder(h);
            for (NetDevice d : topo.kernel(h).devices()) {
                for (InetIfAddr a : d.addresses()) sb.append("  ").append(d.name()).append(' ').append(a);
            }
            out.accept(sb.append('\n').toString());
        }
    }

    private void help() {
        out.accept(String.join("\n",
                "Commands:",
                "  HOST PROGRAM [ARGS...] [&]   run a program on a host (& = in the background)",
                "  HOST PROGRAM ... <<< TEXT    ... with TEXT (and a newline) as its input",
                "      programs: " + String.join(" ", Programs.names()),
                "      e.g. h1 ping -c 3 h2 | h2 nc -l 80 & | h1 ss -tan | h1 ip addr | h1 cat /proc/interrupts",
                "  run DURATION                 let the scenario run (5s, 200ms, 50us) in virtual time",
                "  trace on|off                 print every frame as it leaves a host, tcpdump style",
                "  hosts                        list the hosts and their addresses",
                "  jobs, kill %N                background jobs",
                "  help, exit",
                "") + "\n");
    }

    /** Each host's first address on each non-loopback device, the names /etc/hosts gives every host. */
    private Map<String, Integer> hostAddresses() {
        Map<String, Integer> seen = new java.util.LinkedHashMap<>();
        for (String h : topo.hosts()) {
            for (NetDevice d : topo.kernel(h).devices()) {
                if (d.type() == NetDevice.ARPHRD_LOOPBACK) continue;
                for (InetIfAddr a : d.addresses()) seen.putIfAbsent(h, a.address());
            }
        }
        return seen;
    }

    /** "5s", "200ms", "50us", "1000ns", a bare number is seconds. */
    static long parseDuration(String s) {
        String num = s;
        long unit = 1_000_000_000L;
        if (s.endsWith("ms")) { unit = 1_000_000L; num = s.substring(0, s.length() - 2); }
        else if (s.endsWith("us")) { unit = 1_000L; num = s.substring(0, s.length() - 2); }
        else if (s.endsWith("ns")) { unit = 1L; num = s.substring(0, s.length() - 2); }
        else if (s.endsWith("s")) { num = s.substring(0, s.length() - 1); }
        try {
            double v = Double.parseDouble(num);
            if (v < 0) throw new NumberFormatException();
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration '" + s + "' (write 5s, 200ms, 50us)");
        }
    }

    /** Splits on blanks, keeping "double quoted" words together. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false, any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') { quoted = !quoted; any = true; continue; }
            if (!quoted && Character.isWhitespace(c)) {
                if (any) { words.add(cur.toString()); cur.setLength(0); any = false; }
                continue;
            }
            cur.append(c);
            any = true;
        }
        if (any) words.add(cur.toString());
        return words;
    }
}
