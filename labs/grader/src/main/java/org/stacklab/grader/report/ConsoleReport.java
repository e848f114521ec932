package org.stacklab.grader.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.stacklab.grader.LabResult;
import org.stacklab.grader.TestOutcome;
import org.stacklab.grader.fork.ForkedTestRun;
import org.stacklab.grader.fork.PlannedTest;

/**
 * What the terminal shows: a live line per running test (on a terminal), then per lab a table of
 * ✓/✗, points and time, with each failing test's output under it, and the total.
 */
public final class ConsoleReport {
    private static final int WIDTH = 78;
    private final PrintStream out;
    private final boolean live;

    public ConsoleReport(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    /** Progress for one lab: "grading lab1-driver: 3/12 ✓✓✗ running: transmits one frame". */
    public ForkedTestRun.Listener progress(String labId) {
        return new ForkedTestRun.Listener() {
            int total, done, failed;

            @Override public void planned(List<PlannedTest> tests) {
                total = tests.size();
                if (!live) out.println("grading " + labId + " (" + total + " tests)…");
            }

            @Override public void started(PlannedTest t) {
                if (live) status(labId + "  " + done + "/" + total + (failed > 0 ? " (" + failed + " failed)" : "") + "  " + t.name());
            }

            @Override public void finished(TestOutcome o) {
                done++;
                if (!o.passed()) failed++;
                if (live) status(labId + "  " + done + "/" + total + (failed > 0 ? " (" + failed + " failed)" : ""));
            }
        };
    }

    private void status(String s) {
        String line = s.length() > WIDTH ? s.substring(0, WIDTH - 1) + "…" : s;
        out.print("\r\033[K" + line);
        out.flush();
    }

    public void clearStatus() {
        if (live) {
            out.print("\r\033[K");
            out.flush();
        }
    }

    public void table(LabResult lab) {
        clearStatus();
        String score = points(lab.score()) + " / " + points(lab.maxScore());
        out.println(pad(lab.lab().id() + "  " + lab.lab().title(), WIDTH - score.length()) + score);
        for (String n : lab.notes()) out.println("  note: " + printable(n));
        if (lab.zeroReason() != null) {
            for (String line : printable(lab.zeroReason().strip()).split("\n")) out.println("  ! " + line);
        }
        for (TestOutcome t : lab.tests()) {
            String right = pad(points(t.score()) + "/" + points(t.maxScore()), 7) + String.format(Locale.ROOT, "%5.1fs", t.seconds());
            out.println(pad("  " + (t.passed() ? "✓ " : "✗ ") + printable(t.name()), WIDTH - right.length()) + right);
            if (!t.passed() && !t.output().isBlank()) {
                for (String line : printable(t.output().strip()).split("\n")) out.println("      " + line);
            }
        }
        out.println();
    }

    public void total(List<LabResult> labs, double seconds) {
        if (labs.size() > 1) {
            double s = labs.stream().mapToDouble(LabResult::score).sum();
            double m = labs.stream().mapToDouble(LabResult::maxScore).sum();
            String score = points(s) + " / " + points(m);
            out.println(pad("Total (" + labs.size() + " labs, " + String.format(Locale.ROOT, "%.1f", seconds) + " s)",
                    WIDTH - score.length()) + score);
        }
    }

    /**
     * {@code s} with every control character but newline and tab shown as {@code \\uXXXX}: what a
     * test printed (student code) must not move the terminal's cursor, erase lines or draw a fake
     * "✓ 27 / 27" over the real table.
     */
    public static String printable(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
            if (control && sb == null) sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            if (sb != null) {
                if (control) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                else sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    public static String points(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%.2f", p).replaceAll("0+$", "");
    }

    private static String pad(String s, int width) {
        int len = s.codePointCount(0, s.length());
        if (len >= width) return s + " ";
        return s + " ".repeat(width - len);
    }
}
