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
 * id=lab1-driver
 * title=The e1000 driver
 * components=driver.e1000                       # set to "student" when the lab is graded
 * layer=driver                                  # which layer the student code plays (boundary rules)
 * tests=org\\.stacklab\\.labs\\.driver\\..*Test  # regex of graded test class names
 * student-packages=org.stacklab.labs.driver     # the student's code
 * timeout-seconds=10                            # wall-clock limit per test
 * </pre>
 *
 * The lab is run from what its Maven build leaves in {@code target/}: {@code classes},
 * {@code test-classes}, {@code hidden-test-classes} (compiled by {@link HiddenTests}) and the
 * dependency class path in {@code classpath.txt} (written during {@code package} by the
 * build-classpath execution every lab inherits from {@code labs/pom.xml}).
 */
public record Lab(String id, String title, Path dir, List<String> components, String layer,
                  String testPattern, List<String> studentPackages, Duration timeout,
                  List<Path> testRoots, List<Path> classpath) {

    public static final String DESCRIPTOR = "lab.properties";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public Lab {
        components = List.copyOf(components);
        studentPackages = List.copyOf(studentPackages);
        testRoots = List.copyOf(testRoots);
        classpath = List.copyOf(classpath);
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
        cp.add(target.resolve("classes"));
        cp.addAll(roots);
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
                Duration.ofSeconds(Long.parseLong(p.getProperty("timeout-seconds", "" + DEFAULT_TIMEOUT.toSeconds()).trim())),
                roots, cp);
    }

    /** This lab with a different per-test limit. */
    public Lab withTimeout(Duration t) {
        return new Lab(id, title, dir, components, layer, testPattern, studentPackages, t, testRoots, classpath);
    }

    /** This lab with hidden test classes added as a test root (and to the class path). */
    public Lab withTestRoot(Path root) {
        if (testRoots.contains(root)) return this;
        List<Path> roots = new ArrayList<>(testRoots);
        roots.add(root);
        List<Path> cp = new ArrayList<>(classpath);
        cp.add(1, root);
        return new Lab(id, title, dir, components, layer, testPattern, studentPackages, timeout, roots, cp);
    }

    /** Where the student's compiled code is (what the boundary rules check). */
    public Path studentClasses() { return dir.resolve("target").resolve("classes"); }

    public boolean isBuilt() {
        return Files.isDirectory(studentClasses()) || testRoots.stream().anyMatch(Files::isDirectory);
    }

    private static List<String> list(String s) {
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
