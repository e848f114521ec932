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

/**
 * Reports each test and test class over the grader's channel, with what the test printed
 * (captured, at most {@value #OUTPUT_LIMIT} bytes) and how it failed.
 */
final class ChannelReporter implements TestExecutionListener {
    static final int OUTPUT_LIMIT = 16 * 1024;

    private final ChildMain.Messages messages;
    private final PrintStream realOut = System.out;
    private final PrintStream realErr = System.err;
    private final Map<String, Long> startedAt = new HashMap<>();
    private BoundedBuffer captured;

    ChannelReporter(ChildMain.Messages messages) { this.messages = messages; }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (!reported(id)) return;
        startedAt.put(id.getUniqueId(), System.nanoTime());
        if (id.isTest()) {
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
        m.addProperty("message", "skipped: " + reason);
        messages.send(m);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!reported(id)) return;
        JsonObject m = event("finish", id);
        Long t0 = startedAt.remove(id.getUniqueId());
        m.addProperty("nanos", t0 == null ? 0 : System.nanoTime() - t0);
        m.addProperty("status", result.getStatus().name());
        result.getThrowable().ifPresent(t -> m.addProperty("message", Failures.describe(t)));
        if (id.isTest()) {
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
        m.addProperty("message", Failures.describe(t));
        messages.send(m);
    }

    private static boolean reported(TestIdentifier id) {
        return id.isTest() || id.getSource().filter(s -> s instanceof ClassSource).isPresent();
    }

    private static JsonObject event(String type, TestIdentifier id) {
        JsonObject m = new JsonObject();
        m.addProperty("type", type);
        m.addProperty("id", id.getUniqueId());
        m.addProperty("kind", id.isTest() ? "test" : "class");
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
            return dropped == 0 ? s : s + "\n… (" + dropped + " more bytes of output not shown)\n";
        }
    }
}
