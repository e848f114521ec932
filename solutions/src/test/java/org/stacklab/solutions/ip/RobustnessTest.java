package org.stacklab.solutions.ip;

import org.stacklab.kernel.ip.scaffold.IpMib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.solutions.ip.IpNet.ip;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.SeededRandom;
import org.stacklab.sim.Time;

/** Hostile input, rate limits, DF over a smaller MTU, and determinism. */
class RobustnessTest {
    @Test
    void mutatedFramesAreDroppedAndCountedAndTheHostStillAnswers() {
        IpNet net = IpNet.twoHosts();
        Kernel h2 = net.k("h2");
        NetDevice eth0 = h2.device("eth0");
        SeededRandom rnd = net.loop.random().fork("fuzz");
        byte[][] seeds = {
            IpNet.ipFrame(IpNet.mac(2), IpNet.mac(1), ip("10.0.0.1"), ip("10.0.0.2"), 1, 64, IpNet.icmpEcho(1, 1, 40)),
            IpNet.ipFrame(IpNet.mac(2), IpNet.mac(1), ip("10.0.0.1"), ip("10.0.0.2"), 17, 64, new byte[30]),
            IpNet.ipFrame(IpNet.mac(2), IpNet.mac(1), ip("10.0.0.1"), ip("10.0.0.2"), 1, 64,
                    timeExceededQuoting(IpNet.icmpEcho(7, 1, 8))),
        };
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            byte[] f;
            if (rnd.chance(0.2)) {
                f = new byte[rnd.nextInt(0, 200)];
                rnd.nextBytes(f);
                if (f.length > 14 && rnd.chance(0.5)) { f[12] = 0x08; f[13] = (byte) (rnd.chance(0.5) ? 0 : 6); }
            } else {
                f = seeds[rnd.nextInt(seeds.length)].clone();
                int flips = rnd.nextInt(1, 4);
                for (int k = 0; k < flips; k++) f[rnd.nextInt(14, f.length)] ^= (byte) (1 << rnd.nextInt(8));
                if (rnd.chance(0.5) && 14 + (f[14] & 0xf) * 4 <= f.length) Ipv4Header.updateChecksum(f, 14); // get past the checksum to test the rest
                if (rnd.chance(0.1)) f = java.util.Arrays.copyOf(f, rnd.nextInt(14, f.length));
            }
            SkBuff skb = SkBuff.wrap(f, f.length);
            skb.dev = eth0;
            h2.netifRx(skb);
            if (i % 64 == 0) net.loop.runFor(Time.us(100));
        }
        net.loop.runFor(Time.s(40));
        assertTrue(h2.oopses().isEmpty(), "an exception escaped: " + h2.oopses());
        var c = IpNet.ip(h2).counters();
        assertTrue(c.get("InHdrErrors") > 0 && c.get("InCsumErrors") > 0, c.toString());
        // Every datagram received ends in exactly one counted outcome (a reassembled datagram replaces its fragments).
        long outcomes = c.get("InHdrErrors") + c.get("InTruncatedPkts") + c.get("InAddrErrors") + c.get("InDiscards")
                + c.get("ReasmReqds") - c.get("ReasmOKs") + c.get("InUnknownProtos") + c.get("InDelivers");
        assertEquals(c.get("InReceives"), outcomes, c.toString());
        assertTrue(h2.totalDrops() > n / 2, "drops are counted by reason: " + h2.drops());

        Sock s = IpNet.pingSocket(net.k("h1"));
        byte[] req = IpNet.echoRequest(99, 8);
        s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.0.2", 0));
        byte[] reply = null;
        for (int i = 0; i < 50 && (reply == null || reply[0] != 0 || reply[7] != 99); i++) reply = net.receive(s, null, Time.s(1));
        assertNotNull(reply, "h2 no longer answers ping" + net.dump());
        assertEquals(99, reply[7]);
        net.assertNoOopses();
    }

    private static byte[] timeExceededQuoting(byte[] echo) {
        byte[] m = new byte[8 + 20 + 8];
        m[0] = 11;
        Ipv4Header.of(0, 20 + echo.length, 1, 0, 1, 1, ip("10.0.0.2"), ip("10.9.9.9")).writeTo(m, 8);
        System.arraycopy(echo, 0, m, 28, 8);
        int c = org.stacklab.kernel.core.Checksum.compute(m, 0, m.length);
        m[2] = (byte) (c >>> 8);
        m[3] = (byte) c;
        return m;
    }

    @Test
    void icmpErrorsAreRateLimitedPerDestination() {
        IpNet net = IpNet.twoHosts();
        Kernel h2 = net.k("h2");
        for (int i = 0; i < 20; i++) {
            net.inject(h2.device("eth0"), IpNet.ipFrame(IpNet.mac(2), IpNet.mac(1), ip("10.0.0.1"), ip("10.0.0.2"), 99, 64, new byte[8]));
        }
        assertEquals(6L, IpNet.ip(h2).counters().get("IcmpOutDestUnreachs"), "a burst of 6" + net.dump());
        assertEquals(14L, h2.drops(IpMib.ICMP_RATELIMIT));
        net.loop.runFor(Time.s(1));
        net.inject(h2.device("eth0"), IpNet.ipFrame(IpNet.mac(2), IpNet.mac(1), ip("10.0.0.1"), ip("10.0.0.2"), 99, 64, new byte[8]));
        assertEquals(7L, IpNet.ip(h2).counters().get("IcmpOutDestUnreachs"), "then one per second");
    }

    @Test
    void dontFragmentOverASmallerMtuGetsFragmentationNeeded() {
        IpNet net = IpNet.routed();
        Kernel r1 = net.k("r1");
        r1.device("eth1").setMtu(1000);
        byte[] f = IpNet.ipFrame(IpNet.mac(0x21), IpNet.mac(0x11), ip("10.0.1.2"), ip("10.0.2.2"), 1, 64, IpNet.icmpEcho(5, 1, 1200));
        f[20] |= 0x40; // DF
        Ipv4Header.updateChecksum(f, 14);
        net.inject(r1.device("eth0"), f);
        net.loop.runFor(Time.s(1));
        assertEquals(1L, r1.drops(IpMib.FRAG_NEEDED), net.dump());
        List<PacketTrace.Entry> toH1 = IpNet.ipFrames(r1, true, 1);
        byte[] err = toH1.get(toH1.size() - 1).frame();
        assertEquals(3, err[34]);
        assertEquals(4, err[35], "fragmentation needed");
        assertEquals(1000, ((err[40] & 0xff) << 8) | (err[41] & 0xff), "next-hop MTU (RFC 1191)");

        // Without DF the router fragments it instead.
        byte[] g = IpNet.ipFrame(IpNet.mac(0x21), IpNet.mac(0x11), ip("10.0.1.2"), ip("10.0.2.2"), 1, 64, IpNet.icmpEcho(5, 2, 1200));
        net.inject(r1.device("eth0"), g);
        net.loop.runFor(Time.s(1));
        assertEquals(2L, IpNet.ip(r1).counters().get("FragCreates"));
        assertEquals(1L, IpNet.ip(net.k("h2")).counters().get("ReasmOKs"), net.dump());
        net.assertNoOopses();
    }

    @Test
    void sameSeedSameTrace() {
        assertEquals(runScenario(), runScenario());
    }

    private static List<String> runScenario() {
        IpNet net = IpNet.routed();
        Sock s = IpNet.pingSocket(net.k("h1"));
        for (int i = 0; i < 3; i++) {
            byte[] req = IpNet.echoRequest(i, 3000);
            s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.2.2", 0));
            net.loop.runFor(Time.s(1));
        }
        List<String> all = new java.util.ArrayList<>();
        for (Kernel k : net.kernels.values()) for (PacketTrace.Entry e : k.trace().entries()) all.add(k.hostname() + " " + e.lineWithDevice()
                + " " + java.util.HexFormat.of().formatHex(e.frame()));
        return all;
    }
}
