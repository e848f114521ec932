package org.stacklab.solutions.ip;

import org.stacklab.kernel.ip.scaffold.IpMib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.stacklab.solutions.ip.IpNet.ip;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.Netfilter;
import org.stacklab.kernel.core.Netfilter.Hook;
import org.stacklab.kernel.core.Netfilter.Verdict;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.Time;

/** The five hooks are called on the real paths, with the right devices, and their verdicts are honoured. */
class NetfilterHooksTest {
    private IpNet net;

    @AfterEach
    void noOopses() {
        if (net != null) net.assertNoOopses();
    }

    /** Records "HOOK in>out" for every ICMP datagram on {@code k}. */
    private static List<String> record(Kernel k) {
        List<String> seen = new ArrayList<>();
        for (Hook h : Hook.values()) {
            k.netfilter().register(new Netfilter.HookOps(h, 0, "test", (hook, skb, in, out) -> {
                if (skb.u8(skb.data() + 9) == 1) seen.add(hook + " " + (in == null ? "-" : in.name()) + ">" + (out == null ? "-" : out.name()));
                return Verdict.ACCEPT;
            }));
        }
        return seen;
    }

    private static Sock ping(Kernel k, String dst) {
        Sock s = IpNet.pingSocket(k);
        byte[] req = IpNet.echoRequest(1, 8);
        s.sendmsg(req, 0, req.length, 0, SockAddr.of(dst, 0));
        return s;
    }

    @Test
    void everyPathPassesItsHooks() {
        net = IpNet.routed();
        List<String> h1 = record(net.k("h1"));
        List<String> r1 = record(net.k("r1"));
        List<String> h2 = record(net.k("h2"));
        Sock s = ping(net.k("h1"), "10.0.2.2");
        assertNotNull(net.receive(s, null, Time.s(1)), net.dump());
        assertEquals(List.of("LOCAL_OUT ->eth0", "POST_ROUTING ->eth0", "PRE_ROUTING eth0>-", "LOCAL_IN eth0>-"), h1);
        assertEquals(List.of("PRE_ROUTING eth0>-", "FORWARD eth0>eth1", "POST_ROUTING ->eth1",
                "PRE_ROUTING eth1>-", "FORWARD eth1>eth0", "POST_ROUTING ->eth0"), r1);
        assertEquals(List.of("PRE_ROUTING eth0>-", "LOCAL_IN eth0>-", "LOCAL_OUT ->eth0", "POST_ROUTING ->eth0"), h2);
    }

    @Test
    void dropInForwardStopsTheDatagramAtTheRouter() {
        net = IpNet.routed();
        Kernel r1 = net.k("r1");
        r1.netfilter().register(new Netfilter.HookOps(Hook.FORWARD, 0, "test", (h, skb, in, out) -> Verdict.DROP));
        Sock s = ping(net.k("h1"), "10.0.2.2");
        assertNull(net.receive(s, null, Time.s(1)));
        assertEquals(1L, r1.netfilter().dropped(Hook.FORWARD));
        assertEquals(1L, r1.drops(IpMib.NETFILTER_DROP));
        assertEquals(0L, IpNet.ip(r1).counters().get("ForwDatagrams"));
        assertEquals(0, IpNet.ipFrames(net.k("h2"), false, 1).size(), net.dump());
    }

    @Test
    void dropInLocalOutFailsTheSendWithEperm() {
        net = IpNet.twoHosts();
        Kernel h1 = net.k("h1");
        h1.netfilter().register(new Netfilter.HookOps(Hook.LOCAL_OUT, 0, "test", (h, skb, in, out) -> Verdict.DROP));
        Sock s = IpNet.pingSocket(h1);
        byte[] req = IpNet.echoRequest(1, 8);
        assertEquals(Errno.EPERM.neg(), s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.0.2", 0)));
        net.loop.runFor(Time.s(1));
        assertEquals(0, IpNet.ipFrames(h1, true, 1).size());
    }

    @Test
    void dropInLocalInAndPostRoutingAndPreRouting() {
        for (Hook hook : new Hook[] {Hook.PRE_ROUTING, Hook.LOCAL_IN, Hook.POST_ROUTING}) {
            net = IpNet.twoHosts();
            Kernel h2 = net.k("h2");
            h2.netfilter().register(new Netfilter.HookOps(hook, 0, "test", (h, skb, in, out) -> Verdict.DROP));
            Sock s = ping(net.k("h1"), "10.0.0.2");
            assertNull(net.receive(s, null, Time.s(1)), hook + " DROP not honoured" + net.dump());
            assertEquals(1L, h2.netfilter().dropped(hook), hook.toString());
            assertEquals(1L, h2.drops(IpMib.NETFILTER_DROP), hook.toString());
            if (hook != Hook.POST_ROUTING) assertEquals(0L, IpNet.ip(h2).counters().get("IcmpInEchos"), hook.toString());
        }
    }

    @Test
    void preRoutingRunsBeforeTheRoutingDecisionSoARewriteRedirects() {
        net = IpNet.twoHosts();
        Kernel h1 = net.k("h1");
        Kernel h2 = net.k("h2");
        // h1 believes 10.0.0.99 lives at h2's MAC; h2 does not own 10.0.0.99 ...
        IpNet.stack(h1).arp().cache().addPermanent(h1.device("eth0"), ip("10.0.0.99"), IpNet.mac(2));
        // ... but a DNAT-like rule in PRE_ROUTING rewrites it to h2's address, so h2 takes it.
        h2.netfilter().register(new Netfilter.HookOps(Hook.PRE_ROUTING, 0, "dnat", (h, skb, in, out) -> {
            if (skb.u32(skb.data() + 16) == ip("10.0.0.99")) Ipv4Header.setDaddr(skb.buf(), skb.data(), ip("10.0.0.2"));
            return Verdict.ACCEPT;
        }));
        ping(h1, "10.0.0.99");
        net.loop.runFor(Time.s(1));
        assertEquals(1L, IpNet.ip(h2).counters().get("IcmpInEchos"), "delivered locally after the rewrite" + net.dump());
        assertEquals(0L, h2.drops(IpMib.NOT_LOCAL));
    }
}
