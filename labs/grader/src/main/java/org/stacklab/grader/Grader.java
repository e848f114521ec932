package org.stacklab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.stacklab.grader.arch.BoundaryCheck;
import org.stacklab.grader.fork.ChildMain;
import org.stacklab.grader.fork.ForkedTestRun;
import org.stacklab.grader.fork.PlannedTest;
import org.stacklab.grader.fork.TestPlanner;
import org.stacklab.grader.submission.ReferenceIsolation;
import org.stacklab.grader.submission.Submission;

/**
 * Grades labs. What counts is decided here, from the course's tree, and nothing the submission
 * does can change it (README, "How grading resists cheating"):
 *
 * <ol>
 *   <li>the graded tests and their points are found in the course's build of the tests
 *       ({@link TestPlanner}), before any student code exists in any JVM;</li>
 *   <li>from the submission only the lab's student-package sources are taken and compiled here
 *       ({@link Submission}); their classes come last on the test JVM's class path;</li>
 *   <li>every class they compile to is checked against the boundary rules; one broken rule, or code
 *       that does not compile, scores the lab 0 and its tests are not run;</li>
 *   <li>the graded components' reference is absent from the test JVM ({@link ReferenceIsolation})
 *       and its routing is fixed before student code loads;</li>
 *   <li>the tests run in a supervised JVM ({@link ForkedTestRun}) in an empty working folder,
 *       sandboxed, optionally as an unprivileged user, within a per-test limit and a lab budget.</li>
 * </ol>
 */
public final class Grader {
    private final Path root;

    public Grader(Path root) { this.root = root; }

    public LabResult grade(Lab lab, GradeOptions opts, ForkedTestRun.Listener listener) throws IOException {
        long t0 = System.nanoTime();
        Lab ready = HiddenTests.prepare(root, lab);
        if (opts.timeout() != null) ready = ready.withTimeout(opts.timeout());
        boolean graded = ModuleSetNames.STUDENT.equals(opts.impl()) && !lab.studentPackages().isEmpty();
        Path work = Files.createTempDirectory("stacklab-grade-");
        try {
            List<PlannedTest> plan = TestPlanner.discover(ready.testRoots(), ready.compileClasspath(), ready.testPattern());
            if (plan.isEmpty()) {
                return new LabResult(lab, List.of(unloadable(lab, ready)), secondsSince(t0));
            }
            String only = opts.test();
            List<PlannedTest> selected = only == null ? plan : plan.stream().filter(t -> matches(t, only)).toList();
            if (selected.isEmpty()) throw new NoSuchTestException(lab, only, plan);

            List<String> notes = new ArrayList<>();
            List<TestOutcome> tests = new ArrayList<>();
            Path student = null;
            String zero = null;
            if (graded) {
                Path repo = opts.submission() != null ? opts.submission() : root;
                Submission sub = Submission.take(ready, repo, work.resolve("student"), lab.dir().resolve("src/main/resources"));
                notes.addAll(sub.notes());
                if (!sub.compiled()) {
                    zero = sub.failure();
                    tests.add(new TestOutcome(lab.id(), "submission", "", "submission", "your code compiles", 0,
                            Visibility.VISIBLE, List.of("build"), false, sub.failure(), 0));
                } else {
                    student = sub.classes();
                    if (opts.checkBoundaries() && only == null) {
                        List<TestOutcome> rules = BoundaryCheck.check(ready, student);
                        tests.addAll(rules);
                        List<String> broken = rules.stream().filter(r -> !r.passed()).map(TestOutcome::method).toList();
                        if (!broken.isEmpty()) {
                            zero = "your code breaks " + (broken.size() == 1 ? "an architecture rule" : broken.size()
                                    + " architecture rules") + " (" + String.join(", ", broken) + "), so the lab scores 0"
                                    + " and its tests were not run. The rule's explanation is above; fix it and grade again.";
                        }
                    }
                }
            } else if (!lab.studentPackages().isEmpty() && Files.isDirectory(lab.starterClasses())) {
                student = lab.starterClasses();
            }
            if (zero != null) {
                String why = zero.lines().findFirst().orElse(zero);
                for (PlannedTest t : selected) {
                    tests.add(new TestOutcome(lab.id(), t.id(), t.className(), t.method(), t.name(), t.points(),
                            t.visibility(), t.tags(), false, "not run: " + why, 0));
                }
                return new LabResult(lab, tests, secondsSince(t0), notes, zero);
            }

            Map<String, String> props = new LinkedHashMap<>();
            props.put("stacklab.use", opts.moduleSetFor(lab));
            props.put("stacklab.impl", opts.impl());
            props.put("stacklab.lab", lab.id());
            if (graded) props.put("stacklab.graded", String.join(",", lab.components()));
            if (opts.seed() != null) props.put("stacklab.seed", Long.toString(opts.seed()));
            props.putAll(opts.extraProperties());
            Path run = Files.createDirectories(work.resolve("run"));
            List<Path> cp = childClasspath(ready, graded, work);
            if (opts.runAs() != null) {
                cp = stage(cp, work.resolve("cp"));
                if (student != null) student = stage(List.of(student), work.resolve("cp-student")).get(0);
                shareWith(opts.runAs(), work, run);
            }
            ForkedTestRun.Spec spec = new ForkedTestRun.Spec(lab.id(), cp, student, props, ready.timeout(),
                    ready.budget(), opts.maxHeap(), run, opts.runAs());
            ForkedTestRun forked = new ForkedTestRun(spec, listener);
            tests.addAll(forked.run(selected));
            if (graded && !forked.sandboxed()) {
                notes.add("this JDK (" + Runtime.version() + ") has no Security Manager, so the test JVM ran without its"
                        + " run-time sandbox; the static rules still applied. Grade on JDK 17 for the full guard.");
            }
            return new LabResult(lab, tests, secondsSince(t0), notes, null);
        } finally {
            deleteTree(work);
        }
    }

    /** {@code --test NAME} matched no test of the lab: an error, not an empty result. */
    public static final class NoSuchTestException extends IllegalArgumentException {
        public NoSuchTestException(Lab lab, String name, List<PlannedTest> plan) {
            super("no test of " + lab.id() + " is called '" + name + "'; its tests are: "
                    + String.join(", ", plan.stream().map(PlannedTest::method).distinct().toList()));
        }
    }

    private static double secondsSince(long t0) { return (System.nanoTime() - t0) / 1e9; }

    static boolean matches(PlannedTest t, String name) {
        return name.equals(t.method()) || name.equals(t.name()) || name.equals(t.display())
                || name.equals(t.className() + "#" + t.method())
                || name.equals(simple(t.className()) + "#" + t.method());
    }

    private static String simple(String cls) { return cls.substring(cls.lastIndexOf('.') + 1); }

    private static TestOutcome unloadable(Lab lab, Lab ready) {
        String why = ready.testRoots().stream().anyMatch(Files::isDirectory)
                ? "no test class matching " + ready.testPattern() + " was found in " + ready.testRoots()
                : "the lab's tests are not built (no " + ready.testRoots().get(0) + ")";
        return new TestOutcome(lab.id(), lab.id() + "/load", "", "", "the lab's tests could be loaded", 0,
                Visibility.VISIBLE, List.of(), false,
                "the graded tests could not be found: " + why + "\nIs the lab built? Run ./stacklab, or mvn -q -DskipTests package.", 0);
    }

    /**
     * The test JVM's class path: the course's tests, the lab's dependencies (without the graded
     * components' reference when graded, and without native access unless the lab needs it), and
     * what the child itself needs. The student's classes are added last by {@link ForkedTestRun}.
     */
    static List<Path> childClasspath(Lab lab, boolean graded, Path work) throws IOException {
        List<Path> deps = new ArrayList<>();
        for (Path p : lab.classpath()) {
            if (!Files.exists(p)) continue;
            if (!lab.nativeAccess() && p.getFileName().toString().startsWith("jna")) continue;
            deps.add(p);
        }
        Set<Path> cp = new LinkedHashSet<>();
        for (Path p : lab.testRoots()) if (Files.exists(p)) cp.add(p);
        cp.addAll(deps);
        // The reference may sit in the test classes too (lab 0 compiles its reference programs there).
        if (graded) cp = new LinkedHashSet<>(ReferenceIsolation.without(new ArrayList<>(cp), lab.referenceClasses(), work));
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

    /** Copies of {@code entries} under {@code dir}, readable by everyone (for a test JVM run as another user). */
    private static List<Path> stage(List<Path> entries, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        int n = 0;
        for (Path e : entries) {
            Path t = dir.resolve((n++) + "-" + e.getFileName());
            if (Files.isDirectory(e)) {
                try (Stream<Path> s = Files.walk(e)) {
                    for (Path p : s.toList()) {
                        Path q = t.resolve(e.relativize(p).toString());
                        if (Files.isDirectory(p)) Files.createDirectories(q);
                        else Files.copy(p, q);
                    }
                }
            } else {
                Files.copy(e, t);
            }
            out.add(t);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return out;
    }

    /** Lets {@code user} into {@code work} (read only) and gives it {@code run}, its working folder. */
    private static void shareWith(String user, Path work, Path run) throws IOException {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        UserPrincipal u = work.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        Files.setOwner(run, u);
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temp folder
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    /** The implementation names the grader passes (kept here: the grader does not depend on the kernel). */
    static final class ModuleSetNames {
        static final String STUDENT = "student";
    }
}
