package org.stacklab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.fork.ForkedTestRun;

/**
 * The test JVM's run-time guard on its own: a submission that breaks every sandbox rule is graded
 * with the static rules switched off, and every forbidden act is refused inside the test JVM.
 */
class SandboxTest {
    @Test
    void everyForbiddenActIsRefusedAtRunTime() throws Exception {
        Path submission = Path.of("src/test/resources/sandbox-submission");
        Lab lab = new Lab("sandbox", "fixture sandbox", GraderHarness.testClasses().getParent().getParent(), List.of("fixture"),
                null, "org\\.stacklab\\.grader\\.fixture\\.SandboxChecks", List.of("org.stacklab.grader.sandboxed"),
                Duration.ofSeconds(20), List.of(GraderHarness.testClasses()), GraderHarness.testClasspath());
        LabResult r = new Grader(Path.of("")).grade(lab, GradeOptions.student().withBoundaries(false).withSubmission(submission),
                new ForkedTestRun.Listener() {});
        StringBuilder failures = new StringBuilder();
        for (TestOutcome t : r.tests()) if (!t.passed()) failures.append(t.name()).append(": ").append(t.output()).append("\n\n");
        assertEquals("", failures.toString());
        // Two graded units: the parameterized test (21 forbidden acts, each must be refused) and plain Java.
        assertEquals(2, r.tests().size());
        assertEquals(2.0, r.score());
        assertTrue(r.notes().stream().noneMatch(n -> n.contains("no Security Manager")), r.notes().toString());
    }
}
