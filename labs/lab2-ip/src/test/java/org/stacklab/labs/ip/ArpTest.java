package org.stacklab.labs.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.Ping;
import org.stacklab.sim.Time;

/** ARP (RFC 826): resolving a neighbour before the first datagram, the cache, the queue. */
class ArpTest {
    IpRig rig;

    @AfterEach
    void healthy(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    static int indexOf(List<String> trace, String text) {
        for (int i = 0; i < trace.size(); i++) if (trace.get(i).contains(text)) return i;
        return -1;
    }

    @Test @Points(2)
    @DisplayName("ping on a switch: the who-has request goes out first, the is-at reply comes back, then the echo")
    void arpBeforeTheFirstDatagram() {
        rig = IpRig.switched(101);
        Ping.Result r = rig.host("h1").ping("10.0.0.2");
        assertNotNull(r, () -> "no answer to ping" + rig.explain());
        assertTrue(r.isEchoReply(), () -> r + rig.explain());
        List<String> trace = rig.t.trace();
        int req = indexOf(trace, "h1 eth0 Out ARP, Request who-has 10.0.0.2 tell 10.0.0.1");
        int rep = indexOf(trace, "h1 eth0 In  ARP, Reply 10.0.0.2 is-at 52:54:00:00:02:01");
        int echo = indexOf(trace, "h1 eth0 Out IP 10.0.0.1 > 10.0.0.2: ICMP echo request");
        assertTrue(req >= 0 && req < rep && rep < echo, () -> "expected who-has, is-at, then the echo request (indices "
                + req + ", " + rep + ", " + echo + ")" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("both caches learn: h1 from the reply (REACHABLE), h2 from the request it answered")
    void bothCachesLearn() {
        rig = IpRig.switched(102);
        rig.host("h1").ping("10.0.0.2");
        Neighbour n1 = find(rig.host("h1"), "10.0.0.2");
        Neighbour n2 = find(rig.host("h2"), "10.0.0.1");
        assertNotNull(n1, () -> "h1 has no entry for 10.0.0.2" + rig.explain());
        assertEquals(Host.macFor(2, 0), n1.mac(), () -> rig.explain());
        assertEquals("REACHABLE", n1.state(), () -> "a reply to our request confirms the neighbour" + rig.explain());
        assertNotNull(n2, () -> "h2 should learn h1 from the request (RFC 826 merge)" + rig.explain());
        assertEquals(Host.macFor(1, 0), n2.mac(), () -> rig.explain());
        assertTrue(rig.t.trace().stream().noneMatch(l -> l.contains("h2 eth0 Out ARP, Request who-has 10.0.0.1")), () ->
                "h2 learned h1 from its request (RFC 826: the target adds the sender), so it needs no request of its own to reply" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("the target of a request learns the sender; a request for another host teaches nothing (RFC 826)")
    void targetLearnsRequester() {
        rig = IpRig.wired(105);
        Host h2 = rig.host("h2");
        //   wire → h2: who-has 10.0.0.77 tell 10.0.0.5   (not for h2: no new entry)
        //   wire → h2: who-has 10.0.0.2 tell 10.0.0.1    (for h2: add 10.0.0.1, then reply)
        rig.wire.send(org.stacklab.scenario.Frames.arpRequest(IpRig.WIRE_MAC, Ip4.parse("10.0.0.5"), Ip4.parse("10.0.0.77")));
        rig.wire.send(org.stacklab.scenario.Frames.arpRequest(IpRig.WIRE_MAC, Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2")));
        rig.run(Time.ms(1));
        Neighbour n = find(h2, "10.0.0.1");
        assertNotNull(n, () -> "h2 answered 10.0.0.1's request but did not add 10.0.0.1 to its cache" + rig.explain());
        assertEquals(IpRig.WIRE_MAC, n.mac(), () -> rig.explain());
        assertEquals(null, find(h2, "10.0.0.5"), () -> "a request for 10.0.0.77 must not add its sender to h2's cache" + rig.explain());
        assertEquals(2, IpRig.counter(h2, "ArpInRequests"), () -> "both requests are counted (ArpInRequests)" + rig.explain());
        assertEquals(3, IpRig.sendTo(IpRig.udp(h2), "hi!", "10.0.0.1", 9), () -> rig.explain());
        rig.run(Time.ms(1));
        assertTrue(rig.t.trace().stream().noneMatch(l -> l.contains("Out ARP, Request who-has 10.0.0.1")), () ->
                "h2 already knows 10.0.0.1 from its request" + rig.explain());
    }

    static Neighbour find(Host h, String ip) {
        return h.ip().neighbours().stream().filter(x -> x.ip() == Ip4.parse(ip)).findFirst().orElse(null);
    }

    @Test @Points(2)
    @DisplayName("three datagrams sent before the neighbour is known wait in the ARP queue and all arrive, in order")
    void datagramsWaitForResolution() {
        rig = IpRig.switched(103);
        Sock server = IpRig.udpBound(rig.host("h2"), 7);
        Sock client = IpRig.udp(rig.host("h1"));
        for (String s : List.of("one", "two", "three")) assertEquals(s.length(), IpRig.sendTo(client, s, "10.0.0.2", 7), () -> rig.explain());
        rig.run(Time.ms(10));
        assertEquals(List.of("one", "two", "three"), IpRig.drain(server), () -> rig.explain());
        long requests = rig.t.trace().stream().filter(l -> l.contains("h1 eth0 Out ARP, Request who-has 10.0.0.2")).count();
        assertEquals(1, requests, () -> "one request resolves the neighbour for all three" + rig.explain());
        assertEquals(1, IpRig.counter(rig.host("h1"), "ArpOutRequests"), () -> "ArpOutRequests" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("nobody answers: the request is retried, no IPv4 frame goes out to the unknown neighbour, ping gets no echo reply")
    void unansweredRequestsAreRetried() {
        rig = IpRig.switched(104);
        Ping.Result r = Ping.once(rig.host("h1"), "10.0.0.99", 1, 56, 0, Time.s(5));
        assertTrue(r == null || !r.isEchoReply(), () -> "nobody has 10.0.0.99, yet ping got " + r + rig.explain());
        List<String> trace = rig.t.trace();
        long requests = trace.stream().filter(l -> l.contains("Out ARP, Request who-has 10.0.0.99")).count();
        assertTrue(requests >= 2, () -> "ARP should retry an unanswered request; saw " + requests + rig.explain());
        assertTrue(trace.stream().noneMatch(l -> l.contains("Out IP 10.0.0.1 > 10.0.0.99")), () -> "sent IPv4 with no MAC to send it to" + rig.explain());
    }
}
