package org.stacklab.grader;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Builds {@link Lab}s over the fixture classes of this module's test class path. */
final class GraderHarness {
    private GraderHarness() {}

    static Path testClasses() {
        return Grader.locationOf(GraderHarness.class);
    }

    static List<Path> testClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    static Lab fixture(String id, String classRegex, Duration timeout) {
        return new Lab(id, "fixture " + id, testClasses().getParent().getParent(), List.of("fixture"), null,
                classRegex, List.of(), timeout, List.of(testClasses()), testClasspath());
    }
}
