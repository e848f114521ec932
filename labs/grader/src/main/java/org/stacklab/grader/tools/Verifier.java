package org.stacklab.grader.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.stacklab.grader.GradeOptions;
import org.stacklab.grader.Grader;
import org.stacklab.grader.Lab;
import org.stacklab.grader.LabResult;
import org.stacklab.grader.TestOutcome;
import org.stacklab.grader.fork.ForkedTestRun;
import org.stacklab.grader.report.ConsoleReport;

/**
 * The instructor's check before shipping: every lab graded against the reference scores 100%,
 * against the starter at most 10%, and two reference runs agree exactly — same verdicts, same
 * test output, and the same packet traces. (Tests that build scenarios write their traces under
 * {@code -Dstacklab.trace.dir}, one file per scenario, when that property is set.)
 */
public final class Verifier {
    public static final double STARTER_LIMIT = 0.10;

    /** One lab's verdict. */
    public record Row(Lab lab, LabResult reference, LabResult starter, List<String> differences) {
        public boolean referenceFull() { return reference.maxScore() > 0 && reference.score() == reference.maxScore(); }
        public boolean starterLow() { return starter.score() <= STARTER_LIMIT * starter.maxScore() + 1e-9; }
        public boolean deterministic() { return differences.isEmpty(); }
        public boolean ok() { return referenceFull() && starterLow() && deterministic(); }
    }

    private final Grader grader;
    private final Path work;

    public Verifier(Grader grader, Path work) {
        this.grader = grader;
        this.work = work;
    }

    public Row verify(Lab lab, GradeOptions base) throws IOException {
        ForkedTestRun.Listener quiet = new ForkedTestRun.Listener() {};
        Path a = Files.createDirectories(work.resolve(lab.id()).resolve("reference-1"));
        Path b = Files.createDirectories(work.resolve(lab.id()).resolve("reference-2"));
        GradeOptions ref = base.withImpl("reference").withBoundaries(false);
        LabResult r1 = grader.grade(lab, ref.withProperty("stacklab.trace.dir", a.toString()), quiet);
        LabResult starter = grader.grade(lab, base.withImpl("student"), quiet);
        LabResult r2 = grader.grade(lab, ref.withProperty("stacklab.trace.dir", b.toString()), quiet);
        List<String> diffs = new ArrayList<>(compare(r1, r2));
        diffs.addAll(compareTraces(a, b));
        return new Row(lab, r1, starter, diffs);
    }

    static List<String> compare(LabResult r1, LabResult r2) {
        List<String> d = new ArrayList<>();
        if (r1.tests().size() != r2.tests().size()) {
            d.add("the runs graded " + r1.tests().size() + " and " + r2.tests().size() + " tests");
            return d;
        }
        for (int i = 0; i < r1.tests().size(); i++) {
            TestOutcome x = r1.tests().get(i), y = r2.tests().get(i);
            if (x.passed() != y.passed()) d.add(x.name() + ": passed once, failed once");
            else if (!x.output().equals(y.output())) d.add(x.name() + ": its output differs between runs");
        }
        return d;
    }

    static List<String> compareTraces(Path a, Path b) throws IOException {
        Map<String, String> ta = traces(a), tb = traces(b);
        List<String> d = new ArrayList<>();
        for (String k : ta.keySet()) {
            if (!tb.containsKey(k)) d.add("trace " + k + " was written by one run only");
            else if (!ta.get(k).equals(tb.get(k))) d.add("trace " + k + " differs between runs");
        }
        for (String k : tb.keySet()) if (!ta.containsKey(k)) d.add("trace " + k + " was written by one run only");
        return d;
    }

    private static Map<String, String> traces(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) m.put(dir.relativize(p).toString(), Files.readString(p));
        }
        return m;
    }

    public static void printTable(PrintStream out, List<Row> rows) {
        out.printf(Locale.ROOT, "%-22s %12s %12s %14s  %s%n", "lab", "reference", "starter", "deterministic", "verdict");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-22s %12s %12s %14s  %s%n", r.lab().id(),
                    frac(r.reference()), frac(r.starter()), r.deterministic() ? "yes" : "NO", r.ok() ? "ok" : "BREACH");
            if (!r.referenceFull()) {
                out.println("    the reference must score 100%" + (r.reference().maxScore() == 0 ? " (the lab has no points)" : "") + "; failing:");
                r.reference().tests().stream().filter(t -> !t.passed()).limit(10).forEach(t -> out.println("      ✗ " + t.name()));
            }
            if (!r.starterLow()) {
                out.println("    the starter must score at most " + (int) (STARTER_LIMIT * 100) + "%; passing:");
                r.starter().tests().stream().filter(t -> t.passed() && t.maxScore() > 0).limit(10).forEach(t -> out.println("      ✓ " + t.name()));
            }
            r.differences().stream().limit(10).forEach(d -> out.println("    not deterministic: " + d));
        }
    }

    private static String frac(LabResult r) {
        return ConsoleReport.points(r.score()) + "/" + ConsoleReport.points(r.maxScore());
    }
}
