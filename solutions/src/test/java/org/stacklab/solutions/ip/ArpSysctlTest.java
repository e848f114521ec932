package org.stacklab.solutions.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.solutions.ip.IpNet.ip;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.scenario.Frames;
import org.stacklab.sim.Time;

/**
 * Issue 18, ARP behaviour settable as Linux's {@code net.ipv4.conf.{all,DEV}.arp_ignore} and
 * {@code arp_filter} (which requests a host answers) and {@code arp_announce} (which source address
 * its own requests carry).
 * h2 has eth0 10.0.0.2/24 (towards h1, 10.0.0.1) and eth1 10.0.5.2/24 (towards h3).
 */
class ArpSysctlTest {
    private IpNet net;
    private Kernel h2;

    @AfterEach
    void noOopses() {
        if (net != null) net.assertNoOopses();
    }

    private void multihomed() {
        net = IpNet.twoHosts();
        h2 = net.k("h2");
        Kernel h3 = net.host("h3");
        net.link(h2, "eth1", IpNet.mac(0x25), h3, "eth0", IpNet.mac(3));
        IpNet.ip(h2).addAddress("eth1", ip("10.0.5.2"), 24);
        IpNet.ip(h3).addAddress("eth0", ip("10.0.5.3"), 24);
    }

    /** Who-has {@code tpa} tell {@code spa}, heard on h2's eth0; returns how many replies h2 sent. */
    private int ask(String spa, String tpa) {
        int before = replies().size();
        net.inject(h2.device("eth0"), Frames.arpRequest(IpNet.mac(0x99), ip(spa), ip(tpa)));
        net.loop.runFor(Time.ms(1));
        return replies().size() - before;
    }

    private List<PacketTrace.Entry> replies() {
        return IpNet.arpFrames(h2, true).stream().filter(e -> Frames.get16(e.frame(), 14 + 6) == 2).toList();
    }

    private void set(String name, long v) { h2.sysctl().set("net.ipv4.conf." + name, v); }

    @Test
    void arpIgnore0AnswersForAnyAddressOfTheHost() {
        multihomed();
        assertEquals(1, ask("10.0.0.1", "10.0.0.2"));
        assertEquals(1, ask("10.0.0.1", "10.0.5.2"), "the weak host model: eth1's address, answered on eth0" + net.dump());
    }

    @Test
    void arpIgnore1AnswersOnlyForTheArrivalDevicesAddresses() {
        multihomed();
        set("all.arp_ignore", 1);
        assertEquals(1, ask("10.0.0.1", "10.0.0.2"));
        assertEquals(0, ask("10.0.0.1", "10.0.5.2"), net.dump());
    }

    @Test
    void anIgnoredRequestTeachesTheCacheNothing() {
        multihomed();
        set("eth0.arp_ignore", 1);
        ask("10.0.0.77", "10.0.5.2");
        assertNull(IpNet.stack(h2).arp().cache().state(h2.device("eth0"), ip("10.0.0.77")), "arp_process makes no entry");
        ask("10.0.0.77", "10.0.0.2");
        assertTrue(IpNet.stack(h2).arp().cache().state(h2.device("eth0"), ip("10.0.0.77")) != null, "an answered one does");
    }

    @Test
    void arpIgnore2AlsoWantsTheSenderOnTheSubnet() {
        multihomed();
        set("eth0.arp_ignore", 2);
        assertEquals(1, ask("10.0.0.1", "10.0.0.2"));
        assertEquals(0, ask("10.0.9.9", "10.0.0.2"), "sender off eth0's subnets");
        assertEquals(0, ask("10.0.0.1", "10.0.5.2"), "target not on eth0");
        assertEquals(1, ask("0.0.0.0", "10.0.0.2"), "an address probe (RFC 5227) is still answered");
    }

    @Test
    void arpIgnore8AnswersNothing() {
        multihomed();
        set("all.arp_ignore", 8);
        assertEquals(0, ask("10.0.0.1", "10.0.0.2"));
    }

    @Test
    void arpIgnoreTakesTheLargerOfAllAndTheDevice() {
        multihomed();
        set("all.arp_ignore", 1);
        set("eth0.arp_ignore", 0);
        assertEquals(0, ask("10.0.0.1", "10.0.5.2"), "max(all=1, eth0=0)");
        set("all.arp_ignore", 0);
        set("eth1.arp_ignore", 1);
        assertEquals(1, ask("10.0.0.1", "10.0.5.2"), "eth1's setting says nothing about eth0");
    }

    @Test
    void arpFilterAnswersOnlyWhereTheRouteBackLeaves() {
        multihomed();
        assertEquals(1, ask("10.0.5.9", "10.0.0.2"), "arp_filter=0: answered on eth0, though 10.0.5.9 is reached by eth1");
        set("eth0.arp_filter", 1);
        assertEquals(0, ask("10.0.5.9", "10.0.0.2"), net.dump());
        assertEquals(1L, IpNet.ip(h2).counters().get("ArpFilter"), "Linux's TcpExt ArpFilter");
        assertEquals(1, ask("10.0.0.1", "10.0.0.2"), "the route back to 10.0.0.1 does leave by eth0");
        assertEquals(1, ask("0.0.0.0", "10.0.0.2"), "an address probe is not filtered");
    }

    // ---------------------------------------------------------------- arp_announce

    /** h2 sends a datagram from {@code saddr} to 10.0.0.1 (not yet in its cache); returns the sender address of its ARP request. */
    private String requestSenderFor(String saddr) {
        SkBuff skb = SkBuff.allocWithHeadroom(16);
        System.arraycopy(IpNet.icmpEcho(1, 1, 8), 0, skb.buf(), skb.put(16), 16);
        assertEquals(0, IpNet.ip(h2).output(skb, ip(saddr), ip("10.0.0.1"), IpStack.PROTO_ICMP, 64, 0));
        net.loop.runFor(Time.us(1));
        List<PacketTrace.Entry> requests = IpNet.arpFrames(h2, true).stream()
                .filter(e -> Frames.get16(e.frame(), 14 + 6) == 1).toList();
        assertEquals(1, requests.size(), net.dump());
        byte[] f = requests.get(0).frame();
        return Ip4.format(((f[28] & 0xff) << 24) | ((f[29] & 0xff) << 16) | ((f[30] & 0xff) << 8) | (f[31] & 0xff));
    }

    @Test
    void arpAnnounce0UsesThePacketsSourceIfItIsOurs() {
        multihomed();
        assertEquals("10.0.5.2", requestSenderFor("10.0.5.2"), "Linux's default: any local address, the packet's own");
    }

    @Test
    void arpAnnounce1UsesThePacketsSourceOnlyOnTheTargetsSubnet() {
        multihomed();
        set("eth0.arp_announce", 1);
        assertEquals("10.0.0.2", requestSenderFor("10.0.5.2"), "10.0.5.2 means nothing on 10.0.0.0/24");
    }

    @Test
    void arpAnnounce1KeepsASecondaryAddressOnTheSubnet() {
        multihomed();
        IpNet.ip(h2).addAddress("eth0", ip("10.0.0.3"), 24);
        set("all.arp_announce", 1);
        assertEquals("10.0.0.3", requestSenderFor("10.0.0.3"));
    }

    @Test
    void arpAnnounce2AlwaysUsesTheDevicesBestAddress() {
        multihomed();
        IpNet.ip(h2).addAddress("eth0", ip("10.0.0.3"), 24);
        set("all.arp_announce", 2);
        assertEquals("10.0.0.2", requestSenderFor("10.0.0.3"), "inet_select_addr: the first address on the target's subnet");
    }
}
