package org.stacklab.solutions.ip;

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
    /**
     * The last lookup and its answer (a one-entry dst cache): a bulk transfer asks for the same
     * destination for every segment. Any change to the table forgets it.
     */
    private boolean cached;
    private int cachedDaddr;
    private Route cachedRoute;

    public FibTable() {
        for (int i = 0; i <= 32; i++) byPrefix[i] = new LinkedHashMap<>();
    }

    @Override
    public void add(Route r) {
        cached = false;
        Route n = normalise(r);
        List<Route> l = byPrefix[n.prefixLen()].computeIfAbsent(n.dest(), k -> new ArrayList<>());
        if (l.contains(n)) return; // ip route add of an identical route: nothing changes
        l.add(n);
        size++;
    }

    @Override
    public boolean remove(Route r) {
        cached = false;
        Route n = normalise(r);
        List<Route> l = byPrefix[n.prefixLen()].get(n.dest());
        if (l == null || !l.remove(n)) return false;
        if (l.isEmpty()) byPrefix[n.prefixLen()].remove(n.dest());
        size--;
        return true;
    }

    /** Removes every route through {@code dev} (the device went away). */
    public void removeDevice(String dev) {
        for (Route r : routes()) if (r.dev().equals(dev)) remove(r);
    }

    @Override
    public Route lookup(int daddr) {
        if (cached && daddr == cachedDaddr) return cachedRoute;
        Route best = longestMatch(daddr);
        cached = true;
        cachedDaddr = daddr;
        cachedRoute = best;
        return best;
    }

    private Route longestMatch(int daddr) {
        for (int p = 32; p >= 0; p--) {
            if (byPrefix[p].isEmpty()) continue;
            List<Route> l = byPrefix[p].get(daddr & Ip4.mask(p));
            if (l == null) continue;
            Route best = null;
            for (Route r : l) if (best == null || r.metric() < best.metric()) best = r;
            return best;
        }
        return null;
    }

    @Override
    public List<Route> routes() {
        List<Route> out = new ArrayList<>(size);
        for (int p = 32; p >= 0; p--) {
            List<Route> bucket = new ArrayList<>();
            for (List<Route> l : byPrefix[p].values()) bucket.addAll(l);
            bucket.sort(Comparator.comparingLong((Route r) -> r.dest() & 0xffffffffL).thenComparingInt(Route::metric));
            out.addAll(bucket);
        }
        return out;
    }

    public int size() { return size; }

    private static Route normalise(Route r) {
        int dest = r.dest() & Ip4.mask(r.prefixLen());
        return dest == r.dest() ? r
                : new Route(dest, r.prefixLen(), r.gateway(), r.dev(), r.src(), r.metric(), r.proto(), r.scope());
    }
}
