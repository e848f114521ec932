package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.hw.nic.E1000;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.driver.NicDriverModule;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.Time;

/**
 * Issue 3's end-to-end checks on the emulated hardware: the reference e1000 driver and ip module
 * on hosts joined by a switch or a router. A failure prints the seed and the combined trace.
 */
class PingOverE1000Test {
    static final long SEED = 42;
    Topology t;

    @AfterEach
    void healthy() {
        if (t == null) return;
        assertEquals(List.of(), t.oopses(), t.report());
        for (Host h : t.hosts()) for (E1000 nic : h.machine().nics()) assertEquals(List.of(), nic.faults(), t.report());
    }

    static boolean has(List<String> trace, String text) {
        return trace.stream().anyMatch(l -> l.contains(text));
    }

    /** IPv4 frames carrying ICMP type {@code type}, as traced on {@code h} in direction {@code out}. */
    static List<byte[]> icmpFrames(Host h, boolean out, int type) {
        return h.kernel().trace().entries().stream()
                .filter(e -> e.outgoing() == out)
                .map(PacketTrace.Entry::frame)
                .filter(f -> f.length >= 35 && f[12] == 8 && f[13] == 0 && f[23] == 1 && (f[34] & 0xff) == type)
                .toList();
    }

    @Test
    void pingBetweenTwoHostsOnASwitchResolvesArpFirst() {
        t = Topology.twoHostsOnSwitch(SEED);
        Ping.Result r = t.host("h1").ping("10.0.0.2");
        assertNotNull(r, "no answer" + t.report());
        assertTrue(r.isEchoReply(), r + t.report());
        assertEquals(Ip4.parse("10.0.0.2"), r.from());
        List<String> trace = t.trace();
        // The ARP exchange comes before the echo request is sent.
        int arpReq = indexOf(trace, "h1 eth0 Out ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28");
        int arpRep = indexOf(trace, "h1 eth0 In  ARP, Reply 10.0.0.2 is-at 52:54:00:00:02:01, length 46");
        int echo = indexOf(trace, "h1 eth0 Out IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id ");
        int reply = indexOf(trace, "h1 eth0 In  IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id ");
        assertTrue(arpReq >= 0 && arpReq < arpRep && arpRep < echo && echo < reply, String.join("\n", trace));
        assertTrue(has(trace, "h2 eth0 Out ARP, Reply 10.0.0.2 is-at 52:54:00:00:02:01, length 28"), t.report());
        Neighbour n = t.host("h1").ip().neighbours().stream()
                .filter(x -> x.ip() == Ip4.parse("10.0.0.2")).findFirst().orElseThrow();
        assertEquals("REACHABLE", n.state());
        assertEquals(Host.macFor(2, 0), n.mac());
        assertTrue(r.rttNs() > 0 && r.rttNs() < Time.ms(1), "rtt " + r.rttNs());
    }

    @Test
    void arpEntriesAgeToStaleAndAreConfirmedAgain() {
        t = Topology.twoHostsOnSwitch(SEED);
        Host h1 = t.host("h1");
        assertTrue(h1.ping("10.0.0.2").isEchoReply(), t.report());
        t.run(Time.s(120));
        Neighbour aged = h1.ip().neighbours().stream().filter(x -> x.ip() == Ip4.parse("10.0.0.2")).findFirst().orElse(null);
        assertTrue(aged == null || aged.state().equals("STALE"), "after 2 minutes idle: " + aged);
        long arpBefore = t.trace().stream().filter(l -> l.contains("h1 eth0 Out ARP, Request")).count();
        assertTrue(h1.ping("10.0.0.2").isEchoReply(), t.report());
        t.run(Time.s(10));
        long arpAfter = t.trace().stream().filter(l -> l.contains("h1 eth0 Out ARP, Request")).count();
        assertTrue(arpAfter > arpBefore, "the stale entry was re-confirmed with a new ARP request\n" + t.report());
    }

    @Test
    void pingAcrossARouterDecrementsTheTtlOnce() {
        t = Topology.routed(SEED);
        Ping.Result r = t.host("h1").ping("10.0.2.1");
        assertNotNull(r, "no answer across r1" + t.report());
        assertTrue(r.isEchoReply(), r + t.report());
        byte[] sent = icmpFrames(t.host("h1"), true, 8).get(0);
        byte[] arrived = icmpFrames(t.host("h2"), false, 8).get(0);
        byte[] back = icmpFrames(t.host("h1"), false, 0).get(0);
        assertEquals(64, sent[22] & 0xff);
        assertEquals(63, arrived[22] & 0xff, "r1 decremented the TTL" + t.report());
        assertEquals(63, back[22] & 0xff, "so did it for the reply" + t.report());
        assertEquals(2L, t.host("r1").ip().counters().get("ForwDatagrams"));
        assertTrue(has(t.trace(), "r1 eth1 Out IP 10.0.1.1 > 10.0.2.1: ICMP echo request"), t.report());
        assertTrue(t.trace().stream().noneMatch(l -> l.contains("bad cksum")), "the router rewrote the checksum\n" + t.report());
    }

    @Test
    void ttlExpiryAtTheRouterAnswersTimeExceeded() {
        t = Topology.routed(SEED);
        Ping.Result r = Ping.once(t.host("h1"), "10.0.2.1", 5, 16, 1, Time.s(1));
        assertNotNull(r, "no ICMP error" + t.report());
        assertEquals(11, r.type(), r.toString());
        assertEquals(0, r.code());
        assertEquals(Ip4.parse("10.0.1.254"), r.from());
        assertEquals(5, r.seq(), "the error quotes our request");
        assertTrue(has(t.trace(), "h1 eth0 In  IP 10.0.1.254 > 10.0.1.1: ICMP time exceeded in-transit, length"), t.report());
        assertTrue(icmpFrames(t.host("h2"), false, 8).isEmpty(), "nothing reached h2");
    }

    @Test
    void pingLoopbackNeverTouchesTheNic() {
        t = Topology.twoHostsOnSwitch(SEED);
        Host h1 = t.host("h1");
        long txBefore = h1.device("eth0").stats().txPackets;
        Ping.Result r = h1.ping("127.0.0.1");
        assertNotNull(r, t.report());
        assertTrue(r.isEchoReply());
        assertEquals(Ip4.LOOPBACK, r.from());
        assertEquals(txBefore, h1.device("eth0").stats().txPackets);
        assertTrue(has(t.trace(), "h1 lo Out IP 127.0.0.1 > 127.0.0.1: ICMP echo reply"), t.report());
    }

    @Test
    void noRouteIsAnErrorNotASilentLoss() {
        t = Topology.twoHostsOnSwitch(SEED);
        assertEquals(null, t.host("h1").ping("192.168.7.7"), "no route, nothing sent");
        assertTrue(t.trace().stream().noneMatch(l -> l.contains("192.168.7.7")));
    }

    @Test
    void aPingFloodWithInterruptModerationCostsFewInterruptsAndNoPollExceedsItsBudget() {
        t = Topology.twoHostsOnSwitch(SEED);
        Host h1 = t.host("h1"), h2 = t.host("h2");
        assertTrue(h1.ping("10.0.0.2").isEchoReply(), t.report()); // ARP resolved first
        h2.interruptModeration("eth0", 100);
        var napi = ((NicDriverModule) h2.kernel().module("e1000")).napiOf(h2.device("eth0"));
        long irqBefore = h2.nic("eth0").irq().count();
        long pollsBefore = napi.polls();
        var sock = InetSockets.of(h1.kernel())
                .lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_ICMP).create();
        sock.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, 1 << 20);
        byte[] req = new byte[8 + 56];
        req[0] = 8;
        for (int i = 0; i < 1000; i++) {
            req[7] = (byte) i;
            assertEquals(64, sock.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.0.2", 0)));
        }
        t.run(Time.ms(20));
        assertEquals(1001L, h2.ip().counters().get("IcmpOutEchoReps"), t.report());
        long interrupts = h2.nic("eth0").irq().count() - irqBefore;
        assertTrue(interrupts < 1000 / 5, "1000 echo requests took " + interrupts + " interrupts on h2");
        assertTrue(napi.maxWorkSeen() <= 64, "a poll did " + napi.maxWorkSeen());
        assertTrue(napi.polls() - pollsBefore >= 1000 / 64, "several polls per interrupt");
        assertEquals(0, h2.kernel().totalDrops(), t.report());
        sock.close();
    }

    @Test
    void aSmallLinkMtuMakesTheSenderFragment() {
        t = new Topology(SEED);
        Host h1 = t.addHost("h1"), h2 = t.addHost("h2");
        t.connect(h1, h2, LinkOptions.of(org.stacklab.hw.link.LinkSpec.gigabit().withMtu(576)));
        h1.address("eth0", "10.0.0.1/24");
        h2.address("eth0", "10.0.0.2/24");
        assertEquals(576, h1.device("eth0").mtu());
        Ping.Result r = Ping.once(h1, "10.0.0.2", 1, 1400, 0, Time.s(1));
        assertNotNull(r, t.report());
        assertTrue(r.isEchoReply());
        assertTrue(has(t.trace(), "(frag "), "the request crossed in fragments\n" + t.report());
        assertEquals(0, t.links().get(0).wire().counters(t.links().get(0).wire().portA()).oversize());
    }

    static int indexOf(List<String> trace, String text) {
        for (int i = 0; i < trace.size(); i++) if (trace.get(i).contains(text)) return i;
        return -1;
    }
}
