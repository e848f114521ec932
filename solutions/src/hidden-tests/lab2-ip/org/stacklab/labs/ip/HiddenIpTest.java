package org.stacklab.labs.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.grader.Visibility;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.scenario.Frames;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.Ping;
import org.stacklab.sim.Time;

/** Staff-only checks for lab 2. */
class HiddenIpTest {
    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: 1400-byte pings across the router, ten in a row")
    void bigPingsAcrossTheRouter() {
        IpRig rig = IpRig.routed(911);
        for (int i = 0; i < 10; i++) {
            Ping.Result r = Ping.once(rig.host("h1"), "10.0.2.1", i, 1400, 0, Time.s(1));
            int at = i;
            assertNotNull(r, () -> "ping " + at + rig.explain());
            assertTrue(r.isEchoReply(), () -> r + rig.explain());
            assertEquals(8 + 1400, r.message().length, () -> rig.explain());
        }
        assertEquals(List.of(), rig.t.oopses(), () -> rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: a datagram with a 4-byte IP option (IHL 6) is delivered with its payload intact")
    void ipOptions() {
        IpRig rig = IpRig.wired(912);
        Host h2 = rig.host("h2");
        Sock s = IpRig.udpBound(h2, 7);
        byte[] plain = Frames.udp(h2.nic("eth0").macAddress(), IpRig.WIRE_MAC, Ip4.parse("10.0.0.1"), 5000, Ip4.parse("10.0.0.2"), 7,
                "options".getBytes(StandardCharsets.US_ASCII));
        byte[] f = new byte[plain.length + 4];
        System.arraycopy(plain, 0, f, 0, 34);
        f[34] = 1; f[35] = 1; f[36] = 1; f[37] = 0;   // NOP NOP NOP EOL
        System.arraycopy(plain, 34, f, 38, plain.length - 34);
        f[14] = 0x46;
        Frames.put16(f, 16, Frames.get16(plain, 16) + 4);
        Frames.put16(f, 24, 0);
        Frames.put16(f, 24, Checksum.compute(f, 14, 24));
        rig.wire.send(f);
        rig.run(Time.ms(1));
        assertEquals(List.of("options"), IpRig.drain(s), () -> rig.explain());
    }

    @Test @Points(value = 2, visibility = org.stacklab.grader.Visibility.HIDDEN)
    @DisplayName("hidden: a router does not fragment a DF datagram: ICMP fragmentation needed with the next-hop MTU; without DF it fragments")
    void dontFragmentWhenForwarding() {
        IpRig rig = IpRig.wiredRouter(411);
        org.stacklab.scenario.Host r1 = rig.host("r1");
        long mac = r1.nic("eth0").macAddress();
        byte[] df = org.stacklab.scenario.Frames.udp(mac, IpRig.WIRE_MAC, org.stacklab.kernel.core.Ip4.parse("10.0.1.1"), 5000,
                org.stacklab.kernel.core.Ip4.parse("10.0.2.1"), 7, new byte[1200]);
        byte[] noDf = df.clone();
        df[14 + 6] = 0x40;
        org.stacklab.scenario.Frames.fixIpChecksum(df);
        rig.wire.send(df);
        rig.run(org.stacklab.sim.Time.ms(1));
        byte[] icmp = rig.wire.frames.stream().filter(f -> f.length >= 42 && f[23] == 1 && f[34] == 3 && f[35] == 4).findFirst().orElse(null);
        org.junit.jupiter.api.Assertions.assertTrue(icmp != null, () -> "1228 bytes with DF for a 1000-byte MTU: expected ICMP 3/4 back" + rig.explain());
        org.junit.jupiter.api.Assertions.assertEquals(1000, org.stacklab.scenario.Frames.get16(icmp, 14 + 20 + 6), () -> "the next-hop MTU (RFC 1191)" + rig.explain());
        org.junit.jupiter.api.Assertions.assertTrue(rig.wire2.frames.stream().noneMatch(f -> f[12] == 8 && f[13] == 0),
                () -> "a DF datagram must not be forwarded in pieces" + rig.explain());
        org.junit.jupiter.api.Assertions.assertEquals(1, IpRig.counter(r1, "FragFails"), () -> rig.explain());
        org.junit.jupiter.api.Assertions.assertEquals(1, r1.kernel().drops(org.stacklab.kernel.ip.scaffold.IpMib.FRAG_NEEDED), () -> rig.explain());
        byte[] exact = org.stacklab.scenario.Frames.udp(mac, IpRig.WIRE_MAC, org.stacklab.kernel.core.Ip4.parse("10.0.1.1"), 5000,
                org.stacklab.kernel.core.Ip4.parse("10.0.2.1"), 7, new byte[1000 - 28]);
        exact[14 + 6] = 0x40;
        org.stacklab.scenario.Frames.fixIpChecksum(exact);
        rig.wire.send(exact);
        rig.run(org.stacklab.sim.Time.ms(1));
        org.junit.jupiter.api.Assertions.assertEquals(1, rig.wire2.frames.stream().filter(f -> f[12] == 8 && f[13] == 0).count(),
                () -> "a DF datagram of exactly the MTU (1000 bytes) is forwarded" + rig.explain());
        rig.wire.send(noDf);
        rig.run(org.stacklab.sim.Time.ms(1));
        long pieces = rig.wire2.frames.stream().filter(f -> f[12] == 8 && f[13] == 0).count();
        org.junit.jupiter.api.Assertions.assertTrue(pieces >= 2, () -> "without DF the datagram leaves eth1 in fragments; saw " + pieces + rig.explain());
    }

    @Test @Points(value = 1, visibility = org.stacklab.grader.Visibility.HIDDEN)
    @DisplayName("hidden: a protocol nobody handles is answered with ICMP protocol unreachable and counted (InUnknownProtos)")
    void protocolUnreachable() {
        IpRig rig = IpRig.wired(207);
        org.stacklab.scenario.Host h2 = rig.host("h2");
        rig.wire.send(org.stacklab.scenario.Frames.ipv4(h2.nic("eth0").macAddress(), IpRig.WIRE_MAC, org.stacklab.kernel.core.Ip4.parse("10.0.0.1"),
                org.stacklab.kernel.core.Ip4.parse("10.0.0.2"), 99, 64, 7, 0, "mystery".getBytes()));
        rig.run(org.stacklab.sim.Time.ms(1));
        org.junit.jupiter.api.Assertions.assertTrue(rig.wire.frames.stream().anyMatch(f -> f.length >= 42 && f[23] == 1 && f[34] == 3 && f[35] == 2),
                () -> "expected ICMP type 3 code 2 (protocol unreachable) for protocol 99" + rig.explain());
        org.junit.jupiter.api.Assertions.assertEquals(1, IpRig.counter(h2, "InUnknownProtos"), () -> rig.explain());
        org.junit.jupiter.api.Assertions.assertEquals(1, h2.kernel().drops(org.stacklab.kernel.ip.scaffold.IpMib.NO_PROTOCOL), () -> rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: the echo reply keeps the request's TOS and is counted; a header-only datagram (20 bytes) is well-formed")
    void echoTosAndHeaderOnly() {
        IpRig rig = IpRig.wired(208);
        Host h2 = rig.host("h2");
        byte[] req = Frames.icmpEcho(h2.nic("eth0").macAddress(), IpRig.WIRE_MAC, Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2"), true, 9, 1, 8, 64);
        req[14 + 1] = 0x10;
        Frames.fixIpChecksum(req);
        rig.wire.send(req);
        rig.wire.send(Frames.ipv4(h2.nic("eth0").macAddress(), IpRig.WIRE_MAC, Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2"), 17, 64, 3, 0, new byte[0]));
        rig.run(Time.ms(1));
        byte[] reply = rig.wire.frames.stream().filter(x -> x.length >= 42 && x[12] == 8 && x[13] == 0 && x[23] == 1 && x[34] == 0).findFirst().orElse(null);
        assertNotNull(reply, () -> rig.explain());
        assertEquals(0x10, reply[14 + 1] & 0xff, () -> "the reply's TOS is the request's" + rig.explain());
        assertEquals(1, IpRig.counter(h2, "IcmpOutEchoReps"), () -> rig.explain());
        assertEquals(1, IpRig.counter(h2, "IcmpOutMsgs"), () -> rig.explain());
        assertEquals(0, IpRig.counter(h2, "InHdrErrors"), () -> "20 bytes of header and no payload is a valid datagram" + rig.explain());
        assertEquals(2, IpRig.counter(h2, "InDelivers"), () -> "both delivered up (UDP then drops the empty one)" + rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: consecutive datagrams carry different IP IDs, and none sets DF by default")
    void distinctIds() {
        IpRig rig = IpRig.switched(209);
        Sock c = IpRig.udp(rig.host("h1"));
        IpRig.udpBound(rig.host("h2"), 7);
        IpRig.sendTo(c, "one", "10.0.0.2", 7);
        IpRig.sendTo(c, "two", "10.0.0.2", 7);
        IpRig.sendTo(c, "three", "10.0.0.2", 7);
        rig.run(Time.ms(10));
        List<byte[]> out = IpRig.frames(rig.host("h1"), true).stream().filter(f -> f[12] == 8 && f[13] == 0 && f[23] == 17).toList();
        assertEquals(3, out.size(), () -> rig.explain());
        assertEquals(3, out.stream().map(f -> Frames.get16(f, 18)).distinct().count(), () -> "three datagrams, three IDs" + rig.explain());
        assertEquals(0, Frames.get16(out.get(0), 20), () -> "flags and offset of an unfragmented datagram" + rig.explain());
        assertEquals(3, IpRig.counter(rig.host("h1"), "OutRequests"), () -> rig.explain());
    }

    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: NUD: learned from a request is STALE; used, it goes DELAY, then a unicast probe confirms it REACHABLE; a new MAC makes it STALE again")
    void neighbourStates() {
        IpRig rig = IpRig.wired(106);
        Host h2 = rig.host("h2");
        rig.wire.send(Frames.arpRequest(IpRig.WIRE_MAC, Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2")));
        rig.run(Time.ms(1));
        assertEquals("STALE", ArpTest.find(h2, "10.0.0.1").state(), () -> "learned, not confirmed" + rig.explain());
        IpRig.sendTo(IpRig.udp(h2), "use it", "10.0.0.1", 9);
        rig.run(Time.ms(1));
        assertEquals("DELAY", ArpTest.find(h2, "10.0.0.1").state(), () -> "a STALE entry is used at once and re-confirmed after a delay" + rig.explain());
        long sent = rig.wire.frames.stream().filter(f -> f[12] == 8 && f[13] == 0 && f[23] == 17).count();
        assertEquals(1, sent, () -> "the datagram left with the STALE MAC, without waiting" + rig.explain());
        rig.run(Time.s(6));
        assertTrue(rig.wire.frames.stream().anyMatch(f -> f[12] == 8 && f[13] == 6 && f[21] == 1 && (f[0] & 1) == 0),
                () -> "after delay_first_probe_time (5 s) a unicast ARP probe" + rig.explain());
        assertEquals("REACHABLE", ArpTest.find(h2, "10.0.0.1").state(), () -> "the reply to our probe confirms it" + rig.explain());
        rig.wire.send(Frames.arpRequest(0x020000000099L, Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2")));
        rig.run(Time.ms(1));
        assertEquals(0x020000000099L, ArpTest.find(h2, "10.0.0.1").mac(), () -> "the newer binding replaces the old (RFC 826 merge)" + rig.explain());
        assertEquals("STALE", ArpTest.find(h2, "10.0.0.1").state(), () -> "a changed MAC is not confirmed" + rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: ARP edges: a probe (sender 0.0.0.0) is answered and teaches nothing; a gratuitous ARP refreshes only a known entry; a multicast sender MAC is refused")
    void arpEdges() {
        IpRig rig = IpRig.wired(107);
        Host h2 = rig.host("h2");
        long mac = IpRig.WIRE_MAC;
        rig.wire.send(Frames.arpRequest(mac, 0, Ip4.parse("10.0.0.2")));                                  // probe
        rig.wire.send(Frames.arpRequest(mac, Ip4.parse("10.0.0.7"), Ip4.parse("10.0.0.7")));              // gratuitous, unknown
        rig.wire.send(Frames.arpRequest(0x010000000001L, Ip4.parse("10.0.0.8"), Ip4.parse("10.0.0.2")));  // multicast sender MAC
        rig.run(Time.ms(1));
        long replies = rig.wire.frames.stream().filter(f -> f[12] == 8 && f[13] == 6 && f[21] == 2).count();
        assertEquals(1, replies, () -> "only the probe for 10.0.0.2 is answered" + rig.explain());
        assertEquals(null, ArpTest.find(h2, "0.0.0.0"), () -> rig.explain());
        assertEquals(null, ArpTest.find(h2, "10.0.0.7"), () -> "a gratuitous ARP creates no entry (Linux arp_accept=0)" + rig.explain());
        assertEquals(null, ArpTest.find(h2, "10.0.0.8"), () -> rig.explain());
        rig.wire.send(Frames.arpRequest(mac, Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2")));
        rig.run(Time.ms(1));
        rig.wire.send(Frames.arpRequest(0x020000000077L, Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.1")));   // gratuitous, known: new MAC
        rig.run(Time.ms(1));
        assertEquals(0x020000000077L, ArpTest.find(h2, "10.0.0.1").mac(), () -> "a gratuitous ARP updates a known entry" + rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: output edges: no route is ENETUNREACH, a 127.0.0.1 source never leaves by eth0, a broadcast goes to ff:ff:ff:ff:ff:ff")
    void outputEdges() {
        IpRig rig = IpRig.switched(210);
        Host h1 = rig.host("h1");
        assertEquals(org.stacklab.kernel.socket.Errno.ENETUNREACH.neg(), IpRig.sendTo(IpRig.udp(h1), "x", "192.168.9.9", 7), () -> rig.explain());
        Sock lo = IpRig.udp(h1);
        assertEquals(0, lo.bind(org.stacklab.kernel.socket.SockAddr.of("127.0.0.1", 0)), () -> rig.explain());
        assertEquals(org.stacklab.kernel.socket.Errno.EINVAL.neg(), IpRig.sendTo(lo, "x", "10.0.0.2", 7), () -> "RFC 1122 3.2.1.3 (g): 127/8 never leaves the host" + rig.explain());
        Sock b = IpRig.udp(h1);
        b.setsockopt(Sock.SOL_SOCKET, Sock.SO_BROADCAST, 1);
        assertEquals(5, IpRig.sendTo(b, "hello", "10.0.0.255", 7), () -> rig.explain());
        byte[] max = new byte[65507];
        assertEquals(65507, IpRig.udp(h1).sendmsg(max, 0, max.length, 0, org.stacklab.kernel.socket.SockAddr.of("10.0.0.2", 9)),
                () -> "65535 bytes is the largest IPv4 datagram, and allowed" + rig.explain());
        rig.run(Time.ms(1));
        byte[] f = IpRig.frames(h1, true).stream().filter(x -> x[12] == 8 && x[13] == 0 && x[23] == 17).findFirst().orElse(null);
        assertNotNull(f, () -> rig.explain());
        for (int i = 0; i < 6; i++) assertEquals(-1, f[i], () -> "a broadcast needs no ARP: Ethernet broadcast" + rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: netfilter verdicts are obeyed at PRE_ROUTING, LOCAL_IN, LOCAL_OUT and POST_ROUTING (InDiscards, OutDiscards, EPERM)")
    void netfilterHooksObeyed() {
        IpRig rig = IpRig.wired(211);
        Host h2 = rig.host("h2");
        Sock s = IpRig.udpBound(h2, 7);
        org.stacklab.kernel.core.Netfilter nf = h2.kernel().netfilter();
        for (org.stacklab.kernel.core.Netfilter.Hook hook : List.of(org.stacklab.kernel.core.Netfilter.Hook.PRE_ROUTING, org.stacklab.kernel.core.Netfilter.Hook.LOCAL_IN)) {
            var ops = new org.stacklab.kernel.core.Netfilter.HookOps(hook, 0, "test", (hk, skb, in, out) -> org.stacklab.kernel.core.Netfilter.Verdict.DROP);
            nf.register(ops);
            rig.wire.send(Ipv4Test.good(h2, "dropped at " + hook));
            rig.run(Time.ms(1));
            nf.unregister(ops);
        }
        assertEquals(List.of(), IpRig.drain(s), () -> rig.explain());
        assertEquals(2, IpRig.counter(h2, "InDiscards"), () -> "a DROP verdict on input is an InDiscards" + rig.explain());
        for (org.stacklab.kernel.core.Netfilter.Hook hook : List.of(org.stacklab.kernel.core.Netfilter.Hook.LOCAL_OUT, org.stacklab.kernel.core.Netfilter.Hook.POST_ROUTING)) {
            var ops = new org.stacklab.kernel.core.Netfilter.HookOps(hook, 0, "test", (hk, skb, in, out) -> org.stacklab.kernel.core.Netfilter.Verdict.DROP);
            nf.register(ops);
            assertEquals(org.stacklab.kernel.socket.Errno.EPERM.neg(), IpRig.sendTo(IpRig.udp(h2), "x", "10.0.0.1", 9), () -> "DROP at " + hook + ": EPERM" + rig.explain());
            nf.unregister(ops);
        }
        assertEquals(2, IpRig.counter(h2, "OutDiscards"), () -> rig.explain());
        rig.wire.send(Ipv4Test.good(h2, "through"));
        rig.run(Time.ms(1));
        assertEquals(List.of("through"), IpRig.drain(s), () -> rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: a router does not forward a link-layer broadcast, nor what FORWARD drops; a total length shorter than the header is malformed")
    void routerRefuses() {
        IpRig rig = IpRig.wiredRouter(412);
        Host r1 = rig.host("r1");
        byte[] bcast = Frames.udp(-1L & 0xffffffffffffL, IpRig.WIRE_MAC, Ip4.parse("10.0.1.1"), 5000, Ip4.parse("10.0.2.1"), 7, new byte[10]);
        rig.wire.send(bcast);
        var ops = new org.stacklab.kernel.core.Netfilter.HookOps(org.stacklab.kernel.core.Netfilter.Hook.FORWARD, 0, "test", (hk, skb, in, out) -> org.stacklab.kernel.core.Netfilter.Verdict.DROP);
        r1.kernel().netfilter().register(ops);
        rig.wire.send(Frames.udp(r1.nic("eth0").macAddress(), IpRig.WIRE_MAC, Ip4.parse("10.0.1.1"), 5000, Ip4.parse("10.0.2.1"), 7, new byte[10]));
        byte[] shortTotal = Frames.udp(r1.nic("eth0").macAddress(), IpRig.WIRE_MAC, Ip4.parse("10.0.1.1"), 5000, Ip4.parse("10.0.2.1"), 7, new byte[10]);
        Frames.put16(shortTotal, 14 + 2, 12);
        Frames.fixIpChecksum(shortTotal);
        rig.wire.send(shortTotal);
        rig.run(Time.ms(1));
        assertTrue(rig.wire2.frames.stream().noneMatch(f -> f[12] == 8 && f[13] == 0), () -> "nothing forwarded" + rig.explain());
        assertEquals(1, IpRig.counter(r1, "InAddrErrors"), () -> "the broadcast frame: InAddrErrors" + rig.explain());
        assertEquals(1, IpRig.counter(r1, "InDiscards"), () -> "FORWARD's DROP: InDiscards" + rig.explain());
        assertEquals(1, IpRig.counter(r1, "InHdrErrors"), () -> "total length 12 < 20: InHdrErrors" + rig.explain());
    }
}
