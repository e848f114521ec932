package org.stacklab.grader.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stacklab.grader.LabResult;
import org.stacklab.grader.TestOutcome;

/**
 * Gradescope's {@code results.json}: top-level score, max_score, execution_time, output, and one
 * entry per test (name, number, score, max_score, status, output, output_format, visibility, tags).
 * Every score is 0 or the test's maximum, and the total is clamped to the maximum.
 */
public final class GradescopeResults {
    private GradescopeResults() {}

    public static JsonObject toJson(List<LabResult> labs, double seconds) {
        JsonArray tests = new JsonArray();
        double score = 0, max = 0;
        int labNo = 0;
        for (LabResult lab : labs) {
            labNo++;
            int testNo = 0;
            for (TestOutcome t : lab.tests()) {
                testNo++;
                JsonObject o = new JsonObject();
                o.addProperty("name", (labs.size() > 1 ? lab.lab().id() + " › " : "") + t.name());
                o.addProperty("number", labNo + "." + testNo);
                o.addProperty("score", lab.zeroReason() != null ? 0 : t.score());
                o.addProperty("max_score", t.maxScore());
                o.addProperty("status", t.passed() ? "passed" : "failed");
                o.addProperty("output", t.output());
                o.addProperty("output_format", "text");
                o.addProperty("visibility", t.visibility().json());
                JsonArray tags = new JsonArray();
                tags.add(lab.lab().id());
                t.tags().forEach(tags::add);
                o.add("tags", tags);
                tests.add(o);
            }
            score += lab.score();
            max += lab.maxScore();
        }
        JsonObject r = new JsonObject();
        r.addProperty("score", Math.min(score, max));
        r.addProperty("max_score", max);
        r.addProperty("execution_time", Math.round(seconds));
        r.addProperty("output", summary(labs));
        r.addProperty("output_format", "text");
        r.addProperty("visibility", "visible");
        r.addProperty("stdout_visibility", "hidden");
        r.add("tests", tests);
        return r;
    }

    public static void write(Path file, List<LabResult> labs, double seconds) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(toJson(labs, seconds)) + "\n", StandardCharsets.UTF_8);
    }

    private static String summary(List<LabResult> labs) {
        StringBuilder sb = new StringBuilder();
        for (LabResult l : labs) {
            sb.append(l.lab().id()).append(": ").append(ConsoleReport.points(l.score())).append(" / ")
                    .append(ConsoleReport.points(l.maxScore())).append('\n');
            if (l.zeroReason() != null) sb.append("  ").append(l.zeroReason().replace("\n", "\n  ")).append('\n');
            for (String n : l.notes()) sb.append("  note: ").append(n).append('\n');
        }
        return sb.toString();
    }
}
