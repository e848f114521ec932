package org.stacklab.solutions.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.solutions.ip.IpNet.ip;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.scaffold.IpMib;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.Time;

/**
 * Issue 18, spoofing and martians: what no honest host sends is dropped, counted and (with
 * {@code log_martians}) logged in Linux's words, before any implementation of the IPv4 input sees
 * it (RFC 1122 §3.2.1.3, RFC 1812 §5.3.7); reverse-path filtering (RFC 3704) as Linux's
 * {@code rp_filter} 0/1/2 per device; source-routed datagrams refused ({@code accept_source_route}=0);
 * 127/8 never leaves by a real device; ICMP redirects never change a route.
 */
class MartianTest {
    private IpNet net;

    @AfterEach
    void noOopses() {
        if (net != null) net.assertNoOopses();
    }

    // ---------------------------------------------------------------- h1 (10.0.0.1) — h2 (10.0.0.2)

    private Kernel h2() { return net.k("h2"); }

    private NetDevice eth0() { return h2().device("eth0"); }

    /** An echo request from h1's MAC to h2's MAC with the given addresses. */
    private static byte[] echo(String saddr, String daddr) {
        return IpNet.ipFrame(IpNet.mac(2), IpNet.mac(1), ip(saddr), ip(daddr), 1, 64, IpNet.icmpEcho(1, 1, 8));
    }

    private void assertDroppedAs(String reason, String mib, byte[] frame) {
        Map<String, Long> before = IpNet.ip(h2()).counters();
        net.inject(eth0(), frame);
        net.loop.runFor(Time.ms(5));
        Map<String, Long> after = IpNet.ip(h2()).counters();
        assertEquals(1L, h2().drops(reason), reason + " not counted; drops " + h2().drops() + net.dump());
        assertEquals(before.get("InReceives") + 1, after.get("InReceives"), "received, then dropped");
        if (mib != null) assertEquals(before.getOrDefault(mib, 0L) + 1, after.get(mib), mib);
        assertEquals(before.get("InDelivers"), after.get("InDelivers"), "nothing delivered");
        assertTrue(IpNet.ipFrames(h2(), true, 1).isEmpty(), "nothing answers a martian" + net.dump());
        assertTrue(IpNet.arpFrames(h2(), true).isEmpty(), "not even an ARP request for its source" + net.dump());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "224.0.0.5", "239.1.2.3", "255.255.255.255", "240.0.0.1",
        "0.0.0.0", "0.1.2.3", "10.0.0.2", "10.0.0.255"})
    void martianSourcesAreDropped(String source) {
        net = IpNet.twoHosts();
        assertDroppedAs(IpMib.MARTIAN_SOURCE, "InAddrErrors", echo(source, "10.0.0.2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "0.0.0.0", "0.1.2.3", "240.0.0.1", "254.255.255.255"})
    void martianDestinationsAreDropped(String destination) {
        net = IpNet.twoHosts();
        assertDroppedAs(IpMib.MARTIAN_DESTINATION, "InAddrErrors", echo("10.0.0.1", destination));
    }

    @Test
    void aHostWithoutAnAddressMayStillBroadcast() {
        net = IpNet.twoHosts();
        // RFC 1122 §3.2.1.3 (a): {0, 0} is a legal source while a host learns its address (DHCP's DISCOVER).
        long delivered = IpNet.ip(h2()).counters().get("InDelivers");
        net.inject(eth0(), IpNet.ipFrame(MacAddr.BROADCAST, IpNet.mac(1), 0, ip("255.255.255.255"), 1, 64, IpNet.icmpEcho(1, 1, 8)));
        assertEquals(delivered + 1, IpNet.ip(h2()).counters().get("InDelivers"), net.dump());
        assertEquals(0L, h2().drops(IpMib.MARTIAN_SOURCE));
    }

    @Test
    void loopbackTrafficIsNotAMartian() {
        net = IpNet.twoHosts();
        Sock s = IpNet.pingSocket(h2());
        byte[] req = IpNet.echoRequest(1, 8);
        s.sendmsg(req, 0, req.length, 0, SockAddr.of("127.0.0.1", 0));
        byte[] reply = net.receive(s, new SockAddr[1], Time.s(1));
        assertTrue(reply != null && reply[0] == 0, "ping 127.0.0.1 answered" + net.dump());
        s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.0.2", 0));
        reply = net.receive(s, new SockAddr[1], Time.s(1));
        assertTrue(reply != null && reply[0] == 0, "ping of our own address (over lo, from it) answered" + net.dump());
        assertEquals(0L, h2().drops(IpMib.MARTIAN_SOURCE) + h2().drops(IpMib.MARTIAN_DESTINATION));
    }

    @Test
    void aMalformedMartianIsTheImplementationsToCount() {
        net = IpNet.twoHosts();
        byte[] f = echo("127.0.0.1", "10.0.0.2");
        f[24] ^= 0x01; // the header checksum no longer verifies
        net.inject(eth0(), f);
        assertEquals(1L, h2().drops(IpMib.BAD_CHECKSUM), "header errors are counted first, by Ipv4Input" + net.dump());
        assertEquals(0L, h2().drops(IpMib.MARTIAN_SOURCE));
    }

    // ---------------------------------------------------------------- log_martians

    private List<String> log(String text) {
        return h2().log().lines().stream().filter(l -> l.contains(text)).toList();
    }

    @Test
    void martiansAreLoggedOnlyWithLogMartians() {
        net = IpNet.twoHosts();
        net.inject(eth0(), echo("127.0.0.1", "10.0.0.2"));
        assertEquals(List.of(), log("martian"), "log_martians is 0 by default");

        h2().sysctl().set("net.ipv4.conf.eth0.log_martians", 1);
        net.inject(eth0(), echo("127.0.0.1", "10.0.0.2"));
        net.inject(eth0(), echo("10.0.0.1", "127.0.0.1"));
        List<String> lines = log("IPv4: martian");
        assertEquals(2, lines.size(), h2().log().lines().toString());
        assertTrue(lines.get(0).endsWith("IPv4: martian source 10.0.0.2 from 127.0.0.1, on dev eth0"), lines.get(0));
        assertTrue(lines.get(1).endsWith("IPv4: martian destination 127.0.0.1 from 10.0.0.1, dev eth0"), lines.get(1));
        // Linux follows a martian source with the link-layer header it came in.
        assertTrue(log("ll header: ").get(0).endsWith("ll header: 00000000: 02 00 00 00 00 02 02 00 00 00 00 01 08 00"),
                h2().log().lines().toString());
        assertEquals(2L, h2().drops(IpMib.MARTIAN_SOURCE), "logged or not, every one is counted");
    }

    @Test
    void logMartiansOnAllCountsForEveryDevice() {
        net = IpNet.twoHosts();
        h2().sysctl().set("net.ipv4.conf.all.log_martians", 1);
        h2().sysctl().set("net.ipv4.conf.eth0.log_martians", 0);
        net.inject(eth0(), echo("224.0.0.1", "10.0.0.2"));
        assertEquals(1, log("IPv4: martian source 10.0.0.2 from 224.0.0.1, on dev eth0").size(), "all || dev");
    }

    @Test
    void aFloodOfMartiansIsAllCountedButTheLogIsRateLimited() {
        net = IpNet.twoHosts();
        h2().sysctl().set("net.ipv4.conf.all.log_martians", 1);
        byte[] f = echo("127.0.0.1", "10.0.0.2");
        for (int i = 0; i < 1000; i++) {
            SkBuff skb = SkBuff.wrap(f.clone(), f.length);
            skb.dev = eth0();
            h2().netifReceiveSkb(skb);
        }
        assertEquals(1000L, h2().drops(IpMib.MARTIAN_SOURCE));
        assertEquals(10, log("IPv4: martian source").size(), "net_ratelimit: a burst of 10 per 5 s");
        net.loop.runFor(Time.s(5));
        net.inject(eth0(), f);
        assertEquals(11, log("IPv4: martian source").size(), "and more once 5 s have passed");
    }

    // ---------------------------------------------------------------- rp_filter (RFC 3704)

    // routed(): h1 10.0.1.2 — eth0 r1 (10.0.1.1 | 10.0.2.1) eth1 — h2 10.0.2.2; r1 has no default route.

    private Kernel r1() { return net.k("r1"); }

    /** A datagram arriving at r1's eth0 (h1's side) claiming {@code saddr}, for h2. */
    private void spoofAtR1(String saddr) {
        net.inject(r1().device("eth0"), IpNet.ipFrame(IpNet.mac(0x21), IpNet.mac(0x11), ip(saddr), ip("10.0.2.2"), 1, 64,
                IpNet.icmpEcho(7, 1, 8)));
        net.loop.runFor(Time.ms(5));
    }

    private long forwarded() { return IpNet.ip(r1()).counters().get("ForwDatagrams"); }

    private long rpDrops() { return r1().drops(IpMib.RPFILTER); }

    @Test
    void rpFilterOffForwardsASpoofedSource() {
        net = IpNet.routed();
        spoofAtR1("10.0.2.99"); // h2's subnet, arriving from h1's side
        assertEquals(1L, forwarded(), "rp_filter=0 (Linux's default): no check" + net.dump());
        assertEquals(0L, rpDrops());
    }

    @Test
    void strictRpFilterDropsASourceWhoseRouteBackLeavesByAnotherDevice() {
        net = IpNet.routed();
        r1().sysctl().set("net.ipv4.conf.all.rp_filter", 1);
        r1().sysctl().set("net.ipv4.conf.all.log_martians", 1);
        spoofAtR1("10.0.2.99");
        assertEquals(0L, forwarded(), net.dump());
        assertEquals(1L, rpDrops());
        assertEquals(1L, IpNet.ip(r1()).counters().get("IPReversePathFilter"), "Linux's TcpExt counter");
        assertTrue(r1().log().contains("IPv4: martian source 10.0.2.2 from 10.0.2.99, on dev eth0"), r1().log().lines().toString());
        spoofAtR1("10.0.1.2"); // h1's real address: the route back leaves by eth0
        assertEquals(2L, forwarded(), "a true source passes the strict check (the request, and h2's reply)" + net.dump());
    }

    @Test
    void looseRpFilterOnlyAsksForSomeRouteBack() {
        net = IpNet.routed();
        r1().sysctl().set("net.ipv4.conf.all.rp_filter", 2);
        spoofAtR1("10.0.2.99");
        assertEquals(1L, forwarded(), "loose: r1 has a route to 10.0.2.0/24, by any device" + net.dump());
        spoofAtR1("192.168.9.9");
        assertEquals(1L, forwarded(), "loose: no route back to 192.168.9.9 at all");
        assertEquals(1L, rpDrops());
    }

    @Test
    void rpFilterIsPerDeviceAndTheLargerOfAllAndTheDeviceWins() {
        net = IpNet.routed();
        r1().sysctl().set("net.ipv4.conf.eth1.rp_filter", 1);
        spoofAtR1("10.0.2.99");
        assertEquals(1L, forwarded(), "strict on eth1 says nothing about eth0" + net.dump());

        r1().sysctl().set("net.ipv4.conf.default.rp_filter", 1);
        spoofAtR1("10.0.2.99");
        assertEquals(1L, forwarded(), "default applies to eth0, which has no value of its own");
        assertEquals(1L, rpDrops());

        r1().sysctl().set("net.ipv4.conf.eth0.rp_filter", 0);
        r1().sysctl().set("net.ipv4.conf.all.rp_filter", 2);
        spoofAtR1("10.0.2.99");
        assertEquals(2L, forwarded(), "max(all=2, eth0=0) is loose, which this source passes");
    }

    @Test
    void strictRpFilterEverywhereLetsHonestTrafficThrough() {
        net = IpNet.routed();
        for (Kernel k : net.kernels.values()) k.sysctl().set("net.ipv4.conf.all.rp_filter", 1);
        Sock s = IpNet.pingSocket(net.k("h1"));
        byte[] req = IpNet.echoRequest(1, 8);
        s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.2.2", 0));
        byte[] reply = net.receive(s, new SockAddr[1], Time.s(1));
        assertTrue(reply != null && reply[0] == 0, "ping across r1 with rp_filter=1 on every host" + net.dump());
        for (Kernel k : net.kernels.values()) assertEquals(0L, k.drops(IpMib.RPFILTER), k.hostname());
    }

    // ---------------------------------------------------------------- accept_source_route

    /** An echo request to h2 carrying IP options {@code opts} (a multiple of 4 bytes). */
    private static byte[] withOptions(byte[] opts) {
        byte[] plain = echo("10.0.0.1", "10.0.0.2");
        byte[] f = new byte[plain.length + opts.length];
        System.arraycopy(plain, 0, f, 0, 34);
        System.arraycopy(opts, 0, f, 34, opts.length);
        System.arraycopy(plain, 34, f, 34 + opts.length, plain.length - 34);
        int hlen = 20 + opts.length;
        f[14] = (byte) (0x40 | hlen / 4);
        int total = f.length - 14;
        f[16] = (byte) (total >>> 8);
        f[17] = (byte) total;
        f[24] = 0;
        f[25] = 0;
        int c = Checksum.compute(f, 14, hlen);
        f[24] = (byte) (c >>> 8);
        f[25] = (byte) c;
        return f;
    }

    /** LSRR (131) or SSRR (137) through 10.0.0.1, then end of options: 8 bytes. */
    private static byte[] sourceRoute(int type) {
        return new byte[] {(byte) type, 7, 4, 10, 0, 0, 1, 0};
    }

    @ParameterizedTest
    @ValueSource(ints = {131, 137})
    void sourceRoutedDatagramsAreDroppedByDefault(int type) {
        net = IpNet.twoHosts();
        assertDroppedAs(IpMib.SOURCE_ROUTE, null, withOptions(sourceRoute(type)));
    }

    @Test
    void sourceRoutesAreLoggedAsLinuxDoes() {
        net = IpNet.twoHosts();
        h2().sysctl().set("net.ipv4.conf.all.log_martians", 1);
        net.inject(eth0(), withOptions(sourceRoute(131)));
        assertTrue(h2().log().contains("IPv4: source route option 10.0.0.1 -> 10.0.0.2"), h2().log().lines().toString());
    }

    @Test
    void acceptSourceRouteNeedsBothAllAndTheDevice() {
        net = IpNet.twoHosts();
        long delivered = IpNet.ip(h2()).counters().get("InDelivers");
        h2().sysctl().set("net.ipv4.conf.all.accept_source_route", 1); // Linux's default for the device is 1
        net.inject(eth0(), withOptions(sourceRoute(131)));
        assertEquals(delivered + 1, IpNet.ip(h2()).counters().get("InDelivers"), net.dump());
        h2().sysctl().set("net.ipv4.conf.eth0.accept_source_route", 0);
        net.inject(eth0(), withOptions(sourceRoute(131)));
        assertEquals(1L, h2().drops(IpMib.SOURCE_ROUTE), "all && dev");
    }

    @Test
    void otherOptionsAreNotSourceRoutes() {
        net = IpNet.twoHosts();
        long delivered = IpNet.ip(h2()).counters().get("InDelivers");
        // NOP, NOP, then record route (7) with room for one address: not a source route.
        net.inject(eth0(), withOptions(new byte[] {1, 1, 7, 7, 4, 0, 0, 0, 0, 0, 0, 0}));
        assertEquals(delivered + 1, IpNet.ip(h2()).counters().get("InDelivers"), net.dump());
        assertEquals(0L, h2().drops(IpMib.SOURCE_ROUTE));
    }

    // ---------------------------------------------------------------- 127/8 stays inside

    @Test
    void aLoopbackSourceNeverLeavesByARealDevice() {
        net = IpNet.twoHosts();
        Kernel h1 = net.k("h1");
        SkBuff skb = SkBuff.allocWithHeadroom(8);
        System.arraycopy(IpNet.icmpEcho(1, 1, 0), 0, skb.buf(), skb.put(8), 8);
        int rc = IpNet.ip(h1).output(skb, ip("127.0.0.1"), ip("10.0.0.2"), IpStack.PROTO_ICMP, 64, 0);
        assertEquals(Errno.EINVAL.neg(), rc, "Linux's ip_route_output refuses a loopback source off lo");
        net.loop.runFor(Time.ms(5));
        assertTrue(IpNet.ipFrames(h1, true, 1).isEmpty(), net.dump());
    }

    @Test
    void theNeighbourLayerDropsLoopbackAddressesWhateverTheOutputPathDecided() {
        net = IpNet.twoHosts();
        Kernel h1 = net.k("h1");
        byte[] f = IpNet.ipFrame(0, 0, ip("10.0.0.1"), ip("127.0.0.1"), 1, 64, IpNet.icmpEcho(1, 1, 8));
        SkBuff skb = SkBuff.allocWithHeadroom(f.length - 14);
        System.arraycopy(f, 14, skb.buf(), skb.put(f.length - 14), f.length - 14);
        IpNet.stack(h1).arp().transmit(skb, h1.device("eth0"), IpNet.mac(2));
        net.loop.runFor(Time.ms(5));
        assertTrue(IpNet.ipFrames(h1, true, 1).isEmpty(), net.dump());
        assertEquals(1L, h1.drops(IpMib.LOOPBACK_OFF_LO));
        assertEquals(1L, IpNet.ip(h1).counters().get("OutDiscards"));
    }

    // ---------------------------------------------------------------- ICMP redirects

    @Test
    void icmpRedirectsNeverChangeARoute() {
        net = IpNet.twoHosts();
        // h1 tells h2: "for 10.9.9.9, use gateway 10.0.0.1" (RFC 792 redirect, code 1: host).
        byte[] quoted = Arrays.copyOfRange(IpNet.ipFrame(0, 0, ip("10.0.0.2"), ip("10.9.9.9"), 17, 64, new byte[8]), 14, 14 + 28);
        byte[] icmp = new byte[8 + quoted.length];
        icmp[0] = 5;
        icmp[1] = 1;
        icmp[4] = 10;
        icmp[7] = 1;
        System.arraycopy(quoted, 0, icmp, 8, quoted.length);
        int c = Checksum.compute(icmp, 0, icmp.length);
        icmp[2] = (byte) (c >>> 8);
        icmp[3] = (byte) c;
        net.inject(eth0(), IpNet.ipFrame(IpNet.mac(2), IpNet.mac(1), ip("10.0.0.1"), ip("10.0.0.2"), 1, 64, icmp));
        assertNull(IpNet.ip(h2()).routes().lookup(ip("10.9.9.9")), "accept_redirects=0: the FIB is unchanged" + net.dump());
    }
}
