package org.stacklab.kernel.core;

import java.util.Map;
import java.util.HashMap;

/**
 * Kernel tunables by their /proc/sys name ({@code net.ipv4.ip_forward}, {@code net.ipv4.tcp_rmem}).
 * Modules read them when they need them, so a test or the shell can change one at any time.
 */
public final class Sysctl {
    /** Hashed, not sorted: modules read tunables per packet, and {@link #all} promises no order anyway. */
    private final Map<String, Long> values = new HashMap<>();

    public long get(String name, long dflt) {
        Long v = values.get(name);
        return v == null ? dflt : v;
    }

    public boolean isOn(String name) { return get(name, 0) != 0; }

    public void set(String name, long value) { values.put(name, value); }

    public Map<String, Long> all() { return Map.copyOf(values); }
}
