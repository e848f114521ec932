package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.grader.Lab;
import org.stacklab.grader.submission.ReferenceIsolation;

/**
 * For every lab of the tree: with its {@code reference-classes} cut out, the reference no longer
 * offers any of the lab's graded components (so nothing can delegate to it), those classes cannot
 * be loaded, and no other reference class still needs them (so the rest of the reference works).
 */
class LabReferenceIsolationTest {
    @TempDir Path work;

    static Path location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The classes of a folder or a jar (the reference is a folder in an IDE, a jar in a Maven build). */
    static com.tngtech.archunit.core.domain.JavaClasses classesOf(Path p) {
        try {
            return p.toString().endsWith(".jar") ? new ClassFileImporter().importJar(new java.util.jar.JarFile(p.toFile()))
                    : new ClassFileImporter().importPath(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> eachLabHidesItsGradedReference() throws Exception {
        List<Lab> labs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("..", "labs"))) {
            for (Path d : dirs.sorted().toList()) if (Files.exists(d.resolve(Lab.DESCRIPTOR))) labs.add(Lab.load(d));
        }
        assertTrue(labs.size() >= 8, "labs found: " + labs.size());
        Path solutions = location(Class.forName("org.stacklab.solutions.tcp.TcpComponents"));
        List<Path> kernel = List.of(location(org.stacklab.kernel.core.ComponentProvider.class),
                location(org.stacklab.hw.nic.E1000.class), location(com.google.common.base.Preconditions.class));
        return labs.stream().map(lab -> DynamicTest.dynamicTest(lab.id(), () -> {
            assertFalse(lab.referenceClasses().isEmpty(), lab.id() + " names no reference-classes in lab.properties");
            Path labWork = Files.createDirectories(work.resolve(lab.id()));
            // Lab 0's reference programs are compiled into the lab's test classes, the rest into the reference jar.
            Path testClasses = lab.dir().resolve("target/test-classes");
            List<Path> sources = Files.isDirectory(testClasses) ? List.of(solutions, testClasses) : List.of(solutions);
            List<Path> isolated = ReferenceIsolation.without(sources, lab.referenceClasses(), labWork);
            Pattern excluded = ReferenceIsolation.pattern(lab.referenceClasses());

            List<URL> urls = new ArrayList<>();
            for (Path p : isolated) urls.add(p.toUri().toURL());
            for (Path p : kernel) urls.add(p.toUri().toURL());
            try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
                Class<?> providerType = loader.loadClass("org.stacklab.kernel.core.ComponentProvider");
                List<String> offered = new ArrayList<>();
                for (Object p : ServiceLoader.load(providerType, loader)) {
                    String component = (String) providerType.getMethod("component").invoke(p);
                    String impl = (String) providerType.getMethod("impl").invoke(p);
                    offered.add(component + "=" + impl);
                    for (String graded : lab.components()) {
                        boolean hit = component.equals(graded) || component.startsWith(graded + ".");
                        assertFalse(hit && !impl.equals("student"), lab.id() + ": the reference still offers " + component + "=" + impl);
                    }
                }
                assertTrue(offered.contains("tcp=reference") || lab.components().stream().anyMatch(c -> c.equals("tcp")),
                        lab.id() + ": the rest of the reference must stay (found " + offered + ")");
                List<String> names = new ArrayList<>();
                for (Path src : sources) {
                    classesOf(src).stream().map(JavaClass::getName)
                            .filter(n -> excluded.matcher(n).matches()).forEach(names::add);
                }
                org.junit.jupiter.api.Assumptions.assumeTrue(!names.isEmpty() || Files.isDirectory(testClasses),
                        lab.id() + ": the lab is not built");
                assertFalse(names.isEmpty(), lab.id() + ": reference-classes match no class of the reference");
                for (String n : names) assertThrows(ClassNotFoundException.class, () -> loader.loadClass(n), n);
            }
            List<String> dangling = new ArrayList<>();
            for (JavaClass c : isolated.stream().flatMap(p -> classesOf(p).stream()).toList()) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    if (excluded.matcher(d.getTargetClass().getName()).matches()) dangling.add(c.getName() + " -> " + d.getTargetClass().getName());
                }
            }
            assertEquals(List.of(), dangling, lab.id() + ": reference classes still need what the lab hides");
        }));
    }
}
