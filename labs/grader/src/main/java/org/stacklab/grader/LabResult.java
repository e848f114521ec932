package org.stacklab.grader;

import java.util.List;

/** A lab's graded tests (boundary checks first, then the tests in plan order) and its wall time. */
public record LabResult(Lab lab, List<TestOutcome> tests, double seconds) {
    public LabResult {
        tests = List.copyOf(tests);
    }

    public double score() { return Math.min(maxScore(), tests.stream().mapToDouble(TestOutcome::score).sum()); }

    public double maxScore() { return tests.stream().mapToDouble(TestOutcome::maxScore).sum(); }

    public boolean allPassed() { return tests.stream().allMatch(TestOutcome::passed); }
}
