package org.stacklab.testkit;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes a test's packet trace to {@code -Dstacklab.trace.dir} (one file per test) when that
 * property is set: {@code ./stacklab verify} runs the reference twice and compares the files, so a
 * scenario that is not a pure function of its seed shows up.
 */
public final class TraceDir {
    private TraceDir() {}

    /** The seed a test runs with: {@code -Dstacklab.seed} (a replay) or the test's own. */
    public static long seed(long own) { return Long.getLong("stacklab.seed", own); }

    /**
     * Writes {@code lines} as {@code CLASS-METHOD.txt}; the arguments are JUnit's
     * {@code TestInfo.getTestClass()} and {@code getTestMethod()} (this kit does not depend on JUnit).
     */
    public static void write(Optional<Class<?>> testClass, Optional<Method> testMethod, List<String> lines) {
        String dir = System.getProperty("stacklab.trace.dir");
        if (dir == null || dir.isBlank()) return;
        String name = testClass.map(Class::getSimpleName).orElse("Test") + "-"
                + testMethod.map(Method::getName).orElse("test") + ".txt";
        try {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name), lines);
        } catch (IOException e) {
            // A trace that cannot be written does not fail the test; verify reports the missing file.
        }
    }
}
