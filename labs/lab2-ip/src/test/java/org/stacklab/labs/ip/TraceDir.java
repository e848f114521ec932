package org.stacklab.labs.ip;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.TestInfo;

/**
 * Writes a test's packet trace to {@code -Dstacklab.trace.dir} (one file per test) when that
 * property is set: {@code ./stacklab verify} runs the reference twice and compares the files, so a
 * scenario that is not a pure function of its seed shows up.
 */
final class TraceDir {
    private TraceDir() {}

    /** The seed a test runs with: {@code -Dstacklab.seed} (a replay) or the test's own. */
    static long seed(long own) { return Long.getLong("stacklab.seed", own); }

    static void write(TestInfo info, List<String> lines) {
        String dir = System.getProperty("stacklab.trace.dir");
        if (dir == null || dir.isBlank()) return;
        String name = info.getTestClass().map(Class::getSimpleName).orElse("Test") + "-"
                + info.getTestMethod().map(Method::getName).orElse("test") + ".txt";
        try {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name), lines);
        } catch (IOException e) {
            // A trace that cannot be written does not fail the test; verify reports the missing file.
        }
    }
}
