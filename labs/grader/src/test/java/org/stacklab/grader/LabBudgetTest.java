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
        assertTrue(seconds < 12, "6 looping tests of 2 s each under a 5 s budget took " + seconds + " s");
        assertEquals(6, r.tests().size());
        assertEquals(0.0, r.score());
        assertEquals(6.0, r.maxScore());
        long budgetNotes = r.tests().stream().filter(t -> t.output().contains("time budget")).count();
        assertTrue(budgetNotes >= 3, "tests stopped by the budget: " + budgetNotes);
        assertTrue(r.tests().stream().anyMatch(t -> t.output().startsWith("timed out: the test did not finish within 2 s")));
    }
}
