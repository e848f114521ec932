package org.stacklab.grader;

import java.util.List;

/**
 * A lab's graded tests (boundary checks first, then the tests in plan order), its wall time, the
 * grader's notes on the submission (what it ignored), and {@code zeroReason}: when set, the lab
 * scores 0 whatever its tests did (a broken sandbox rule, code that does not compile).
 */
public record LabResult(Lab lab, List<TestOutcome> tests, double seconds, List<String> notes, String zeroReason) {
    public LabResult {
        tests = List.copyOf(tests);
        notes = List.copyOf(notes);
    }

    public LabResult(Lab lab, List<TestOutcome> tests, double seconds) {
        this(lab, tests, seconds, List.of(), null);
    }

    public double score() {
        if (zeroReason != null) return 0;
        return Math.min(maxScore(), tests.stream().mapToDouble(TestOutcome::score).sum());
    }

    public double maxScore() { return tests.stream().mapToDouble(TestOutcome::maxScore).sum(); }

    public boolean allPassed() { return zeroReason == null && tests.stream().allMatch(TestOutcome::passed); }
}
