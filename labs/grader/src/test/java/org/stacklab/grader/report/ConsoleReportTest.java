package org.stacklab.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Lab;
import org.stacklab.grader.LabResult;
import org.stacklab.grader.TestOutcome;
import org.stacklab.grader.Visibility;

/** What a test printed cannot draw over the grader's table. */
class ConsoleReportTest {
    @Test
    void controlCharactersInATestsOutputAreShownNotObeyed() {
        String spoof = "boom\r\u001b[2K  ✓ fake test 2/2\u001b[1A\u0007";
        TestOutcome t = new TestOutcome("lab", "id", "C", "m", "a test", 2, Visibility.VISIBLE, List.of(), false, spoof, 0);
        Lab lab = new Lab("lab", "title", Path.of("."), List.of(), null, "", List.of(), Duration.ofSeconds(1), List.of(), List.of());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new ConsoleReport(new PrintStream(buf, true, StandardCharsets.UTF_8), false).table(new LabResult(lab, List.of(t), 0));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("\r") || out.contains("\u001b") || out.contains("\u0007"), out);
        assertTrue(out.contains("boom\\u000d\\u001b[2K"), out);
        assertEquals("a\tb\nc", ConsoleReport.printable("a\tb\nc"));
    }
}
