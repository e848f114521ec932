package org.stacklab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.fork.ForkedTestRun;

/** A lab whose every test loops ends at its budget, with every test accounted for. */
class LabBudgetTest {
    @Test
    void aLabOfLoopsEndsAtItsBudget() throws Exception {
        Lab lab = GraderHarness.fixture("loops", "org\\.stacklab\\.grader\\.fixture\\.LoopingChecks", Duration.ofSeconds(2))
                .withBudget(Duration.ofSeconds(5));
        long t0 = System.nanoTime();
        LabResult r = new Grader(Path.of("")).grade(lab, GradeOptions.student().withBoundaries(false).withMaxHeap("96m"),
                new ForkedTestRun.Listener() {});
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Without a budget: 6 x (2 s + a JVM start) > 12 s. With it: the budget, and the last kill.
        assertTrue(seconds < 11, "6 looping tests of 2 s each under a 5 s budget took " + seconds + " s");
        assertEquals(6, r.tests().size());
        assertEquals(0.0, r.score());
        assertEquals(6.0, r.maxScore());
        String outputs = String.join("\n---\n", r.tests().stream().map(TestOutcome::output).toList());
        assertTrue(r.tests().stream().anyMatch(t -> t.output().contains("time budget")), "no test says the budget stopped it:\n" + outputs);
    }
}
