package org.stacklab.grader.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import org.stacklab.grader.LabResult;
import org.stacklab.grader.TestOutcome;

/**
 * GitHub Classroom's runner result, as {@code classroom-resources/autograding-grading-reporter}
 * reads it: {@code {version:1, status:"pass"|"fail"|"error", max_score, tests:[{name, status,
 * score, message, test_code, filename, line_no, execution_time}]}}. The reporter takes it
 * base64-encoded from the environment variable {@code <RUNNER>_RESULTS}, which the workflow fills
 * from this step's {@code result} output; so besides the JSON file, when {@code $GITHUB_OUTPUT} is
 * set we append {@code result=<base64>} to it.
 */
public final class ClassroomResults {
    private ClassroomResults() {}

    public static JsonObject toJson(List<LabResult> labs) {
        JsonArray tests = new JsonArray();
        double max = 0;
        boolean allPassed = true;
        for (LabResult lab : labs) {
            allPassed &= lab.zeroReason() == null;
            for (TestOutcome t : lab.tests()) {
                JsonObject o = new JsonObject();
                o.addProperty("name", (labs.size() > 1 ? lab.lab().id() + " › " : "") + t.name());
                o.addProperty("status", t.passed() ? "pass" : "fail");
                o.addProperty("score", lab.zeroReason() != null ? 0 : t.score());
                o.addProperty("message", t.passed() ? "" : t.output());
                o.addProperty("test_code", t.className().isEmpty() ? t.method() : t.className() + "#" + t.method());
                o.addProperty("filename", "");
                o.addProperty("line_no", 0);
                o.addProperty("execution_time", String.format(java.util.Locale.ROOT, "%.2fs", t.seconds()));
                tests.add(o);
                max += t.maxScore();
                allPassed &= t.passed();
            }
        }
        JsonObject r = new JsonObject();
        r.addProperty("version", 1);
        r.addProperty("status", allPassed ? "pass" : "fail");
        r.addProperty("max_score", max);
        r.add("tests", tests);
        return r;
    }

    public static String base64(JsonObject json) {
        return Base64.getEncoder().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, List<LabResult> labs) throws IOException {
        JsonObject json = toJson(labs);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        String ghOutput = System.getenv("GITHUB_OUTPUT");
        if (ghOutput != null && !ghOutput.isBlank()) {
            Files.writeString(Path.of(ghOutput), "result=" + base64(json) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
