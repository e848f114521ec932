package org.stacklab.grader.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.grader.TestOutcome;
import org.stacklab.grader.Visibility;

/**
 * The grader's side of the protocol holds even against a test JVM that lies: a verdict counts only
 * for a test the grader planned and asked for, that the child said it had started, once; points
 * and the maximum are the plan's; everything else is a protocol breach that fails the test.
 */
class CompromisedChildTest {
    @TempDir Path dir;

    private List<TestOutcome> gradeWith(String lie) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path src = Path.of("src/test/resources/compromised-child/org/stacklab/grader/fork/ChildMain.java");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString()));
        List<PlannedTest> plan = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            plan.add(new PlannedTest("[engine:junit-jupiter]/[class:X]/[method:t" + i + "()]", "[engine:junit-jupiter]/[class:X]",
                    "X", "t" + i, "t" + i + "()", 2, Visibility.VISIBLE, List.of()));
        }
        Path run = Files.createDirectories(dir.resolve("run"));
        // The compromised ChildMain alone on the class path: the attack the real grader rules out
        // (student classes come last and only from the student packages).
        ForkedTestRun.Spec spec = new ForkedTestRun.Spec("lab", List.of(classes), null, Map.of("lie", lie),
                Duration.ofSeconds(5), Duration.ofSeconds(30), "64m", run, null);
        return new ForkedTestRun(spec, new ForkedTestRun.Listener() {}).run(plan);
    }

    @Test
    void verdictsForTestsNeverStartedCountForNothing() throws Exception {
        List<TestOutcome> out = gradeWith("unstarted");
        assertEquals(4, out.size(), "one outcome per planned test");
        for (TestOutcome o : out) {
            assertFalse(o.passed(), o.name() + " passed without being started");
            assertTrue(o.output().contains("broke the grader's protocol (it reported a result for a test that was not running)"), o.output());
        }
        assertEquals(0.0, out.stream().mapToDouble(TestOutcome::score).sum());
    }

    @Test
    void pointsAndTheMaximumAreThePlansAndAnUnplannedTestIsABreach() throws Exception {
        List<TestOutcome> out = gradeWith("well-formed");
        // Well-formed verdicts for the tests the grader asked for are all a child can give: that is why
        // the real grader never lets student code be, or reach, the child's reporting code.
        assertEquals(4, out.size(), "nothing for the child's own 'bonus' test");
        for (TestOutcome o : out) assertEquals(2.0, o.maxScore(), "points come from the grader's plan, not from the child's 1000");
        assertEquals(8.0, out.stream().mapToDouble(TestOutcome::maxScore).sum());
        assertTrue(out.stream().mapToDouble(TestOutcome::score).sum() <= 8.0);
    }
}
