package org.stacklab.kernel.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Finds component implementations on the class path and creates the one a {@link ModuleSet}
 * chooses. Tests may also register an instance directly (a Mockito double) with {@link #override}.
 */
public final class Components {
    /** Set by the grader on the graded JVM's command line: the components the lab grades. */
    public static final String GRADED_PROPERTY = "stacklab.graded";

    private static volatile List<ComponentProvider> discovered;
    private static final Map<String, Supplier<?>> overrides = new TreeMap<>();
    /**
     * In a graded run (the grader sets {@value #GRADED_PROPERTY}), the routing is fixed when this
     * class loads, before any student code: the {@code stacklab.use} choice and the graded
     * components, whose reference this factory then refuses to create. Null outside a graded run.
     */
    private static final GradedRun GRADED = GradedRun.fromSystemProperties();

    /** The routing of a graded run, read once. */
    private record GradedRun(String use, Set<String> components) {
        static GradedRun fromSystemProperties() {
            String g = System.getProperty(GRADED_PROPERTY);
            if (g == null) return null;
            Set<String> c = new TreeSet<>();
            for (String s : g.split(",")) if (!s.isBlank()) c.add(s.trim());
            return new GradedRun(System.getProperty("stacklab.use"), Set.copyOf(c));
        }

        /** Whether {@code component} is, or is part of, a graded one. */
        boolean grades(String component) {
            for (String g : components) if (component.equals(g) || component.startsWith(g + ".")) return true;
            return false;
        }
    }

    private Components() {}

    public static List<ComponentProvider> all() {
        List<ComponentProvider> d = discovered;
        if (d == null) {
            d = new ArrayList<>();
            for (ComponentProvider p : ServiceLoader.load(ComponentProvider.class)) d.add(p);
            discovered = d;
        }
        return d;
    }

    /**
     * The {@code stacklab.use} choice: in a graded run the one the grader set when the run began,
     * else the system property as it is now.
     */
    public static String useProperty() {
        return GRADED != null ? GRADED.use() : System.getProperty("stacklab.use");
    }

    /** Registers {@code impl} as implementation {@code implName} of {@code component} (tests, doubles). */
    public static synchronized void override(String component, String implName, Supplier<?> factory) {
        if (GRADED != null) {
            throw new IllegalStateException("Components.override is a tool for the kernel's own tests; in a graded"
                    + " run the grader fixes every component before your code loads");
        }
        overrides.put(component + "=" + implName, factory);
    }

    public static synchronized void clearOverrides() { overrides.clear(); }

    /** Creates the implementation of {@code component} that {@code set} chooses. */
    public static <T> T create(String component, Class<T> type, ModuleSet set) {
        String impl = set.implFor(component);
        if (GRADED != null && !ModuleSet.STUDENT.equals(impl) && !ModuleSet.NONE.equals(impl) && GRADED.grades(component)) {
            throw new IllegalStateException("component '" + component + "' is what this lab grades, so only your"
                    + " implementation (" + component + "=student) can be loaded in a graded run, not '" + impl + "'");
        }
        Supplier<?> o;
        synchronized (Components.class) {
            o = overrides.get(component + "=" + impl);
        }
        if (o != null) return type.cast(o.get());
        List<String> known = new ArrayList<>();
        for (ComponentProvider p : all()) {
            if (!p.component().equals(component)) continue;
            known.add(p.impl());
            if (p.impl().equals(impl)) {
                Object obj = p.create();
                if (!type.isInstance(obj)) {
                    throw new IllegalStateException("component " + component + "=" + impl + " made a "
                            + obj.getClass().getName() + ", which is not a " + type.getName());
                }
                return type.cast(obj);
            }
        }
        throw new IllegalArgumentException("no '" + impl + "' implementation of component '" + component
                + "' on the class path" + (known.isEmpty() ? "" : " (found: " + String.join(", ", known) + ")")
                + (ModuleSet.STUDENT.equals(impl) ? "; is the lab that provides it built?" : ""));
    }

    /** Whether {@code impl} of {@code component} can be created. */
    public static boolean available(String component, String impl) {
        synchronized (Components.class) {
            if (overrides.containsKey(component + "=" + impl)) return true;
        }
        return all().stream().anyMatch(p -> p.component().equals(component) && p.impl().equals(impl));
    }
}
