package org.stacklab.grader;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to grade: whose code ({@code impl}: "student" or "reference"), per-component overrides
 * ({@code use}, "tcp=student,ip=reference"), one test only ({@code test}: a method or display
 * name), a seed to replay, a per-test limit overriding the lab's, extra system properties for
 * the test JVM, the submission to grade (a student's repository; null: this tree's own lab
 * sources) and the unprivileged user to run tests as (null: the grader's own user).
 */
public record GradeOptions(String impl, String use, String test, Long seed, Duration timeout,
                           String maxHeap, List<String> withheld, Map<String, String> extraProperties,
                           boolean checkBoundaries, java.nio.file.Path submission, String runAs) {

    public GradeOptions {
        withheld = List.copyOf(withheld);
        extraProperties = Map.copyOf(extraProperties);
    }

    public static GradeOptions student() {
        return new GradeOptions("student", null, null, null, null, "512m", List.of(), Map.of(), true, null, null);
    }

    public GradeOptions withImpl(String i) { return new GradeOptions(i, use, test, seed, timeout, maxHeap, withheld, extraProperties, checkBoundaries, submission, runAs); }
    public GradeOptions withUse(String u) { return new GradeOptions(impl, u, test, seed, timeout, maxHeap, withheld, extraProperties, checkBoundaries, submission, runAs); }
    public GradeOptions withTest(String t) { return new GradeOptions(impl, use, t, seed, timeout, maxHeap, withheld, extraProperties, checkBoundaries, submission, runAs); }
    public GradeOptions withSeed(Long s) { return new GradeOptions(impl, use, test, s, timeout, maxHeap, withheld, extraProperties, checkBoundaries, submission, runAs); }
    public GradeOptions withTimeout(Duration t) { return new GradeOptions(impl, use, test, seed, t, maxHeap, withheld, extraProperties, checkBoundaries, submission, runAs); }
    public GradeOptions withWithheld(List<String> w) { return new GradeOptions(impl, use, test, seed, timeout, maxHeap, w, extraProperties, checkBoundaries, submission, runAs); }
    public GradeOptions withBoundaries(boolean b) { return new GradeOptions(impl, use, test, seed, timeout, maxHeap, withheld, extraProperties, b, submission, runAs); }

    /** Grade the student sources of {@code dir} (a student's repository) instead of this tree's. */
    public GradeOptions withSubmission(java.nio.file.Path dir) { return new GradeOptions(impl, use, test, seed, timeout, maxHeap, withheld, extraProperties, checkBoundaries, dir, runAs); }
    /** Run the test JVM as this unprivileged user (the grader must be root). */
    public GradeOptions withRunAs(String user) { return new GradeOptions(impl, use, test, seed, timeout, maxHeap, withheld, extraProperties, checkBoundaries, submission, user); }
    public GradeOptions withMaxHeap(String h) { return new GradeOptions(impl, use, test, seed, timeout, h, withheld, extraProperties, checkBoundaries, submission, runAs); }

    public GradeOptions withProperty(String k, String v) {
        Map<String, String> m = new LinkedHashMap<>(extraProperties);
        m.put(k, v);
        return new GradeOptions(impl, use, test, seed, timeout, maxHeap, withheld, m, checkBoundaries, submission, runAs);
    }

    /**
     * The module set for {@code lab}, in the {@code stacklab.use} syntax: the lab's components from
     * {@code impl}, modules withheld from the release from the student, then the explicit overrides.
     * Everything not named stays the reference (the tests build their kernels with
     * {@code ModuleSet.parse("reference", null)}, which reads this property).
     */
    public String moduleSetFor(Lab lab) {
        StringBuilder sb = new StringBuilder();
        for (String m : withheld) append(sb, m + "=student");
        for (String c : lab.components()) append(sb, c + "=" + impl);
        if (use != null && !use.isBlank()) append(sb, use.trim());
        return sb.toString();
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) sb.append(',');
        sb.append(s);
    }
}
