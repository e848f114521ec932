package org.stacklab.grader;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit side of a lab's scenario object (registered with {@code @RegisterExtension}): it tells
 * the scenario which test runs, fails a test that passed its own checks if a kernel oopsed (the
 * kernel must never throw), and replaces every failure by the scenario's explanation of it (the
 * ladder, the trace, the pcap file, the replay command). The scenario itself, such as
 * {@code org.stacklab.testkit.tcp.TcpLabScenario}, knows nothing of JUnit.
 */
public interface LabExtension extends BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {
    /** Names the test that runs next. */
    void starting(String testMethod);

    /** Throws an AssertionError if a kernel of the scenario oopsed. */
    void assertNoOops();

    /** The failure a student sees for {@code t}, thrown by the test class named {@code testClass}. */
    AssertionError explain(Throwable t, String testClass);

    @Override
    default void beforeEach(ExtensionContext ctx) {
        starting(ctx.getRequiredTestMethod().getName());
    }

    @Override
    default void afterEach(ExtensionContext ctx) {
        if (ctx.getExecutionException().isEmpty()) assertNoOops();
    }

    @Override
    default void handleTestExecutionException(ExtensionContext ctx, Throwable t) throws Throwable {
        if (t instanceof TestAbortedException) throw t;
        throw explain(t, ctx.getRequiredTestClass().getSimpleName());
    }
}
