package org.stacklab.kernel.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Finds component implementations on the class path and creates the one a {@link ModuleSet}
 * chooses. Tests may also register an instance directly (a Mockito double) with {@link #override}.
 */
public final class Components {
    private static volatile List<ComponentProvider> discovered;
    private static final Map<String, Supplier<?>> overrides = new TreeMap<>();

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

    /** Registers {@code impl} as implementation {@code implName} of {@code component} (tests, doubles). */
    public static synchronized void override(String component, String implName, Supplier<?> factory) {
        overrides.put(component + "=" + implName, factory);
    }

    public static synchronized void clearOverrides() { overrides.clear(); }

    /** Creates the implementation of {@code component} that {@code set} chooses. */
    public static <T> T create(String component, Class<T> type, ModuleSet set) {
        String impl = set.implFor(component);
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
