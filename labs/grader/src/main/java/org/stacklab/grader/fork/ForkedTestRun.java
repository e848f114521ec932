package org.stacklab.grader.fork;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.stacklab.grader.TestOutcome;

/**
 * Runs a lab's planned tests in child JVMs ({@link ChildMain}) and supervises them. The plan (which
 * tests, their points) is the grader's, found in the course's build ({@link TestPlanner}); the
 * child is only asked to run tests by id and to say how each ended. Every test gets a wall-clock
 * limit, and the lab a budget for all its tests together; a child that overruns either, stops
 * answering, exits, crashes or breaks the protocol is killed, the test it was running fails with
 * the reason, and a fresh child runs the tests that are left while the budget lasts. Every planned
 * test ends with exactly one outcome, and a verdict counts only for the test the child said it had
 * started.
 */
public final class ForkedTestRun {
    /**
     * What to run and how.
     *
     * @param studentClasses the student's class folder, last on the class path and sandboxed (null: none)
     * @param workDir        the child's working directory (a fresh, empty folder)
     * @param runAs          run the child as this unprivileged user (via runuser; the grader is root), or null
     */
    public record Spec(String lab, List<Path> classpath, Path studentClasses, Map<String, String> systemProperties,
                       Duration testTimeout, Duration budget, String maxHeap, Path workDir, String runAs) {}

    /** Progress, for the terminal. */
    public interface Listener {
        default void planned(List<PlannedTest> tests) {}
        default void started(PlannedTest t) {}
        default void finished(TestOutcome o) {}
    }

    /** What one test may print and say, in the report (Gradescope shows it; results.json stays small). */
    public static final int OUTPUT_LIMIT = 64 * 1024;
    /** The longest protocol line the grader reads: a test's output and message, with room for JSON escapes. */
    static final int LINE_LIMIT = 8 * OUTPUT_LIMIT;
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Object EOF = new Object();

    private final Spec spec;
    private final Listener listener;
    private final Map<String, PlannedTest> plan = new LinkedHashMap<>();
    private final Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
    private final Map<String, String> classFailures = new LinkedHashMap<>();
    private long budgetEnds;
    private boolean sandboxed;

    public ForkedTestRun(Spec spec, Listener listener) {
        this.spec = spec;
        this.listener = listener;
    }

    /** Whether the last child ran with the sandbox (false on a JDK without a Security Manager). */
    public boolean sandboxed() { return sandboxed; }

    /** Runs {@code tests} and returns one outcome per test, in the order given. */
    public List<TestOutcome> run(List<PlannedTest> tests) throws IOException {
        for (PlannedTest t : tests) plan.put(t.id(), t);
        listener.planned(tests);
        budgetEnds = System.nanoTime() + spec.budget().toNanos();
        int fruitless = 0;
        while (!remaining().isEmpty()) {
            if (System.nanoTime() >= budgetEnds) {
                for (String id : remaining()) {
                    record(plan.get(id), false, "not run: the lab's time budget (" + seconds(spec.budget())
                            + " of wall-clock time for all its tests) ran out before this test's turn", "", 0);
                }
                break;
            }
            int before = outcomes.size();
            ChildResult r = runChild();
            List<String> left = remaining();
            if (left.isEmpty()) break;
            if (r.reason() == null) {
                // The child finished normally, but some tests never ran: their class failed or was skipped.
                for (String id : left) {
                    PlannedTest t = plan.get(id);
                    String why = classFailures.getOrDefault(t.container(), "the test did not run");
                    record(t, false, "not run: " + why, "", 0);
                }
                break;
            }
            if (outcomes.size() == before) {
                // No progress: the child dies before its first test (in a class's set-up, or at start).
                String failing = r.runningClass() != null ? r.runningClass() : plan.get(left.get(0)).container();
                for (String id : left) {
                    PlannedTest t = plan.get(id);
                    if (t.container().equals(failing)) record(t, false, r.reason(), r.tail(), 0);
                }
                if (remaining().size() == left.size() || ++fruitless >= 3) {
                    for (String id : remaining()) record(plan.get(id), false, r.reason(), r.tail(), 0);
                }
            }
        }
        List<TestOutcome> out = new ArrayList<>();
        for (PlannedTest t : tests) out.add(outcomes.get(t.id()));
        return out;
    }

    private List<String> remaining() {
        return plan.keySet().stream().filter(id -> !outcomes.containsKey(id)).toList();
    }

    /** How one child ended: reason == null when it reported "done". */
    private record ChildResult(String reason, String runningClass, String tail) {}

    private ChildResult runChild() throws IOException {
        String token = HexFormat.of().formatHex(SecureRandom.getSeed(16));
        Socket socket;
        Process child;
        OutputTail tail;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            child = start(server.getLocalPort());
            tail = OutputTail.drain(child.getInputStream());
            try (OutputStream stdin = child.getOutputStream()) {
                stdin.write((token + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the child already died; handled below
            }
            server.setSoTimeout((int) Math.max(1, Math.min(START_LIMIT.toMillis(), millisLeft())));
            try {
                socket = server.accept();
            } catch (SocketTimeoutException e) {
                kill(child);
                String why = millisLeft() <= 0
                        ? "not run: the lab's time budget (" + seconds(spec.budget()) + " of wall-clock time for all its tests)"
                          + " ran out while a test JVM was starting"
                        : "the test JVM did not start within " + START_LIMIT.toSeconds() + " s";
                return new ChildResult(why, null, tail.text());
            }
        } // the server closes here: one connection per child, no second caller is ever heard
        try (socket) {
            return supervise(child, socket, token, tail);
        } finally {
            kill(child);
        }
    }

    private long millisLeft() { return (budgetEnds - System.nanoTime()) / 1_000_000; }

    private Process start(int port) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (spec.runAs() != null) cmd.addAll(List.of("runuser", "-u", spec.runAs(), "--"));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + spec.maxHeap());
        cmd.add("-Xss4m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");   // a real OOM ends the JVM at once instead of wedging it
        cmd.add("-XX:TieredStopAtLevel=1");       // graded tests are short: start-up beats peak speed
        cmd.add("-Xshare:auto");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Djava.io.tmpdir=" + spec.workDir());
        // No worker threads in the common pool: a parallel stream runs in its caller, and async
        // tasks need a thread of their own, which the sandbox refuses to student code.
        cmd.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=0");
        if (spec.studentClasses() != null && Sandbox.supported()) {
            cmd.add("-Djava.security.manager=allow");
            cmd.add("-Dstacklab.sandbox.student=" + spec.studentClasses());
        }
        spec.systemProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        List<Path> cp = new ArrayList<>(spec.classpath());
        if (spec.studentClasses() != null) cp.add(spec.studentClasses());   // last: it shadows nothing
        cmd.add(String.join(java.io.File.pathSeparator, cp.stream().map(Path::toString).toList()));
        cmd.add(ChildMain.class.getName());
        cmd.add(Integer.toString(port));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(spec.workDir().toFile());
        pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("LANG") && !k.startsWith("LC_"));
        pb.environment().put("HOME", spec.workDir().toString());
        return pb.start();
    }

    private ChildResult supervise(Process child, Socket socket, String token, OutputTail tail) throws IOException {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        InputStream raw = new java.io.BufferedInputStream(socket.getInputStream());
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = readLine(raw)) != null; ) events.add(JsonParser.parseString(line).getAsJsonObject());
            } catch (IOException | RuntimeException e) {
                // closed, garbled or too long: treat as the end
            }
            events.add(EOF);
        }, "grader-channel");
        reader.setDaemon(true);
        reader.start();
        OutputStream toChild = socket.getOutputStream();

        PlannedTest running = null;
        String runningClass = null;
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        String phase = "starting";
        boolean authenticated = false;
        while (true) {
            Object ev;
            long until = Math.min(deadline, budgetEnds);
            try {
                ev = events.poll(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while grading", e);
            }
            if (ev == null) {  // a deadline passed
                kill(child);
                boolean budget = budgetEnds <= deadline;
                String why;
                if (budget) {
                    why = "timed out: the lab's time budget (" + seconds(spec.budget()) + " of wall-clock time for all"
                            + " its tests) ran out during this test, so the grader stopped it.";
                } else if (running != null) {
                    why = "timed out: the test did not finish within " + seconds(spec.testTimeout())
                            + " of wall-clock time, so the grader stopped it. Look for a loop that never ends"
                            + " (a condition that never becomes true, or a wait for an event that never comes).";
                } else {
                    why = "the test JVM stopped answering while " + phase + "; the grader stopped it.";
                }
                if (running != null) record(running, false, why, "", spec.testTimeout().toNanos() / 1e9);
                return new ChildResult(why, runningClass, tail.text());
            }
            if (ev == EOF) {
                String why = endedReason(child, running, tail);
                if (running != null) record(running, false, why, capturedHint(tail), 0);
                return new ChildResult(why, runningClass, tail.text());
            }
            JsonObject m = (JsonObject) ev;
            String type = str(m, "type");
            if (!authenticated) {
                if (!"hello".equals(type) || !token.equals(str(m, "token"))) {
                    kill(child);
                    return new ChildResult("the test JVM did not identify itself", null, tail.text());
                }
                authenticated = true;
                sandboxed = m.has("sandbox") && m.get("sandbox").getAsBoolean();
                JsonObject run = new JsonObject();
                JsonArray ids = new JsonArray();
                remaining().forEach(ids::add);
                run.add("run", ids);
                send(toChild, run);
                // Until the first test starts the child finds its tests by id and loads their classes:
                // on a busy machine that can take longer than one test may.
                phase = "loading the tests";
                deadline = System.nanoTime() + START_LIMIT.toNanos();
                continue;
            }
            String violation = null;
            switch (type == null ? "" : type) {
                case "start" -> {
                    String id = str(m, "id");
                    if ("test".equals(str(m, "kind"))) {
                        if (running != null) violation = "a second test started before the first one finished";
                        else if (!plan.containsKey(id) || outcomes.containsKey(id)) violation = "it started a test the grader did not ask for";
                        else {
                            running = plan.get(id);
                            listener.started(running);
                        }
                    } else {
                        runningClass = id;
                    }
                    deadline = System.nanoTime() + spec.testTimeout().toNanos();
                }
                case "finish" -> {
                    String id = str(m, "id");
                    String status = str(m, "status");
                    if ("test".equals(str(m, "kind"))) {
                        if (running == null || !running.id().equals(id)) {
                            // A skipped test is reported without a start.
                            if ("SKIPPED".equals(status) && plan.containsKey(id) && !outcomes.containsKey(id) && running == null) {
                                record(plan.get(id), false, str(m, "message"), "", 0);
                            } else {
                                violation = "it reported a result for a test that was not running";
                            }
                        } else {
                            boolean ok = "SUCCESSFUL".equals(status);
                            String msg = str(m, "message");
                            String why = ok ? "" : (msg == null ? String.valueOf(status).toLowerCase() : msg);
                            record(running, ok, why, str(m, "output"), m.has("nanos") ? m.get("nanos").getAsLong() / 1e9 : 0);
                            running = null;
                        }
                    } else {
                        if (!"SUCCESSFUL".equals(status)) {
                            String msg = str(m, "message");
                            classFailures.put(id, msg == null ? String.valueOf(status).toLowerCase() : msg);
                        }
                        runningClass = null;
                    }
                    deadline = System.nanoTime() + spec.testTimeout().toNanos();
                }
                case "crash" -> {
                    String why = "the test run crashed: " + str(m, "message");
                    if (running != null) record(running, false, why, "", 0);
                    kill(child);
                    return new ChildResult(why, runningClass, tail.text());
                }
                case "done" -> {
                    if (running != null) violation = "it said it was done while a test was still running";
                    else return new ChildResult(null, null, tail.text());
                }
                default -> violation = "it sent a message the grader does not know";
            }
            if (violation != null) {
                kill(child);
                String why = "the test JVM broke the grader's protocol (" + violation + "); the grader stopped it";
                if (running != null) record(running, false, why, "", 0);
                return new ChildResult(why, runningClass, tail.text());
            }
        }
    }

    /** One line of the channel, refused when longer than {@link #LINE_LIMIT} bytes (no 40 MB message is read into memory). */
    private static String readLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') return b.toString(StandardCharsets.UTF_8);
            if (b.size() >= LINE_LIMIT) throw new IOException("a message longer than " + LINE_LIMIT + " bytes");
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    private void record(PlannedTest t, boolean passed, String why, String output, double seconds) {
        if (outcomes.containsKey(t.id())) return;
        StringBuilder text = new StringBuilder();
        if (!passed && why != null && !why.isBlank()) text.append(cap(why.strip(), OUTPUT_LIMIT / 2));
        if (output != null && !output.isBlank()) {
            if (text.length() > 0) text.append("\n\n");
            text.append(passed ? "" : "the test printed:\n").append(cap(output.strip(), OUTPUT_LIMIT / 2));
        }
        TestOutcome o = new TestOutcome(spec.lab(), t.id(), t.className(), t.method(), t.name(), t.points(),
                t.visibility(), t.tags(), passed, text.toString(), seconds);
        outcomes.put(t.id(), o);
        listener.finished(o);
    }

    /** {@code s} cut to {@code max} characters, with a line that says so. */
    public static String cap(String s, int max) {
        if (s.length() <= max) return s;
        return s.substring(0, max) + "\n… (cut: " + (s.length() - max) + " more characters not shown)";
    }

    private static String endedReason(Process child, PlannedTest running, OutputTail tail) {
        Integer code = null;
        try {
            if (child.waitFor(5, TimeUnit.SECONDS)) code = child.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String where = running != null ? "during this test" : "between tests";
        if (tail.text().contains("Terminating due to java.lang.OutOfMemoryError")) {
            return "ran out of memory " + where + " (the heap limit is " + "the grader's -Xmx); the JVM was stopped."
                    + " Look for a collection that grows without bound.";
        }
        return "the test JVM ended " + where + (code == null ? "" : " with exit code " + code)
                + ". Code under test must not call System.exit or Runtime.halt; the other tests were still graded.";
    }

    private static String capturedHint(OutputTail tail) {
        String t = tail.text().strip();
        if (t.isEmpty()) return "";
        String[] lines = t.split("\n");
        int from = Math.max(0, lines.length - 15);
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    }

    private static void send(OutputStream out, JsonObject m) throws IOException {
        out.write((m + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String str(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drains the child's stdout+stderr (so it never blocks) and keeps the last few kilobytes. */
    static final class OutputTail {
        private static final int KEEP = 8 * 1024;
        private final StringBuilder buf = new StringBuilder();

        static OutputTail drain(InputStream in) {
            OutputTail t = new OutputTail();
            Thread th = new Thread(() -> {
                byte[] b = new byte[8192];
                try {
                    for (int n; (n = in.read(b)) > 0; ) t.append(new String(b, 0, n, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // child gone
                }
            }, "grader-child-output");
            th.setDaemon(true);
            th.start();
            return t;
        }

        synchronized void append(String s) {
            buf.append(s);
            if (buf.length() > 2 * KEEP) buf.delete(0, buf.length() - KEEP);
        }

        synchronized String text() {
            return buf.length() > KEEP ? buf.substring(buf.length() - KEEP) : buf.toString();
        }
    }
}
