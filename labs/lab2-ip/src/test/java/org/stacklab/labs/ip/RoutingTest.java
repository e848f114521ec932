package org.stacklab.labs.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.ip.Route;
import org.stacklab.kernel.ip.RoutingTable;
import org.stacklab.kernel.socket.Errno;

/** The routing table (component ip.routing): longest-prefix match, metrics, removal, no route. */
class RoutingTest {
    IpRig rig;

    @AfterEach
    void healthy(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    RoutingTable table() {
        rig = IpRig.wired(301);
        return rig.host("h2").ip().routes();
    }

    static Route via(String cidr, String gw, int metric) {
        int slash = cidr.indexOf('/');
        Route r = Route.via(Ip4.parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)), Ip4.parse(gw), "eth0");
        return new Route(r.dest(), r.prefixLen(), r.gateway(), r.dev(), r.src(), metric, r.proto(), r.scope());
    }

    String gw(RoutingTable t, String dst) {
        Route r = t.lookup(Ip4.parse(dst));
        return r == null ? null : r.gateway() == 0 ? "connected" : Ip4.format(r.gateway());
    }

    String dump(RoutingTable t) {
        StringBuilder sb = new StringBuilder("\n  ip route:\n");
        for (Route r : t.routes()) sb.append("    ").append(r.format()).append('\n');
        return sb + rig.explain();
    }

    @Test @Points(3)
    @DisplayName("longest prefix wins: /8, /16, /24, /25, a /32 host route and the default, each chosen where it is the most specific")
    void longestPrefixMatch() {
        RoutingTable t = table();
        t.add(via("172.16.0.0/12", "10.0.0.11", 0));
        t.add(via("172.16.0.0/16", "10.0.0.12", 0));
        t.add(via("172.16.5.0/24", "10.0.0.13", 0));
        t.add(via("172.16.5.128/25", "10.0.0.14", 0));
        t.add(via("172.16.5.200/32", "10.0.0.15", 0));
        t.add(Route.defaultVia(Ip4.parse("10.0.0.254"), "eth0"));
        assertEquals("10.0.0.13", gw(t, "172.16.5.1"), "/24" + dump(t));
        assertEquals("10.0.0.14", gw(t, "172.16.5.129"), "/25" + dump(t));
        assertEquals("10.0.0.15", gw(t, "172.16.5.200"), "/32" + dump(t));
        assertEquals("10.0.0.12", gw(t, "172.16.9.9"), "/16" + dump(t));
        assertEquals("10.0.0.11", gw(t, "172.31.0.1"), "/12" + dump(t));
        assertEquals("10.0.0.254", gw(t, "172.32.0.1"), "outside 172.16/12: the default" + dump(t));
        assertEquals("connected", gw(t, "10.0.0.9"), "10.0.0.0/24 is connected (added by ip addr add)" + dump(t));
    }

    @Test @Points(1)
    @DisplayName("equal prefixes: the lower metric wins; removing a route falls back to the next best; routes() is most specific first")
    void metricsAndRemoval() {
        RoutingTable t = table();
        Route slow = via("192.168.0.0/16", "10.0.0.21", 100);
        Route fast = via("192.168.0.0/16", "10.0.0.22", 10);
        Route wide = via("192.168.0.0/15", "10.0.0.23", 0);
        t.add(slow);
        t.add(fast);
        t.add(wide);
        assertEquals("10.0.0.22", gw(t, "192.168.3.3"), "metric 10 beats 100" + dump(t));
        assertTrue(t.remove(fast), dump(t));
        assertEquals("10.0.0.21", gw(t, "192.168.3.3"), dump(t));
        assertTrue(t.remove(slow), dump(t));
        assertEquals("10.0.0.23", gw(t, "192.168.3.3"), "the /15 is next" + dump(t));
        List<Route> all = t.routes();
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).prefixLen() >= all.get(i).prefixLen(), "most specific first" + dump(t));
        }
    }

    @Test @Points(1)
    @DisplayName("no route: lookup gives null and a UDP sendto fails with ENETUNREACH")
    void noRoute() {
        RoutingTable t = table();
        assertNull(t.lookup(Ip4.parse("8.8.8.8")), "no default route was added" + dump(t));
        assertNotNull(t.lookup(Ip4.parse("10.0.0.200")), dump(t));
        int rc = IpRig.sendTo(IpRig.udp(rig.host("h2")), "x", "8.8.8.8", 53);
        assertEquals(Errno.ENETUNREACH.neg(), rc, "sendto with no route" + dump(t));
    }
}
