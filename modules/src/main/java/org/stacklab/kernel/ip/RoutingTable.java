package org.stacklab.kernel.ip;

import java.util.List;

/** The FIB: routes, and longest-prefix-match lookup (ties broken by lower metric). */
public interface RoutingTable {
    void add(Route r);

    boolean remove(Route r);

    /** The most specific route to {@code daddr}, or null (ENETUNREACH). */
    Route lookup(int daddr);

    /** All routes, in {@code ip route}'s order (most specific first, default last is fine). */
    List<Route> routes();
}
