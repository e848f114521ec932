package org.stacklab.grader;

import java.util.List;

/**
 * One graded test's result. {@code score} is {@code maxScore} if it passed and 0 otherwise, so a
 * score can never exceed its maximum.
 */
public record TestOutcome(String lab, String id, String className, String method, String name,
                          double maxScore, Visibility visibility, List<String> tags,
                          boolean passed, String output, double seconds) {

    public TestOutcome {
        tags = List.copyOf(tags);
        if (!(maxScore >= 0) || Double.isInfinite(maxScore)) maxScore = 0;
        if (output == null) output = "";
    }

    public double score() { return passed ? maxScore : 0; }

    public TestOutcome failed(String why) {
        return new TestOutcome(lab, id, className, method, name, maxScore, visibility, tags, false, why, seconds);
    }
}
