package org.stacklab.solutions.ip;

import org.stacklab.kernel.ip.scaffold.IpMib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.solutions.ip.IpNet.ip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpProtocolHandler;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.Time;

/** Input validation: every malformed datagram dropped under its reason and counted; padding; unknown protocols. */
class Ipv4InputTest {
    private IpNet net;
    private Kernel h2;
    private NetDevice eth0;

    @AfterEach
    void noOopses() {
        if (net != null) net.assertNoOopses();
    }

    private void twoHosts() {
        net = IpNet.twoHosts();
        h2 = net.k("h2");
        eth0 = h2.device("eth0");
    }

    /** A valid echo request from h1 to h2, changed by {@code edit} (offsets in the frame), checksum NOT fixed afterwards. */
    private byte[] frame(Consumer<byte[]> edit) {
        byte[] f = IpNet.ipFrame(IpNet.mac(2), IpNet.mac(1), ip("10.0.0.1"), ip("10.0.0.2"), 1, 64, IpNet.icmpEcho(1, 1, 8));
        edit.accept(f);
        return f;
    }

    private static void fixChecksum(byte[] f) { Ipv4Header.updateChecksum(f, 14); }

    private void assertDropped(String reason, String mib, byte[] f) {
        Map<String, Long> before = IpNet.ip(h2).counters();
        net.inject(eth0, f);
        Map<String, Long> after = IpNet.ip(h2).counters();
        assertEquals(1L, h2.drops(reason), reason + " not counted; drops " + h2.drops() + net.dump());
        if (mib != null) assertEquals(before.get(mib) + 1, after.get(mib), mib);
        assertEquals(before.get("InReceives") + 1, after.get("InReceives"));
        assertEquals(before.get("InDelivers"), after.get("InDelivers"), "nothing delivered");
        assertTrue(IpNet.ipFrames(h2, true, 1).isEmpty(), "no answer to a bad datagram" + net.dump());
    }

    @Test
    void validEchoIsAnswered() {
        twoHosts();
        net.inject(eth0, frame(f -> { }));
        net.loop.runFor(Time.ms(5));
        assertEquals(1, IpNet.ipFrames(h2, true, 1).size(), net.dump());
    }

    @Test
    void badVersion() {
        twoHosts();
        assertDropped(IpMib.BAD_VERSION, "InHdrErrors", frame(f -> { f[14] = 0x65; fixChecksum(f); }));
    }

    @Test
    void ihlBelowFive() {
        twoHosts();
        assertDropped(IpMib.BAD_IHL, "InHdrErrors", frame(f -> f[14] = 0x44));
    }

    @Test
    void ihlPastTheFrame() {
        twoHosts();
        byte[] f = java.util.Arrays.copyOf(frame(x -> x[14] = 0x4f), 14 + 40);
        assertDropped(IpMib.BAD_IHL, "InHdrErrors", f);
    }

    @Test
    void badHeaderChecksum() {
        twoHosts();
        assertDropped(IpMib.BAD_CHECKSUM, "InCsumErrors", frame(f -> f[24] ^= 0x01));
    }

    @Test
    void truncatedHeader() {
        twoHosts();
        assertDropped(IpMib.HDR_TOO_SHORT, "InHdrErrors", java.util.Arrays.copyOf(frame(f -> { }), 14 + 12));
    }

    @Test
    void totalLengthBeyondTheFrame() {
        twoHosts();
        assertDropped(IpMib.TRUNCATED, "InTruncatedPkts", frame(f -> { f[16] = 0x01; f[17] = 0x00; fixChecksum(f); }));
    }

    @Test
    void totalLengthShorterThanTheHeader() {
        twoHosts();
        assertDropped(IpMib.BAD_TOTAL_LENGTH, "InHdrErrors", frame(f -> { f[16] = 0; f[17] = 12; fixChecksum(f); }));
    }

    @Test
    void martianSource() {
        twoHosts();
        assertDropped(IpMib.MARTIAN_SOURCE, "InAddrErrors", frame(f -> { f[26] = (byte) 127; fixChecksum(f); }));
    }

    @Test
    void notForUsOnAHost() {
        twoHosts();
        assertDropped(IpMib.NOT_LOCAL, "InAddrErrors", frame(f -> { f[33] = 9; fixChecksum(f); }));
    }

    @Test
    void badIcmpChecksumIsDroppedByIcmp() {
        twoHosts();
        net.inject(eth0, frame(f -> f[40] ^= 0x10)); // a data byte: the IP header is fine, the ICMP sum is not
        assertEquals(1L, h2.drops(IpMib.ICMP_BAD_CHECKSUM), net.dump());
        assertEquals(1L, IpNet.ip(h2).counters().get("IcmpInCsumErrors"));
        assertTrue(IpNet.ipFrames(h2, true, 1).isEmpty());
    }

    @Test
    void ethernetPaddingIsTrimmed() {
        twoHosts();
        byte[] f = java.util.Arrays.copyOf(frame(x -> { }), 14 + 36 + 24); // padded with zeros, as short frames are
        for (int i = 14 + 36; i < f.length; i++) f[i] = (byte) 0xee;
        net.inject(eth0, f);
        net.loop.runFor(Time.ms(5));
        assertEquals(1, IpNet.ipFrames(h2, true, 1).size(), "the ICMP checksum holds once the padding is cut" + net.dump());
        assertEquals(14 + 36, IpNet.ipFrames(h2, true, 1).get(0).frame().length);
    }

    @Test
    void ttlZeroIsDroppedAtTheRouterWithTimeExceeded() {
        net = IpNet.routed();
        Kernel r1 = net.k("r1");
        byte[] f = IpNet.ipFrame(IpNet.mac(0x21), IpNet.mac(0x11), ip("10.0.1.2"), ip("10.0.2.2"), 1, 0, IpNet.icmpEcho(1, 1, 8));
        net.inject(r1.device("eth0"), f);
        net.loop.runFor(Time.s(1));
        assertEquals(1L, r1.drops(IpMib.TTL_EXPIRED), net.dump());
        assertEquals(1L, IpNet.ip(r1).counters().get("IcmpOutTimeExcds"));
        assertEquals(0L, IpNet.ip(r1).counters().get("ForwDatagrams"));
        assertEquals(1L, IpNet.ip(net.k("h1")).counters().get("IcmpInTimeExcds"), net.dump());
    }

    @Test
    void forwardingOffDropsDatagramsForOthers() {
        net = IpNet.routed();
        Kernel r1 = net.k("r1");
        r1.sysctl().set("net.ipv4.ip_forward", 0);
        Sock s = IpNet.pingSocket(net.k("h1"));
        byte[] req = IpNet.echoRequest(1, 8);
        s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.2.2", 0));
        net.loop.runFor(Time.s(1));
        assertEquals(1L, r1.drops(IpMib.NOT_LOCAL), net.dump());
        assertTrue(IpNet.ipFrames(net.k("h2"), false, 1).isEmpty());
    }

    @Test
    void noRouteAtTheRouterSendsNetUnreachable() {
        net = IpNet.routed();
        Sock s = IpNet.pingSocket(net.k("h1"));
        byte[] req = IpNet.echoRequest(1, 8);
        s.sendmsg(req, 0, req.length, 0, SockAddr.of("192.168.7.7", 0));
        SockAddr[] from = new SockAddr[1];
        byte[] err = net.receive(s, from, Time.s(1));
        assertEquals(3, err[0], net.dump());
        assertEquals(0, err[1], "net unreachable");
        assertEquals(ip("10.0.1.1"), from[0].addr());
        assertEquals(1L, net.k("r1").drops(IpMib.NO_ROUTE));
    }

    @Test
    void broadcastFramesAreNotForwarded() {
        net = IpNet.routed();
        Kernel r1 = net.k("r1");
        byte[] f = IpNet.ipFrame(org.stacklab.kernel.core.MacAddr.BROADCAST, IpNet.mac(0x11), ip("10.0.1.2"), ip("10.0.2.2"), 1, 64, IpNet.icmpEcho(1, 1, 8));
        net.inject(r1.device("eth0"), f);
        assertEquals(1L, r1.drops(IpMib.BCAST_NOT_FORWARDED), net.dump());
        // A directed broadcast of r1's own subnet is for r1 itself, not forwarded, and echo to it is ignored.
        byte[] g = IpNet.ipFrame(IpNet.mac(0x21), IpNet.mac(0x11), ip("10.0.1.2"), ip("10.0.2.255"), 1, 64, IpNet.icmpEcho(1, 1, 8));
        net.inject(r1.device("eth0"), g);
        assertEquals(0L, IpNet.ip(r1).counters().get("ForwDatagrams"));
        assertTrue(IpNet.ipFrames(r1, true, 1).isEmpty(), net.dump());
    }

    @Test
    void unknownProtocolGetsProtocolUnreachableAndTheSenderTransportHearsOfIt() {
        twoHosts();
        Kernel h1 = net.k("h1");
        List<String> calls = new ArrayList<>();
        IpNet.ip(h1).registerProtocol(99, new IpProtocolHandler() {
            @Override
            public void receive(SkBuff skb, int saddr, int daddr) { calls.add("receive"); }

            @Override
            public void icmpError(int type, int code, int saddr, int daddr, byte[] th) {
                calls.add("icmpError " + type + "/" + code + " " + Ip4.format(saddr) + ">" + Ip4.format(daddr)
                        + " ports " + (((th[0] & 0xff) << 8) | (th[1] & 0xff)) + ">" + (((th[2] & 0xff) << 8) | (th[3] & 0xff)));
            }
        });
        SkBuff skb = SkBuff.allocWithHeadroom(12);
        int off = skb.put(12);
        skb.set16(off, 4000);
        skb.set16(off + 2, 5000);
        assertEquals(0, IpNet.ip(h1).output(skb, 0, ip("10.0.0.2"), 99, 64, 0));
        net.loop.runFor(Time.s(1));
        assertEquals(1L, h2.drops(IpMib.NO_PROTOCOL), net.dump());
        assertEquals(1L, IpNet.ip(h2).counters().get("InUnknownProtos"));
        assertEquals(List.of("icmpError 3/2 10.0.0.1>10.0.0.2 ports 4000>5000"), calls, net.dump());
    }

    @Test
    void transportGetsPayloadAtItsHeader() {
        twoHosts();
        int[] seen = new int[5];
        IpNet.ip(h2).registerProtocol(IpStack.PROTO_UDP, new IpProtocolHandler() {
            @Override
            public void receive(SkBuff skb, int saddr, int daddr) {
                seen[0] = skb.len();
                seen[1] = skb.u16(skb.data());
                seen[2] = skb.u8(skb.networkHeader()) ;
                seen[3] = saddr;
                seen[4] = daddr;
            }
        });
        SkBuff skb = SkBuff.allocWithHeadroom(30);
        int off = skb.put(30);
        skb.set16(off, 1234);
        IpNet.ip(net.k("h1")).output(skb, 0, ip("10.0.0.2"), IpStack.PROTO_UDP, 64, 0);
        net.loop.runFor(Time.s(1));
        assertEquals(ip("10.0.0.1"), seen[3], net.dump());
        assertEquals(ip("10.0.0.2"), seen[4]);
        assertEquals(30, seen[0], "len is the payload length");
        assertEquals(1234, seen[1], "data at the transport header");
        assertEquals(0x45, seen[2], "networkHeader at the IPv4 header");
    }
}
