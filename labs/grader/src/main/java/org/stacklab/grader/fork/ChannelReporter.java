package org.stacklab.grader.fork;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Reports each test and test class over the grader's channel, with what the test printed
 * (captured, at most {@value #OUTPUT_LIMIT} bytes) and how it failed.
 */
final class ChannelReporter implements TestExecutionListener {
    static final int OUTPUT_LIMIT = ForkedTestRun.OUTPUT_LIMIT;
    static final int MESSAGE_LIMIT = 16 * 1024;

    private final ChildMain.Messages messages;
    private final PrintStream realOut = System.out;
    private final PrintStream realErr = System.err;
    private final Map<String, Long> startedAt = new HashMap<>();
    private BoundedBuffer captured;
    private TestPlan plan;
    /** The first failure among the dynamic tests of the running graded unit (a parameterized test). */
    private String dynamicFailure;

    ChannelReporter(ChildMain.Messages messages) { this.messages = messages; }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) { this.plan = testPlan; }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (!reported(id)) return;
        startedAt.put(id.getUniqueId(), System.nanoTime());
        if (TestPlanner.isUnit(id)) {
            dynamicFailure = null;
            captured = new BoundedBuffer(OUTPUT_LIMIT);
            PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
        }
        messages.send(event("start", id));
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (!reported(id)) return;
        JsonObject m = event("finish", id);
        m.addProperty("status", "SKIPPED");
        m.addProperty("message", ForkedTestRun.cap("skipped: " + reason, MESSAGE_LIMIT));
        messages.send(m);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (dynamic(id)) {
            // One invocation of a parameterized test or one dynamic test: its unit fails if it fails.
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && dynamicFailure == null) {
                dynamicFailure = id.getDisplayName() + ": " + result.getThrowable().map(Failures::describe).orElse(result.getStatus().name());
            }
            return;
        }
        if (!reported(id)) return;
        JsonObject m = event("finish", id);
        Long t0 = startedAt.remove(id.getUniqueId());
        m.addProperty("nanos", t0 == null ? 0 : System.nanoTime() - t0);
        String status = result.getStatus().name();
        if (id.isContainer() && TestPlanner.isUnit(id) && dynamicFailure != null && "SUCCESSFUL".equals(status)) {
            status = "FAILED";
            m.addProperty("message", ForkedTestRun.cap(dynamicFailure, MESSAGE_LIMIT));
        }
        m.addProperty("status", status);
        result.getThrowable().ifPresent(t -> m.addProperty("message", ForkedTestRun.cap(Failures.describe(t), MESSAGE_LIMIT)));
        if (TestPlanner.isUnit(id)) {
            dynamicFailure = null;
            System.setOut(realOut);
            System.setErr(realErr);
            if (captured != null) m.addProperty("output", captured.text());
            captured = null;
        }
        messages.send(m);
    }

    /** The launcher itself died (an OutOfMemoryError escapes JUnit): the running test gets the blame. */
    void crashed(Throwable t) {
        System.setOut(realOut);
        System.setErr(realErr);
        JsonObject m = new JsonObject();
        m.addProperty("type", "crash");
        m.addProperty("message", ForkedTestRun.cap(Failures.describe(t), MESSAGE_LIMIT));
        messages.send(m);
    }

    private boolean reported(TestIdentifier id) {
        return (TestPlanner.isUnit(id) && !dynamic(id)) || id.getSource().filter(s -> s instanceof ClassSource).isPresent();
    }

    /** A test registered while running, under a graded unit (an invocation of a parameterized test). */
    private boolean dynamic(TestIdentifier id) {
        if (plan == null) return false;
        for (TestIdentifier p = plan.getParent(id).orElse(null); p != null; p = plan.getParent(p).orElse(null)) {
            if (TestPlanner.isUnit(p)) return true;
        }
        return false;
    }

    private static JsonObject event(String type, TestIdentifier id) {
        JsonObject m = new JsonObject();
        m.addProperty("type", type);
        m.addProperty("id", id.getUniqueId());
        m.addProperty("kind", TestPlanner.isUnit(id) ? "test" : "class");
        return m;
    }

    /** Keeps the first {@code limit} bytes and counts the rest. */
    static final class BoundedBuffer extends OutputStream {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final int limit;
        private long dropped;

        BoundedBuffer(int limit) { this.limit = limit; }

        @Override
        public synchronized void write(int b) {
            if (buf.size() < limit) buf.write(b); else dropped++;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = Math.max(0, Math.min(len, limit - buf.size()));
            buf.write(b, off, room);
            dropped += len - room;
        }

        synchronized String text() {
            String s = buf.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? s : s + "\n… (cut: " + dropped + " more bytes of output not shown)\n";
        }
    }
}
