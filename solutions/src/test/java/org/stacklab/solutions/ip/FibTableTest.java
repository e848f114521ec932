package org.stacklab.solutions.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.solutions.ip.IpNet.ip;

import org.junit.jupiter.api.Test;
import org.stacklab.kernel.ip.Route;

/** Longest-prefix match with overlapping prefixes, the default route, and metric tie-breaks. */
class FibTableTest {
    private final FibTable fib = new FibTable();

    private String via(String daddr) {
        Route r = fib.lookup(ip(daddr));
        return r == null ? null : r.format();
    }

    @Test
    void mostSpecificPrefixWins() {
        fib.add(Route.via(ip("10.0.0.0"), 8, ip("192.168.0.8"), "eth0"));
        fib.add(Route.via(ip("10.1.0.0"), 16, ip("192.168.0.16"), "eth0"));
        fib.add(Route.via(ip("10.1.2.0"), 24, ip("192.168.0.24"), "eth1"));
        fib.add(Route.via(ip("10.1.2.3"), 32, ip("192.168.0.32"), "eth1"));
        fib.add(Route.defaultVia(ip("192.168.0.1"), "eth0"));

        assertEquals("10.1.2.3/32 via 192.168.0.32 dev eth1", via("10.1.2.3"));
        assertEquals("10.1.2.0/24 via 192.168.0.24 dev eth1", via("10.1.2.4"));
        assertEquals("10.1.0.0/16 via 192.168.0.16 dev eth0", via("10.1.3.1"));
        assertEquals("10.0.0.0/8 via 192.168.0.8 dev eth0", via("10.200.0.1"));
        assertEquals("default via 192.168.0.1 dev eth0", via("8.8.8.8"));
        assertEquals(5, fib.routes().size());
        assertEquals(32, fib.routes().get(0).prefixLen(), "most specific first");
        assertEquals(0, fib.routes().get(4).prefixLen(), "default last");
    }

    @Test
    void noRouteWithoutDefault() {
        fib.add(Route.connected(ip("10.0.0.5"), 24, "eth0", ip("10.0.0.5")));
        assertEquals(ip("10.0.0.0"), fib.routes().get(0).dest(), "stored with the host bits masked off");
        assertNull(fib.lookup(ip("10.0.1.1")));
        assertEquals("10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5", via("10.0.0.200"));
    }

    @Test
    void equalPrefixesAreDecidedByMetric() {
        Route slow = new Route(ip("10.9.0.0"), 16, ip("10.0.0.1"), "eth0", 0, 100, "static", "global");
        Route fast = new Route(ip("10.9.0.0"), 16, ip("10.0.0.2"), "eth1", 0, 10, "static", "global");
        fib.add(slow);
        fib.add(fast);
        assertEquals(fast, fib.lookup(ip("10.9.1.1")));
        assertTrue(fib.remove(fast));
        assertEquals(slow, fib.lookup(ip("10.9.1.1")));
        assertFalse(fib.remove(fast), "already gone");
        fib.add(slow);
        assertEquals(1, fib.size(), "adding the same route twice keeps one");
    }

    @Test
    void removeDeviceTakesItsRoutes() {
        fib.add(Route.connected(ip("10.0.0.1"), 24, "eth0", ip("10.0.0.1")));
        fib.add(Route.connected(ip("10.0.1.1"), 24, "eth1", ip("10.0.1.1")));
        fib.removeDevice("eth0");
        assertNull(fib.lookup(ip("10.0.0.9")));
        assertEquals("eth1", fib.lookup(ip("10.0.1.9")).dev());
    }
}
