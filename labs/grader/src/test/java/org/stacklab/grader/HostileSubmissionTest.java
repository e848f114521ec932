package org.stacklab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.grader.fork.ForkedTestRun;
import org.stacklab.grader.report.GradescopeResults;

/**
 * Grades {@code fixture.HostileChecks}: a loop, System.exit, fake JSON on stdout, thrown and real
 * OutOfMemoryError, StackOverflowError and Runtime.halt each fail only their own test, and every
 * honest test is still graded.
 */
class HostileSubmissionTest {
    static LabResult result;
    static Map<String, TestOutcome> byMethod = new LinkedHashMap<>();

    @BeforeAll
    static void grade() throws Exception {
        Lab lab = GraderHarness.fixture("hostile", "org\\.stacklab\\.grader\\.fixture\\.HostileChecks", Duration.ofSeconds(2));
        GradeOptions opts = GradeOptions.student().withBoundaries(false);
        opts = opts.withMaxHeap("96m");
        result = new Grader(Path.of("")).grade(lab, opts, new ForkedTestRun.Listener() {});
        for (TestOutcome t : result.tests()) byMethod.put(t.method(), t);
    }

    @Test
    void everyTestHasExactlyOneResult() {
        assertEquals(14, result.tests().size(), () -> "outcomes: " + byMethod.keySet());
    }

    @Test
    void honestTestsAreStillGraded() {
        for (String m : List.of("honestFirst", "honestAfterLoop", "honestAfterExit", "honestAfterFakeResults",
                "honestAfterThrownOom", "honestAfterRealOom", "honestLast")) {
            assertTrue(byMethod.get(m).passed(), m + ": " + byMethod.get(m).output());
        }
    }

    @Test
    void everyHostileTestFailsWithAReason() {
        assertFailed("loopsForever", "timed out");
        assertFailed("callsSystemExit", "System.exit");
        assertFailed("printsFakeResults", "fails whatever it prints");
        assertFailed("throwsOutOfMemoryError", "OutOfMemoryError");
        assertFailed("exhaustsTheHeap", "memory");
        assertFailed("overflowsTheStack", "StackOverflowError");
        assertFailed("haltsTheRuntime", "ended");
    }

    @Test
    void scoreIsExactlyTheHonestPoints() {
        assertEquals(7.0, result.score());
        assertEquals(42.0, result.maxScore());
    }

    @Test
    void resultsJsonIsValidAndScoreNeverExceedsMax(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        GradescopeResults.write(file, List.of(result), result.seconds());
        JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        double score = json.get("score").getAsDouble();
        assertTrue(score <= json.get("max_score").getAsDouble());
        assertEquals(7.0, score);
        assertEquals(14, json.getAsJsonArray("tests").size());
        for (JsonElement e : json.getAsJsonArray("tests")) {
            JsonObject t = e.getAsJsonObject();
            assertTrue(t.get("score").getAsDouble() <= t.get("max_score").getAsDouble());
            assertTrue(List.of("passed", "failed").contains(t.get("status").getAsString()));
            for (String k : List.of("name", "number", "output", "output_format", "visibility", "tags")) {
                assertTrue(t.has(k), "test entry lacks " + k);
            }
        }
    }

    private static void assertFailed(String method, String reasonPart) {
        TestOutcome t = byMethod.get(method);
        assertFalse(t.passed(), method + " passed");
        assertEquals(0.0, t.score());
        assertTrue(t.output().contains(reasonPart), method + " output lacks '" + reasonPart + "':\n" + t.output());
    }
}
