package org.stacklab.grader;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * One lab, as its {@code labs/<id>/lab.properties} describes it:
 *
 * <pre>
 * id=lab3-udp
 * title=UDP
 * components=udp                                # set to "student" when the lab is graded
 * layer=udp                                     # which layer the student code plays (boundary rules)
 * tests=org\\.stacklab\\.labs\\.udp\\..*Test    # regex of graded test class names
 * student-packages=org.stacklab.labs.udp        # the only code a submission may contribute
 * reference-classes=org.stacklab.solutions.udp.*   # the graded components' reference: absent when graded
 * timeout-seconds=10                            # wall-clock limit per test
 * budget-seconds=120                            # wall-clock limit for the whole lab
 * native=false                                  # whether the tests need native access (JNA)
 * </pre>
 *
 * Everything here is the course's: the grader reads it from the course tree, never from a
 * submission. The lab runs from what the course's Maven build leaves in {@code target/}:
 * {@code test-classes}, {@code hidden-test-classes} (compiled by {@link HiddenTests}) and the
 * dependency class path in {@code classpath.txt}. {@code target/classes} is the course's build of
 * the starter: it is used to discover and compile tests, never to run a graded submission.
 */
public record Lab(String id, String title, Path dir, List<String> components, String layer,
                  String testPattern, List<String> studentPackages, Duration timeout, Duration budget,
                  List<Path> testRoots, List<Path> classpath, List<String> referenceClasses,
                  boolean nativeAccess) {

    public static final String DESCRIPTOR = "lab.properties";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(120);

    public Lab {
        components = List.copyOf(components);
        studentPackages = List.copyOf(studentPackages);
        testRoots = List.copyOf(testRoots);
        classpath = List.copyOf(classpath);
        referenceClasses = List.copyOf(referenceClasses);
    }

    /** A lab with the default budget, no reference to hide and no native access (test fixtures). */
    public Lab(String id, String title, Path dir, List<String> components, String layer, String testPattern,
               List<String> studentPackages, Duration timeout, List<Path> testRoots, List<Path> classpath) {
        this(id, title, dir, components, layer, testPattern, studentPackages, timeout, DEFAULT_BUDGET, testRoots,
                classpath, List.of(), false);
    }

    /** Reads {@code dir/lab.properties}; the class path comes from {@code dir/target}. */
    public static Lab load(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(DESCRIPTOR), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String id = p.getProperty("id", dir.getFileName().toString()).trim();
        Path target = dir.resolve("target");
        List<Path> roots = new ArrayList<>(List.of(target.resolve("test-classes")));
        Path hidden = target.resolve(HiddenTests.OUTPUT_DIR);
        if (Files.isDirectory(hidden)) roots.add(hidden);
        List<Path> cp = new ArrayList<>();
        Path cpFile = target.resolve("classpath.txt");
        if (Files.exists(cpFile)) {
            for (String e : Files.readString(cpFile).trim().split(java.io.File.pathSeparator)) {
                if (!e.isBlank()) cp.add(Path.of(e.trim()));
            }
        }
        return new Lab(id, p.getProperty("title", id).trim(), dir, list(p.getProperty("components", "")),
                blankToNull(p.getProperty("layer")),
                p.getProperty("tests", "org\\.stacklab\\.labs\\..*Test").trim(),
                list(p.getProperty("student-packages", "")),
                seconds(p, "timeout-seconds", DEFAULT_TIMEOUT), seconds(p, "budget-seconds", DEFAULT_BUDGET),
                roots, cp, list(p.getProperty("reference-classes", "")),
                Boolean.parseBoolean(p.getProperty("native", "false").trim()));
    }

    /** This lab with a different per-test limit (the lab's budget grows to fit at least one such test). */
    public Lab withTimeout(Duration t) {
        Duration b = budget.compareTo(t) < 0 ? t.multipliedBy(2) : budget;
        return new Lab(id, title, dir, components, layer, testPattern, studentPackages, t, b, testRoots, classpath,
                referenceClasses, nativeAccess);
    }

    /** This lab with a different wall-clock budget for all its tests together. */
    public Lab withBudget(Duration b) {
        return new Lab(id, title, dir, components, layer, testPattern, studentPackages, timeout, b, testRoots, classpath,
                referenceClasses, nativeAccess);
    }

    /** This lab with hidden test classes added as a test root. */
    public Lab withTestRoot(Path root) {
        if (testRoots.contains(root)) return this;
        List<Path> roots = new ArrayList<>(testRoots);
        roots.add(root);
        return new Lab(id, title, dir, components, layer, testPattern, studentPackages, timeout, budget, roots,
                classpath, referenceClasses, nativeAccess);
    }

    /** The course's own build of the starter (target/classes): for compiling and discovering tests only. */
    public Path starterClasses() { return dir.resolve("target").resolve("classes"); }

    /** What tests and submissions are compiled against: the starter, the test roots, the dependencies. */
    public List<Path> compileClasspath() {
        List<Path> cp = new ArrayList<>();
        cp.add(starterClasses());
        cp.addAll(testRoots);
        cp.addAll(classpath);
        return cp;
    }

    /** Where the student's sources sit in a repository laid out like the course's. */
    public Path sourcesIn(Path repo) { return repo.resolve("labs").resolve(dir.getFileName().toString()).resolve("src/main/java"); }

    public boolean isBuilt() {
        return Files.isDirectory(starterClasses()) || testRoots.stream().anyMatch(Files::isDirectory);
    }

    private static Duration seconds(Properties p, String key, Duration dflt) {
        return Duration.ofSeconds(Long.parseLong(p.getProperty(key, "" + dflt.toSeconds()).trim()));
    }

    private static List<String> list(String s) {
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
