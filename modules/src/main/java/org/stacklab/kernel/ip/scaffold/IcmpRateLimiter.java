package org.stacklab.kernel.ip.scaffold;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.sim.Time;

/**
 * Limits the ICMP error messages sent to each destination (RFC 1812 §4.3.2.8, RFC 1122 §3.2.2):
 * a token bucket per destination refilled at one message per {@code net.ipv4.icmp_ratelimit} ms
 * (1000), holding at most six (Linux's XRLIM_BURST_FACTOR), so a burst of a few errors passes and
 * a flood is cut to one per second. Bounded to the 1024 most recently used destinations.
 */
public final class IcmpRateLimiter {
    private static final int BURST = 6;
    private static final int MAX_PEERS = 1024;

    private final Kernel kernel;
    /** Per destination: the virtual time up to which tokens have been spent. */
    private final Map<Integer, Long> spentUntil = new LinkedHashMap<>(16, 0.75f, true);

    public IcmpRateLimiter(Kernel kernel) {
        this.kernel = kernel;
    }

    public boolean allow(int daddr) {
        long interval = kernel.sysctl().get("net.ipv4.icmp_ratelimit", 1000) * Time.MS;
        if (interval <= 0) return true;
        long now = kernel.now();
        long spent = Math.max(spentUntil.getOrDefault(daddr, now), now);
        if (spent + interval - now > BURST * interval) return false;
        spentUntil.put(daddr, spent + interval);
        if (spentUntil.size() > MAX_PEERS) spentUntil.remove(spentUntil.keySet().iterator().next());
        return true;
    }
}
