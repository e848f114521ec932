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
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;
import org.stacklab.userland.UserFiles;
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
        List<String> tokens;
        try {
            tokens = tokenize(line.strip());
        } catch (IllegalArgumentException e) {
            out.accept("stacklab: " + e.getMessage() + "\n");
            return 2;
        }
        if (tokens.contains(PIPE) || tokens.contains(OUT) || tokens.contains(APPEND) || tokens.contains(IN)) {
            return pipeline(tokens);
        }
        List<String> words = new ArrayList<>();
        for (String t : tokens) words.add(t.equals(BACKGROUND) ? "&" : t.equals(HERE_STRING) ? "<<<" : t);
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
                "  HOST PROG ... | PROG ...     a pipeline (grep, head, tail, wc, cat...); stages run one after another",
                "  HOST PROG ... > FILE         output to a file (>> appends), < FILE reads one",
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

    // Operator tokens: a NUL first, so no word the user types (quoted or not) can be mistaken for one.
    static final String PIPE = "\0|", OUT = "\0>", APPEND = "\0>>", IN = "\0<", HERE_STRING = "\0<<<", BACKGROUND = "\0&";

    /**
     * Splits a line into words and operators as a POSIX shell's lexer would, for the syntax this
     * shell has: {@code |}, {@code >}, {@code >>}, {@code <}, {@code <<<} and a final {@code &}. Quotes
     * ({@code "..."} and {@code '...'}) make operator characters ordinary. Anything else a shell
     * would treat specially ({@code ;}, {@code &&}, {@code ||}, {@code 2>}, {@code <<}, {@code $(...)},
     * backquotes, a {@code &} before the end) is refused with IllegalArgumentException, so it is
     * never silently passed to a program as an argument.
     */
    static List<String> tokenize(String line) {
        List<String> t = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean any = false;
        char quote = 0;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else cur.append(c);
                continue;
            }
            if (c == '"' || c == '\'') { quote = c; any = true; continue; }
            if (Character.isWhitespace(c)) {
                if (any) { t.add(cur.toString()); cur.setLength(0); any = false; }
                continue;
            }
            String op = null;
            if (c == '|') {
                if (i + 1 < n && line.charAt(i + 1) == '|') throw unsupported("||");
                op = PIPE;
            } else if (c == '>') {
                if (any && (cur.toString().equals("2") || cur.toString().equals("1") || cur.toString().equals("&"))) {
                    throw unsupported(cur + ">");
                }
                if (i + 1 < n && line.charAt(i + 1) == '>') { op = APPEND; i++; }
                else if (i + 1 < n && line.charAt(i + 1) == '&') throw unsupported(">&");
                else op = OUT;
            } else if (c == '<') {
                if (line.startsWith("<<<", i)) { op = HERE_STRING; i += 2; }
                else if (line.startsWith("<<", i)) throw unsupported("<< (here-document)");
                else op = IN;
            } else if (c == '&') {
                if (line.substring(i + 1).isBlank()) op = BACKGROUND;
                else throw unsupported(i + 1 < n && line.charAt(i + 1) == '&' ? "&&" : "& before the end of the line");
            } else if (c == ';') {
                throw unsupported(";");
            } else if (c == '`' || (c == '$' && i + 1 < n && line.charAt(i + 1) == '(')) {
                throw unsupported("command substitution");
            }
            if (op == null) {
                cur.append(c);
                any = true;
                continue;
            }
            if (any) { t.add(cur.toString()); cur.setLength(0); any = false; }
            if (op.equals(HERE_STRING)) {
                // bash's here-string: the rest of the line (one word as written) is the input.
                String rest = line.substring(i + 1).strip();
                t.add(op);
                List<String> words = split(rest);
                t.add(String.join(" ", words));
                return t;
            }
            t.add(op);
        }
        if (quote != 0) throw new IllegalArgumentException("unterminated quote " + quote);
        if (any) t.add(cur.toString());
        return t;
    }

    private static IllegalArgumentException unsupported(String what) {
        return new IllegalArgumentException("'" + what + "' is not supported by this shell (it has | > >> < <<< and a final &)");
    }

    /** One stage of a pipeline: where it runs, its argv. */
    private record Stage(String host, List<String> argv) {}

    /**
     * {@code HOST CMD ... [< FILE] | CMD ... | CMD ... [> FILE | >> FILE]}. Every stage runs on the
     * first stage's host unless it names another; each stage's standard output is the next one's
     * input. Deliberately simpler than a real shell: the stages run one after another (each to its
     * end, in virtual time), not side by side, and a pipeline cannot run in the background; stderr
     * goes to the terminal. The status is the last stage's, as in sh.
     */
    private int pipeline(List<String> tokens) {
        if (tokens.contains(BACKGROUND)) {
            out.accept("stacklab: a pipeline or redirection cannot run in the background here ('&')\n");
            return 2;
        }
        String inFile = null, outFile = null, hereString = null;
        boolean append = false;
        List<List<String>> parts = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals(PIPE)) {
                if (cur.isEmpty() || outFile != null) return syntax("|");
                parts.add(cur);
                cur = new ArrayList<>();
            } else if (t.equals(OUT) || t.equals(APPEND) || t.equals(IN)) {
                if (i + 1 >= tokens.size() || tokens.get(i + 1).startsWith("\0")) return syntax("newline");
                String f = tokens.get(++i);
                if (t.equals(IN)) {
                    if (!parts.isEmpty()) return unsupportedHere("'<' on a later stage of a pipeline");
                    inFile = f;
                } else {
                    outFile = f;
                    append = t.equals(APPEND);
                }
            } else if (t.equals(HERE_STRING)) {
                if (!parts.isEmpty()) return unsupportedHere("'<<<' on a later stage of a pipeline");
                hereString = tokens.get(++i) + "\n";
            } else {
                cur.add(t); // as in sh, a word after a redirection is still an argument
            }
        }
        if (cur.isEmpty()) return syntax(parts.isEmpty() ? "newline" : "|");
        parts.add(cur);

        List<Stage> stages = new ArrayList<>();
        String host = null;
        for (List<String> part : parts) {
            if (topo.kernel(part.get(0)) != null) {
                host = part.get(0);
                part = part.subList(1, part.size());
            } else if (host == null) {
                out.accept("stacklab: " + part.get(0) + ": no such host or command (try 'help' or 'hosts')\n");
                return 127;
            }
            if (part.isEmpty()) {
                out.accept("usage: " + host + " COMMAND [ARGS...]\n");
                return 2;
            }
            if (Programs.lookup(part.get(0)) == null) {
                out.accept(part.get(0) + ": command not found\n");
                return 127;
            }
            stages.add(new Stage(host, part));
        }

        String input = hereString;
        if (inFile != null) {
            StringBuilder content = new StringBuilder();
            String path = inFile;
            int rc = runInternal(stages.get(0).host(), (proc, argv) -> {
                String text = readFile(proc, path);
                if (text == null) return 1;
                content.append(text);
                return 0;
            });
            if (rc != 0) return 1;
            input = content.toString();
        }
        int status = 0;
        for (Stage st : stages) {
            StringBuilder captured = new StringBuilder();
            String[] argv = st.argv().toArray(new String[0]);
            ShellTopology.ShellJob job = topo.spawn(st.host(), Programs.lookup(argv[0]), argv, captured::append, out,
                    false, input == null ? "" : input);
            if (!job.finished()) {
                job.kill();
                out.accept("stacklab: " + st.host() + " " + String.join(" ", argv)
                        + ": still running; a pipeline's stages run one after another here, so it was stopped\n");
                return 1;
            }
            status = job.exitStatus();
            input = captured.toString();
        }
        if (outFile == null) {
            out.accept(input);
            return status;
        }
        String path = outFile, text = input;
        boolean app = append;
        int rc = runInternal(stages.get(stages.size() - 1).host(), (proc, argv) -> writeFile(proc, path, text, app));
        return rc != 0 ? 1 : status;
    }

    private int syntax(String near) {
        out.accept("stacklab: syntax error near unexpected token `" + near + "'\n");
        return 2;
    }

    private int unsupportedHere(String what) {
        out.accept("stacklab: " + what + " is not supported by this shell\n");
        return 2;
    }

    /** Runs a step of the shell itself (opening a redirection's file) as a process on {@code host}, through its syscalls. */
    private int runInternal(String host, Program p) {
        ShellTopology.ShellJob job = topo.spawn(host, p, new String[] {"sh"}, out, out, false, "");
        return job.finished() ? job.exitStatus() : 1;
    }

    private static String readFile(UserProcess proc, String path) {
        Syscalls sys = proc.sys();
        int fd = sys.open(path, Syscalls.O_RDONLY);
        if (fd < 0) {
            proc.eprintln("stacklab: " + path + ": " + UserFiles.strerror(fd));
            return null;
        }
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = sys.read(fd, buf, 0, buf.length)) > 0) b.write(buf, 0, n);
        sys.close(fd);
        if (n < 0) {
            proc.eprintln("stacklab: " + path + ": " + UserFiles.strerror(n));
            return null;
        }
        return b.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** sh's {@code > FILE} / {@code >> FILE}: open(O_WRONLY|O_CREAT|O_TRUNC or O_APPEND), then write. */
    private static int writeFile(UserProcess proc, String path, String text, boolean append) {
        Syscalls sys = proc.sys();
        int fd = sys.open(path, Syscalls.O_WRONLY | Syscalls.O_CREAT | (append ? Syscalls.O_APPEND : Syscalls.O_TRUNC));
        if (fd < 0) {
            proc.eprintln("stacklab: " + path + ": " + UserFiles.strerror(fd));
            return 1;
        }
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int off = 0;
        while (off < b.length) {
            int n = sys.write(fd, b, off, b.length - off);
            if (n < 0) {
                proc.eprintln("stacklab: " + path + ": " + UserFiles.strerror(n));
                sys.close(fd);
                return 1;
            }
            off += n;
        }
        sys.close(fd);
        return 0;
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
