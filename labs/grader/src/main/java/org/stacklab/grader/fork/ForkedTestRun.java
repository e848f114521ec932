package org.stacklab.grader.fork;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.function.Predicate;
import org.stacklab.grader.TestOutcome;
import org.stacklab.grader.Visibility;

/**
 * Runs a lab's tests in child JVMs ({@link ChildMain}) and supervises them: every test gets a
 * wall-clock limit; a child that overruns it, stops answering, exits or crashes is killed, the
 * test it was running fails with the reason, and a fresh child runs the tests that are left.
 * Every planned test ends with exactly one outcome.
 */
public final class ForkedTestRun {
    /** What to run and how. */
    public record Spec(String lab, List<Path> classpath, List<Path> testRoots, String classPattern,
                       Map<String, String> systemProperties, Duration testTimeout, String maxHeap) {}

    /** Progress, for the terminal. */
    public interface Listener {
        default void planned(List<PlannedTest> tests) {}
        default void started(PlannedTest t) {}
        default void finished(TestOutcome o) {}
    }

    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Duration PLAN_LIMIT = Duration.ofSeconds(60);
    private static final Object EOF = new Object();

    private final Spec spec;
    private final Listener listener;
    private final Map<String, PlannedTest> plan = new LinkedHashMap<>();
    private final Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
    private final Map<String, String> classFailures = new LinkedHashMap<>();
    private boolean planKnown;
    private List<String> toRun = List.of();

    public ForkedTestRun(Spec spec, Listener listener) {
        this.spec = spec;
        this.listener = listener;
    }

    /**
     * Runs the tests {@code select} accepts (all, if null) and returns one outcome per selected test,
     * in plan order. A lab whose tests cannot even be discovered yields one failed 0-point outcome
     * that says why.
     */
    public List<TestOutcome> run(Predicate<PlannedTest> select) throws IOException {
        int fruitless = 0;
        while (true) {
            int before = outcomes.size();
            ChildResult r = runChild(select);
            if (!planKnown) {
                if (++fruitless >= 2) return List.of(unloadable(r.reason()));
                continue;
            }
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
                if (remaining().size() == left.size()) {
                    for (String id : left) record(plan.get(id), false, r.reason(), r.tail(), 0);
                }
            }
        }
        List<TestOutcome> out = new ArrayList<>();
        for (String id : toRun) out.add(outcomes.get(id));
        return out;
    }

    private List<String> remaining() {
        return toRun.stream().filter(id -> !outcomes.containsKey(id)).toList();
    }

    /** How one child ended: reason == null when it reported "done". */
    private record ChildResult(String reason, String runningClass, String tail) {}

    private ChildResult runChild(Predicate<PlannedTest> select) throws IOException {
        String token = HexFormat.of().formatHex(SecureRandom.getSeed(16));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process child = start(server.getLocalPort());
            OutputTail tail = OutputTail.drain(child.getInputStream());
            try (OutputStream stdin = child.getOutputStream()) {
                stdin.write((token + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the child already died; handled below
            }
            server.setSoTimeout((int) START_LIMIT.toMillis());
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketTimeoutException e) {
                kill(child);
                return new ChildResult("the test JVM did not start within " + START_LIMIT.toSeconds() + " s", null, tail.text());
            }
            try (socket) {
                return supervise(child, socket, token, tail, select);
            } finally {
                kill(child);
            }
        }
    }

    private Process start(int port) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + spec.maxHeap());
        cmd.add("-Xss4m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");   // a real OOM ends the JVM at once instead of wedging it
        cmd.add("-XX:TieredStopAtLevel=1");       // graded tests are short: start-up beats peak speed
        cmd.add("-Xshare:auto");
        cmd.add("-Djava.awt.headless=true");
        spec.systemProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(String.join(java.io.File.pathSeparator, spec.classpath().stream().map(Path::toString).toList()));
        cmd.add(ChildMain.class.getName());
        cmd.add(Integer.toString(port));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        return pb.start();
    }

    private ChildResult supervise(Process child, Socket socket, String token, OutputTail tail,
                                  Predicate<PlannedTest> select) throws IOException {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) events.add(JsonParser.parseString(line).getAsJsonObject());
            } catch (IOException | RuntimeException e) {
                // closed or garbled: treat as the end
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
            try {
                ev = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while grading", e);
            }
            if (ev == null) {  // deadline passed
                kill(child);
                String why = running != null
                        ? "timed out: the test did not finish within " + seconds(spec.testTimeout())
                          + " of wall-clock time, so the grader stopped it. Look for a loop that never ends"
                          + " (a condition that never becomes true, or a wait for an event that never comes)."
                        : "the test JVM stopped answering while " + phase + " (no word for "
                          + seconds(runningClass != null ? spec.testTimeout() : PLAN_LIMIT) + "); the grader stopped it.";
                if (running != null) record(running, false, why, "", spec.testTimeout().toNanos() / 1e9);
                return new ChildResult(why, runningClass, tail.text());
            }
            if (ev == EOF) {
                String why = endedReason(child, running, tail);
                if (running != null) record(running, false, why, capturedHint(tail), 0);
                return new ChildResult(why, runningClass, tail.text());
            }
            JsonObject m = (JsonObject) ev;
            String type = m.get("type").getAsString();
            if (!authenticated) {
                if (!"hello".equals(type) || !token.equals(str(m, "token"))) {
                    kill(child);
                    return new ChildResult("the test JVM did not identify itself", null, tail.text());
                }
                authenticated = true;
                JsonObject req = new JsonObject();
                JsonArray roots = new JsonArray();
                spec.testRoots().forEach(r -> roots.add(r.toString()));
                req.add("roots", roots);
                req.addProperty("pattern", spec.classPattern());
                send(toChild, req);
                phase = "finding the tests";
                deadline = System.nanoTime() + PLAN_LIMIT.toNanos();
                continue;
            }
            switch (type) {
                case "plan" -> {
                    if (!planKnown) acceptPlan(m, select);
                    JsonObject run = new JsonObject();
                    JsonArray ids = new JsonArray();
                    remaining().forEach(ids::add);
                    run.add("run", ids);
                    send(toChild, run);
                    phase = "running the tests";
                    deadline = System.nanoTime() + spec.testTimeout().toNanos();
                }
                case "start" -> {
                    String id = str(m, "id");
                    if ("test".equals(str(m, "kind"))) {
                        running = plan.get(id);
                        if (running != null) listener.started(running);
                    } else {
                        runningClass = id;
                    }
                    deadline = System.nanoTime() + spec.testTimeout().toNanos();
                }
                case "finish" -> {
                    String id = str(m, "id");
                    String status = str(m, "status");
                    if ("test".equals(str(m, "kind"))) {
                        PlannedTest t = plan.get(id);
                        if (t != null && !outcomes.containsKey(id)) {
                            boolean ok = "SUCCESSFUL".equals(status);
                            String msg = str(m, "message");
                            String why = ok ? "" : (msg == null ? status.toLowerCase() : msg);
                            record(t, ok, why, str(m, "output"), m.has("nanos") ? m.get("nanos").getAsLong() / 1e9 : 0);
                        }
                        running = null;
                    } else {
                        if (!"SUCCESSFUL".equals(status)) {
                            String msg = str(m, "message");
                            classFailures.put(id, msg == null ? status.toLowerCase() : msg);
                        }
                        runningClass = null;
                    }
                    deadline = System.nanoTime() + spec.testTimeout().toNanos();
                }
                case "crash" -> {
                    String why = "the test run crashed: " + str(m, "message");
                    if (running != null) record(running, false, why, "", 0);
                    running = null;
                    deadline = System.nanoTime() + START_LIMIT.toNanos();
                    phase = "shutting down";
                    // "done" follows; the remaining tests run in a new JVM.
                    kill(child);
                    return new ChildResult(why, runningClass, tail.text());
                }
                case "done" -> {
                    return new ChildResult(null, null, tail.text());
                }
                default -> { /* unknown: ignore */ }
            }
        }
    }

    private void acceptPlan(JsonObject m, Predicate<PlannedTest> select) {
        List<String> ids = new ArrayList<>();
        for (JsonElement e : m.getAsJsonArray("tests")) {
            JsonObject o = e.getAsJsonObject();
            List<String> tags = new ArrayList<>();
            o.getAsJsonArray("tags").forEach(x -> tags.add(x.getAsString()));
            PlannedTest t = new PlannedTest(str(o, "id"), str(o, "container"), str(o, "class"), str(o, "method"),
                    str(o, "display"), o.get("points").getAsDouble(), Visibility.fromJson(str(o, "visibility")), tags);
            plan.put(t.id(), t);
            if (select == null || select.test(t)) ids.add(t.id());
        }
        toRun = ids;
        planKnown = true;
        listener.planned(ids.stream().map(plan::get).toList());
    }

    private void record(PlannedTest t, boolean passed, String why, String output, double seconds) {
        if (outcomes.containsKey(t.id())) return;
        StringBuilder text = new StringBuilder();
        if (!passed && why != null && !why.isBlank()) text.append(why.strip());
        if (output != null && !output.isBlank()) {
            if (text.length() > 0) text.append("\n\n");
            text.append(passed ? "" : "the test printed:\n").append(output.strip());
        }
        TestOutcome o = new TestOutcome(spec.lab(), t.id(), t.className(), t.method(), t.name(), t.points(),
                t.visibility(), t.tags(), passed, text.toString(), seconds);
        outcomes.put(t.id(), o);
        listener.finished(o);
    }

    private TestOutcome unloadable(String reason) {
        return new TestOutcome(spec.lab(), spec.lab() + "/load", "", "", "the lab's tests could be loaded", 0,
                Visibility.VISIBLE, List.of(), false,
                "the graded tests could not be started: " + reason + "\nIs the lab built? Run ./stacklab, or mvn -q -DskipTests package.",
                0);
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
        return e == null || e.isJsonNull() ? null : e.getAsString();
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
