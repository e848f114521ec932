package org.stacklab.solutions.ip;

import org.stacklab.kernel.ip.scaffold.ArpPacket;
import org.stacklab.kernel.ip.scaffold.IpMib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.solutions.ip.IpNet.ip;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.Time;

/** ARP resolution, the NUD state machine on the virtual clock, the resolution queue, gratuitous ARP. */
class ArpTest {
    private IpNet net;

    @AfterEach
    void noOopses() {
        if (net != null) net.assertNoOopses();
    }

    private static void ping(IpNet net, Sock s, String dst, int seq) {
        byte[] req = IpNet.echoRequest(seq, 8);
        s.sendmsg(req, 0, req.length, 0, SockAddr.of(dst, 0));
    }

    private static List<String> arpLog(Kernel k) {
        return k.log().lines().stream().filter(l -> l.contains("arp: ")).map(l -> l.substring(l.indexOf("arp: "))).toList();
    }

    @Test
    void resolvesThenAgesThroughStaleDelayProbe() {
        net = IpNet.twoHosts();
        Kernel h1 = net.k("h1");
        NetDevice eth0 = h1.device("eth0");
        ArpCache cache = IpNet.stack(h1).arp().cache();
        Sock s = IpNet.pingSocket(h1);

        ping(net, s, "10.0.0.2", 1);
        assertEquals(ArpCache.State.INCOMPLETE, cache.state(eth0, ip("10.0.0.2")));
        assertEquals(1, cache.queued(eth0, ip("10.0.0.2")), "the echo request waits for the reply");
        assertNotNull(net.receive(s, null, Time.s(1)), net.dump());
        assertEquals(ArpCache.State.REACHABLE, cache.state(eth0, ip("10.0.0.2")), net.dump());

        // Trace: broadcast request, unicast reply, then the queued echo request.
        List<PacketTrace.Entry> out = IpNet.arpFrames(h1, true);
        assertEquals(MacAddr.BROADCAST, MacAddr.read(out.get(0).frame(), 0), "request is broadcast" + net.dump());
        List<PacketTrace.Entry> in = IpNet.arpFrames(h1, false);
        assertEquals(2, in.get(0).frame()[21], "reply op" + net.dump());
        // h2 learned h1 from the request (it was the target, RFC 826) as STALE, and its echo reply used
        // that entry at once (STALE -> DELAY) without a request of its own.
        assertEquals(ArpCache.State.DELAY, IpNet.stack(net.k("h2")).arp().cache().state(net.k("h2").device("eth0"), ip("10.0.0.1")));
        assertEquals(1, IpNet.arpFrames(net.k("h2"), true).size(), "h2 sent only its reply" + net.dump());

        net.loop.runFor(Time.s(29));
        assertEquals(ArpCache.State.REACHABLE, cache.state(eth0, ip("10.0.0.2")), "still reachable before 30 s");
        net.loop.runFor(Time.s(2));
        assertEquals(ArpCache.State.STALE, cache.state(eth0, ip("10.0.0.2")), "stale after base_reachable_time" + net.dump());

        // Using a stale entry sends at once (no new broadcast) and starts re-confirmation: DELAY, then a unicast probe.
        int before = IpNet.arpFrames(h1, true).size();
        ping(net, s, "10.0.0.2", 2);
        assertEquals(ArpCache.State.DELAY, cache.state(eth0, ip("10.0.0.2")));
        assertNotNull(net.receive(s, null, Time.ms(10)), "the stale entry is used without waiting" + net.dump());
        net.loop.runFor(Time.s(6));
        List<PacketTrace.Entry> probes = IpNet.arpFrames(h1, true).subList(before, IpNet.arpFrames(h1, true).size());
        assertEquals(1, probes.size(), net.dump());
        assertEquals(IpNet.mac(2), MacAddr.read(probes.get(0).frame(), 0), "the probe is unicast to the known MAC");
        assertEquals(ArpCache.State.REACHABLE, cache.state(eth0, ip("10.0.0.2")), net.dump());
        assertEquals(List.of(
                "arp: 10.0.0.2 dev eth0 NONE -> INCOMPLETE",
                "arp: 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 INCOMPLETE -> REACHABLE",
                "arp: 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE -> STALE",
                "arp: 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 STALE -> DELAY",
                "arp: 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 DELAY -> PROBE",
                "arp: 10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 PROBE -> REACHABLE"), arpLog(h1));
    }

    @Test
    void unansweredResolutionFailsAfterThreeRequestsAndReportsHostUnreachable() {
        net = IpNet.twoHosts();
        Kernel h1 = net.k("h1");
        Sock s = IpNet.pingSocket(h1);
        ping(net, s, "10.0.0.9", 1);
        net.loop.runFor(Time.ms(2500));
        assertEquals(ArpCache.State.INCOMPLETE, IpNet.stack(h1).arp().cache().state(h1.device("eth0"), ip("10.0.0.9")));
        SockAddr[] from = new SockAddr[1];
        byte[] err = net.receive(s, from, Time.s(2));
        assertNotNull(err, net.dump());
        assertEquals(3, err[0], "destination unreachable");
        assertEquals(1, err[1], "host unreachable");
        assertEquals(3, IpNet.arpFrames(h1, true).size(), "retries 3 x 1 s" + net.dump());
        List<PacketTrace.Entry> reqs = IpNet.arpFrames(h1, true);
        assertEquals(Time.s(1), reqs.get(1).time() - reqs.get(0).time());
        assertEquals(ArpCache.State.FAILED, IpNet.stack(h1).arp().cache().state(h1.device("eth0"), ip("10.0.0.9")));
        assertEquals(1L, h1.drops(IpMib.NEIGH_FAILED));
    }

    @Test
    void resolutionQueueIsBoundedAndDropsTheOldest() {
        net = IpNet.twoHosts();
        Kernel h1 = net.k("h1");
        Veth_dropArp(net.k("h2").device("eth0"));
        Sock s = IpNet.pingSocket(h1);
        for (int i = 1; i <= 5; i++) ping(net, s, "10.0.0.2", i);
        assertEquals(3, IpNet.stack(h1).arp().cache().queued(h1.device("eth0"), ip("10.0.0.2")));
        assertEquals(2L, h1.drops(IpMib.NEIGH_QUEUEFULL), net.dump());
        assertEquals(2L, IpNet.ip(h1).counters().get(IpMib.NEIGH_QUEUEFULL));
    }

    /** Loses every ARP frame {@code dev} sends (its replies never arrive). */
    private static void Veth_dropArp(NetDevice dev) {
        org.stacklab.kernel.core.Veth.setFilter(dev, (f, len) -> !(f[12] == 0x08 && f[13] == 0x06));
    }

    @Test
    void gratuitousArpUpdatesAnExistingEntryButCreatesNone() {
        net = IpNet.twoHosts();
        Kernel h1 = net.k("h1");
        NetDevice eth0 = h1.device("eth0");
        ArpCache cache = IpNet.stack(h1).arp().cache();
        long newMac = 0x02aa00000002L;

        net.inject(eth0, garp(newMac, ip("10.0.0.7")));
        assertNull(cache.state(eth0, ip("10.0.0.7")), "an announcement does not create an entry");

        Sock s = IpNet.pingSocket(h1);
        ping(net, s, "10.0.0.2", 1);
        assertNotNull(net.receive(s, null, Time.s(1)));
        net.inject(eth0, garp(newMac, ip("10.0.0.2")));
        assertEquals(ArpCache.State.STALE, cache.state(eth0, ip("10.0.0.2")), net.dump());
        assertEquals(newMac, IpNet.ip(h1).neighbours().stream().filter(n -> n.ip() == ip("10.0.0.2")).findFirst().orElseThrow().mac(),
                "the neighbour moved to a new MAC");
    }

    @Test
    void malformedArpIsDroppedAndCounted() {
        net = IpNet.twoHosts();
        Kernel h1 = net.k("h1");
        byte[] f = garp(0x02aa00000002L, ip("10.0.0.2"));
        f[14 + 5] = 16; // protocol address length 16: not IPv4
        net.inject(h1.device("eth0"), f);
        byte[] shortFrame = java.util.Arrays.copyOf(f, 30);
        net.inject(h1.device("eth0"), shortFrame);
        assertEquals(2L, h1.drops(IpMib.ARP_MALFORMED));
        assertTrue(IpNet.arpFrames(h1, true).isEmpty(), "no answer to garbage");
    }

    private static byte[] garp(long sha, int addr) {
        byte[] f = new byte[42];
        MacAddr.write(MacAddr.BROADCAST, f, 0);
        MacAddr.write(sha, f, 6);
        f[12] = 0x08;
        f[13] = 0x06;
        new ArpPacket(ArpPacket.REQUEST, sha, addr, 0, addr).writeTo(f, 14);
        return f;
    }
}
