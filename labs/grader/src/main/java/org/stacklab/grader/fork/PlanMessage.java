package org.stacklab.grader.fork;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.stacklab.grader.Points;
import org.stacklab.grader.Visibility;

/** The {@code plan} message: every discovered test with its class, method, points and visibility. */
final class PlanMessage {
    private PlanMessage() {}

    static JsonObject of(TestPlan plan) {
        JsonArray tests = new JsonArray();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier t : plan.getDescendants(root)) {
                if (!t.isTest()) continue;
                tests.add(describe(plan, t));
            }
        }
        JsonObject m = new JsonObject();
        m.addProperty("type", "plan");
        m.add("tests", tests);
        return m;
    }

    private static JsonObject describe(TestPlan plan, TestIdentifier t) {
        JsonObject o = new JsonObject();
        o.addProperty("id", t.getUniqueId());
        o.addProperty("display", t.getDisplayName());
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
        String parent = t.getParentIdObject().map(Object::toString).orElse("");
        for (TestIdentifier p = t; p != null; p = plan.getParent(p).orElse(null)) {
            if (p.isContainer() && p.getSource().filter(s -> s instanceof org.junit.platform.engine.support.descriptor.ClassSource).isPresent()) {
                parent = p.getUniqueId();
                break;
            }
        }
        o.addProperty("container", parent);
        o.addProperty("class", cls);
        o.addProperty("method", method);
        o.addProperty("points", points == null ? 0.0 : Math.max(0.0, points.value()));
        o.addProperty("visibility", (points == null ? Visibility.VISIBLE : points.visibility()).json());
        JsonArray tags = new JsonArray();
        if (points != null) for (String tag : points.tags()) tags.add(tag);
        o.add("tags", tags);
        return o;
    }
}
