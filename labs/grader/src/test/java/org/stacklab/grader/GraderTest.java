package org.stacklab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.grader.report.ClassroomResults;
import org.stacklab.grader.report.ConsoleReport;
import org.stacklab.grader.report.GradescopeResults;

/** Grades the well-behaved fixture lab and checks points, visibility, output and both result formats. */
class GraderTest {
    static LabResult result;
    static String table;

    @BeforeAll
    static void grade() throws Exception {
        Lab lab = GraderHarness.fixture("basic", "org\\.stacklab\\.grader\\.fixture\\.BasicChecks", Duration.ofSeconds(5));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConsoleReport console = new ConsoleReport(new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        result = new Grader(Path.of("")).grade(lab, GradeOptions.student().withBoundaries(false), console.progress("basic"));
        console.table(result);
        table = buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void passingTestEarnsItsPointsAndFailingNone() {
        TestOutcome pass = find("deliversOneFrame");
        assertTrue(pass.passed());
        assertEquals(2.0, pass.score());
        assertEquals("delivers one frame", pass.name());
        TestOutcome fail = find("fastRetransmitAfterThreeDuplicateAcks");
        assertFalse(fail.passed());
        assertEquals(0.0, fail.score());
        assertEquals(3.0, fail.maxScore());
        assertEquals(List.of("retransmission"), fail.tags());
    }

    @Test
    void failureShowsTheAssertionMessageAndWhatTheTestPrinted() {
        String out = find("fastRetransmitAfterThreeDuplicateAcks").output();
        assertTrue(out.contains("expected a retransmission of seq 5381 after the 3rd duplicate ACK"), out);
        assertTrue(out.contains("212.001 10.0.0.2.80 > 10.0.0.1.40000"), out);
    }

    @Test
    void visibilityDisplayNameAndModuleSetReachTheTests() {
        TestOutcome hidden = find("hidden");
        assertEquals(Visibility.HIDDEN, hidden.visibility());
        assertEquals("a hidden check", hidden.name());
        TestOutcome sanity = find("ungradedSanityCheck");
        assertTrue(sanity.passed(), sanity.output());   // saw -Dstacklab.use=fixture=student
        assertEquals(0.0, sanity.maxScore());
    }

    @Test
    void tableShowsEachTestWithPointsAndTheFailureUnderIt() {
        assertTrue(table.contains("✓ delivers one frame"), table);
        assertTrue(table.contains("✗ fast retransmit after three duplicate acks"), table);
        assertTrue(table.contains("3 / 6"), table);
        assertTrue(table.contains("      expected a retransmission of seq 5381"), table);
    }

    @Test
    void oneTestByName() throws Exception {
        Lab lab = GraderHarness.fixture("basic", "org\\.stacklab\\.grader\\.fixture\\.BasicChecks", Duration.ofSeconds(5));
        LabResult one = new Grader(Path.of("")).grade(lab, GradeOptions.student().withTest("deliversOneFrame"), new org.stacklab.grader.fork.ForkedTestRun.Listener() {});
        assertEquals(1, one.tests().size());
        assertEquals(2.0, one.score());
    }

    @Test
    void gradescopeAndClassroomCarryTheSameScores(@TempDir Path dir) throws Exception {
        Path gs = dir.resolve("results.json");
        GradescopeResults.write(gs, List.of(result), 1.0);
        JsonObject g = JsonParser.parseString(Files.readString(gs)).getAsJsonObject();
        assertEquals(3.0, g.get("score").getAsDouble());
        assertEquals(6.0, g.get("max_score").getAsDouble());
        assertEquals("hidden", g.getAsJsonArray("tests").get(2).getAsJsonObject().get("visibility").getAsString());

        JsonObject c = ClassroomResults.toJson(List.of(result));
        assertEquals(1, c.get("version").getAsInt());
        assertEquals("fail", c.get("status").getAsString());
        assertEquals(6.0, c.get("max_score").getAsDouble());
        JsonObject t0 = c.getAsJsonArray("tests").get(0).getAsJsonObject();
        assertEquals("pass", t0.get("status").getAsString());
        assertEquals(2.0, t0.get("score").getAsDouble());
        String decoded = new String(Base64.getDecoder().decode(ClassroomResults.base64(c)), StandardCharsets.UTF_8);
        assertEquals(c, JsonParser.parseString(decoded));
    }

    private static TestOutcome find(String method) {
        return result.tests().stream().filter(t -> t.method().equals(method)).findFirst().orElseThrow();
    }
}
