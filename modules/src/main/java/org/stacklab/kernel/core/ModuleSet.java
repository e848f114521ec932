package org.stacklab.kernel.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which implementation to load for each component: the {@code --use tcp=student,ip=reference}
 * syntax, everywhere (command line, API, and the {@code stacklab.use} system property in tests).
 *
 * <p>Lookup is by the most specific name: {@code tcp.congestion} is chosen by an entry for
 * {@code tcp.congestion}, else {@code tcp}, else the default.
 */
public final class ModuleSet {
    public static final String REFERENCE = "reference";
    public static final String STUDENT = "student";
    /** {@code --use tcp=none}: leave the component out (a host with a driver but no IP, say). */
    public static final String NONE = "none";

    private final String defaultImpl;
    private final Map<String, String> overrides;

    private ModuleSet(String defaultImpl, Map<String, String> overrides) {
        this.defaultImpl = defaultImpl;
        this.overrides = overrides;
    }

    /** Everything from the reference solutions (the demo, the benchmarks). */
    public static ModuleSet reference() { return new ModuleSet(REFERENCE, Map.of()); }

    public static ModuleSet allOf(String impl) { return new ModuleSet(impl, Map.of()); }

    /**
     * {@code base} as the default, then overrides from {@code use} ("tcp=student,ip=reference"),
     * then overrides from the {@code stacklab.use} system property if set (in a graded run, its
     * value when the run began: see {@link Components#useProperty()}).
     */
    public static ModuleSet parse(String base, String use) {
        ModuleSet s = allOf(base).with(use);
        String prop = Components.useProperty();
        return prop == null || prop.isBlank() ? s : s.with(prop);
    }

    /** This set with more overrides, in the {@code a=impl,b=impl} syntax. */
    public ModuleSet with(String use) {
        Map<String, String> m = new LinkedHashMap<>(overrides);
        if (use != null && !use.isBlank()) {
            for (String part : use.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) continue;
                int eq = p.indexOf('=');
                if (eq <= 0 || eq == p.length() - 1) {
                    throw new IllegalArgumentException("bad --use entry '" + p
                            + "': write COMPONENT=IMPL, e.g. --use tcp=student,ip=reference");
                }
                m.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
        }
        return new ModuleSet(defaultImpl, m);
    }

    public ModuleSet with(String component, String impl) {
        Map<String, String> m = new LinkedHashMap<>(overrides);
        m.put(component, impl);
        return new ModuleSet(defaultImpl, m);
    }

    /** The implementation chosen for {@code component}. */
    public String implFor(String component) {
        String c = component;
        while (true) {
            String v = overrides.get(c);
            if (v != null) return v;
            int dot = c.lastIndexOf('.');
            if (dot < 0) return defaultImpl;
            c = c.substring(0, dot);
        }
    }

    public String defaultImpl() { return defaultImpl; }

    public Map<String, String> overrides() { return Map.copyOf(overrides); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("default=" + defaultImpl);
        overrides.forEach((k, v) -> sb.append(',').append(k).append('=').append(v));
        return sb.toString();
    }
}
