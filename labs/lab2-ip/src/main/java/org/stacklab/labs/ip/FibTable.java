package org.stacklab.labs.ip;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.ip.Route;
import org.stacklab.kernel.ip.RoutingTable;

/**
 * The main routing table (Linux's FIB, {@code ip route}): longest-prefix match, ties broken by the
 * lower metric, then by the route added first (RFC 1812 §5.2.4.3).
 *
 * <p>Routes are kept in 33 buckets, one per prefix length, each keyed by the masked destination, so
 * a lookup is at most 33 hash probes from /32 down to /0 and never walks the whole table.
 */
public final class FibTable implements RoutingTable {
    @SuppressWarnings("unchecked")
    private final Map<Integer, List<Route>>[] byPrefix = new Map[33];
    private int size;

    public FibTable() {
        for (int i = 0; i <= 32; i++) byPrefix[i] = new LinkedHashMap<>();
    }

    @Override
    public void add(Route r) {
        // TODO(2): store the route (normalise it; an identical route is added once)
        throw new UnsupportedOperationException("TODO: FibTable.add (lab 2, step 2)");
    }

    @Override
    public boolean remove(Route r) {
        // TODO(2): remove an equal route; false if there was none
        throw new UnsupportedOperationException("TODO: FibTable.remove (lab 2, step 2)");
    }

    /** Removes every route through {@code dev} (the device went away). */
    public void removeDevice(String dev) {
        for (Route r : routes()) if (r.dev().equals(dev)) remove(r);
    }

    @Override
    public Route lookup(int daddr) {
        // TODO(2): longest prefix match, ties to the lower metric (RFC 1812 §5.2.4.3)
        throw new UnsupportedOperationException("TODO: FibTable.lookup (lab 2, step 2)");
    }

    @Override
    public List<Route> routes() {
        // TODO(2): every route, most specific first
        throw new UnsupportedOperationException("TODO: FibTable.routes (lab 2, step 2)");
    }

    public int size() { return size; }

    private static Route normalise(Route r) {
        int dest = r.dest() & Ip4.mask(r.prefixLen());
        return dest == r.dest() ? r
                : new Route(dest, r.prefixLen(), r.gateway(), r.dev(), r.src(), r.metric(), r.proto(), r.scope());
    }
}
