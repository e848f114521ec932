package org.stacklab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stacklab.grader.arch.BoundaryCheck;
import org.stacklab.grader.fork.ChildMain;
import org.stacklab.grader.fork.ForkedTestRun;
import org.stacklab.grader.fork.PlannedTest;

/**
 * Grades labs: the boundary rules on the student's classes first (reported as 0-point tests),
 * then the lab's visible and hidden tests in a supervised JVM ({@link ForkedTestRun}).
 */
public final class Grader {
    private final Path root;

    public Grader(Path root) { this.root = root; }

    public LabResult grade(Lab lab, GradeOptions opts, ForkedTestRun.Listener listener) throws IOException {
        long t0 = System.nanoTime();
        List<TestOutcome> tests = new ArrayList<>();
        if (opts.checkBoundaries() && "student".equals(opts.impl()) && opts.test() == null) {
            tests.addAll(BoundaryCheck.check(lab));
        }
        Lab ready = HiddenTests.prepare(root, lab);
        if (opts.timeout() != null) ready = ready.withTimeout(opts.timeout());
        Map<String, String> props = new LinkedHashMap<>();
        props.put("stacklab.use", opts.moduleSetFor(lab));
        props.put("stacklab.impl", opts.impl());
        props.put("stacklab.lab", lab.id());
        if (opts.seed() != null) props.put("stacklab.seed", Long.toString(opts.seed()));
        props.putAll(opts.extraProperties());
        ForkedTestRun.Spec spec = new ForkedTestRun.Spec(lab.id(), childClasspath(ready), ready.testRoots().stream()
                .filter(Files::isDirectory).toList(), ready.testPattern(), props, ready.timeout(), opts.maxHeap());
        String only = opts.test();
        tests.addAll(new ForkedTestRun(spec, listener).run(only == null ? null : t -> matches(t, only)));
        return new LabResult(lab, tests, (System.nanoTime() - t0) / 1e9);
    }

    static boolean matches(PlannedTest t, String name) {
        return name.equals(t.method()) || name.equals(t.name()) || name.equals(t.display())
                || name.equals(t.className() + "#" + t.method())
                || name.equals(simple(t.className()) + "#" + t.method());
    }

    private static String simple(String cls) { return cls.substring(cls.lastIndexOf('.') + 1); }

    /** The lab's class path, then what the child itself needs (grader, Gson, the JUnit launcher). */
    static List<Path> childClasspath(Lab lab) {
        Set<Path> cp = new LinkedHashSet<>();
        for (Path p : lab.classpath()) if (Files.exists(p)) cp.add(p);
        cp.add(locationOf(ChildMain.class));
        cp.add(locationOf(com.google.gson.Gson.class));
        cp.add(locationOf(org.junit.platform.launcher.core.LauncherFactory.class));
        cp.add(locationOf(org.junit.platform.engine.TestEngine.class));
        cp.add(locationOf(org.junit.platform.commons.util.ReflectionUtils.class));
        cp.add(locationOf(org.opentest4j.AssertionFailedError.class));
        return new ArrayList<>(cp);
    }

    static Path locationOf(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        try {
            return Path.of(cs.getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
