package org.stacklab.labs.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.scenario.Ping;
import org.stacklab.sim.Time;

/** Forwarding across a router (RFC 1812 §5.2, §5.3.1): h1 ── r1 ── h2. */
class ForwardTest {
    IpRig rig;

    @AfterEach
    void healthy(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    @Test @Points(3)
    @DisplayName("ping across the router: an echo reply, and h2 sees the request with TTL 63 and a header checksum that still verifies")
    void pingAcrossTheRouter() {
        rig = IpRig.routed(401);
        Ping.Result r = rig.host("h1").ping("10.0.2.1");
        assertNotNull(r, () -> "no answer across r1" + rig.explain());
        assertTrue(r.isEchoReply(), () -> r + rig.explain());
        List<byte[]> at2 = IpRig.icmp(rig.host("h2"), false, 8);
        assertFalse(at2.isEmpty(), () -> "the request never reached h2" + rig.explain());
        byte[] f = at2.get(0);
        assertEquals(63, f[14 + 8] & 0xff, () -> "r1 decrements the TTL once" + rig.explain());
        assertEquals(0, Checksum.compute(f, 14, 20), () -> "after the TTL changes the checksum must be updated (RFC 1624)" + rig.explain());
        assertTrue(IpRig.counter(rig.host("r1"), "ForwDatagrams") >= 2, () -> "r1 counts ForwDatagrams" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("TTL 1: the router answers ICMP time exceeded and does not forward")
    void ttlExpires() {
        rig = IpRig.routed(402);
        Ping.Result r = Ping.once(rig.host("h1"), "10.0.2.1", 1, 56, 1, Time.s(1));
        assertNotNull(r, () -> "expected ICMP time exceeded from r1" + rig.explain());
        assertEquals(11, r.type(), () -> "ICMP type" + rig.explain());
        assertEquals(Ip4.parse("10.0.1.254"), r.from(), () -> "from the router's address on h1's side" + rig.explain());
        assertTrue(IpRig.icmp(rig.host("h2"), false, 8).isEmpty(), () -> "the datagram must not reach h2" + rig.explain());
        assertEquals(1, IpRig.counter(rig.host("r1"), "InHdrErrors"), () -> "r1 counts the expired datagram as InHdrErrors (RFC 4293)" + rig.explain());
        assertEquals(1, rig.host("r1").kernel().drops(org.stacklab.kernel.ip.scaffold.IpMib.TTL_EXPIRED), () -> "and drops it with mib.drop(TTL_EXPIRED)" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("no route at the router: ICMP destination unreachable (net) back to the sender")
    void noRouteAtTheRouter() {
        rig = IpRig.routed(403);
        Ping.Result r = Ping.once(rig.host("h1"), "10.9.9.9", 1, 56, 0, Time.s(1));
        assertNotNull(r, () -> "expected ICMP unreachable from r1" + rig.explain());
        assertEquals(3, r.type(), () -> rig.explain());
        assertEquals(0, r.code(), () -> "code 0: net unreachable" + rig.explain());
        assertEquals(1, IpRig.counter(rig.host("r1"), "InNoRoutes"), () -> "r1 counts InNoRoutes" + rig.explain());
        assertEquals(1, rig.host("r1").kernel().drops(org.stacklab.kernel.ip.scaffold.IpMib.NO_ROUTE), () -> "and drops it with mib.drop(NO_ROUTE)" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("UDP both ways through the router")
    void udpBothWays() {
        rig = IpRig.routed(404);
        Sock a = IpRig.udpBound(rig.host("h1"), 5000);
        Sock b = IpRig.udpBound(rig.host("h2"), 6000);
        IpRig.sendTo(a, "ping", "10.0.2.1", 6000);
        rig.run(Time.ms(10));
        IpRig.sendTo(b, "pong", "10.0.1.1", 5000);
        rig.run(Time.ms(10));
        assertEquals(List.of("ping"), IpRig.drain(b), () -> rig.explain());
        assertEquals(List.of("pong"), IpRig.drain(a), () -> rig.explain());
    }
}
