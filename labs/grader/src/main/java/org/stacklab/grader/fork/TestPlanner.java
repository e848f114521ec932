package org.stacklab.grader.fork;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.stacklab.grader.Points;
import org.stacklab.grader.Visibility;

/**
 * The list of graded tests and their points, found by the grader itself in the course's build of
 * the test classes: never by the JVM that runs student code. Discovery loads test classes without
 * initialising them (no test or student code runs here), through a class loader that holds the
 * course's classes only. A test the course did not plan cannot count, and the maximum score is the
 * sum of the planned points.
 */
public final class TestPlanner {
    private TestPlanner() {}

    /** The tests under {@code roots} whose class names match {@code pattern}, in the launcher's order. */
    public static List<PlannedTest> discover(List<Path> roots, List<Path> classpath, String pattern) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path p : new LinkedHashSet<>(concat(roots, classpath))) if (Files.exists(p)) urls.add(p.toUri().toURL());
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader("stacklab-plan", urls.toArray(URL[]::new), TestPlanner.class.getClassLoader())) {
            me.setContextClassLoader(loader);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClasspathRoots(new LinkedHashSet<>(roots.stream().filter(Files::isDirectory).toList())))
                    .filters(includeClassNamePatterns(pattern))
                    .build();
            TestPlan plan = LauncherFactory.create().discover(request);
            List<PlannedTest> tests = new ArrayList<>();
            for (TestIdentifier root : plan.getRoots()) {
                for (TestIdentifier t : plan.getDescendants(root)) {
                    if (isUnit(t)) tests.add(describe(plan, t));
                }
            }
            return tests;
        } finally {
            me.setContextClassLoader(before);
        }
    }

    /**
     * A graded unit: a test method, or a test template or factory (a parameterized test, a
     * {@code @TestFactory}) as a whole: its invocations are made while it runs, so they cannot be
     * planned one by one; the unit passes only if every one of them passes.
     */
    static boolean isUnit(TestIdentifier t) {
        return t.getSource().filter(s -> s instanceof MethodSource).isPresent();
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static PlannedTest describe(TestPlan plan, TestIdentifier t) {
        Optional<TestSource> src = t.getSource();
        String cls = "";
        String method = t.getDisplayName();
        Points points = null;
        if (src.isPresent() && src.get() instanceof MethodSource ms) {
            cls = ms.getClassName();
            method = ms.getMethodName();
            try {
                Method m = ms.getJavaMethod();
                points = m.getAnnotation(Points.class);
                if (points == null) points = m.getDeclaringClass().getAnnotation(Points.class);
                if (points == null) points = ms.getJavaClass().getAnnotation(Points.class);
            } catch (RuntimeException | LinkageError e) {
                // unloadable: worth nothing, and it will fail when run
            }
        }
        // The class container: tests under a failing @BeforeAll fail together.
        String container = t.getParentIdObject().map(Object::toString).orElse("");
        for (TestIdentifier p = t; p != null; p = plan.getParent(p).orElse(null)) {
            if (p.isContainer() && p.getSource().filter(s -> s instanceof ClassSource).isPresent()) {
                container = p.getUniqueId();
                break;
            }
        }
        double value = points == null || !(points.value() >= 0) || Double.isInfinite(points.value()) ? 0.0 : points.value();
        List<String> tags = points == null ? List.of() : List.of(points.tags());
        return new PlannedTest(t.getUniqueId(), container, cls, method, t.getDisplayName(), value,
                points == null ? Visibility.VISIBLE : points.visibility(), tags);
    }
}
