package org.stacklab.labs.tcpreliable;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;
import org.stacklab.testkit.tcp.TcpLabScenario;

/**
 * The scenario of one graded test of lab5-tcp-reliable ({@link TcpLabScenario}); the grader passes
 * {@code -Dstacklab.use=tcp.reliability=student}. Registered with {@code @RegisterExtension}, it adds to every
 * failure what a student needs to act on it: the tcpdump trace of the host's segments, and the
 * command that replays the test; and fails a test that passed its own checks if the kernel oopsed.
 */
final class ReliableLab extends TcpLabScenario implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {
    static final String LAB = "lab5-tcp-reliable";

    ReliableLab() {
        super(LAB);
    }

    @Override
    public void beforeEach(ExtensionContext ctx) {
        starting(ctx.getRequiredTestMethod().getName());
    }

    @Override
    public void afterEach(ExtensionContext ctx) {
        if (ctx.getExecutionException().isEmpty()) assertNoOops();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext ctx, Throwable t) throws Throwable {
        if (t instanceof TestAbortedException) throw t;
        throw explain(t, ctx.getRequiredTestClass().getSimpleName());
    }
}
