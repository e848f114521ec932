package org.stacklab.solutions.ip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.core.Veth;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

/**
 * Test scenarios for the ip module: kernels joined by veth pairs on one virtual clock.
 * {@link #twoHosts} is h1 (10.0.0.1) — h2 (10.0.0.2); {@link #routed} is
 * h1 (10.0.1.2) — r1 (10.0.1.1 | 10.0.2.1) — h2 (10.0.2.2) with forwarding on r1.
 */
final class IpNet {
    static final long DELAY = Time.us(10);
    static final long SEED = 42;

    final EventLoop loop = EventLoop.virtual(SEED);
    final Map<String, Kernel> kernels = new LinkedHashMap<>();

    static int ip(String s) { return Ip4.parse(s); }

    static long mac(int n) { return 0x020000000000L | n; }

    Kernel host(String name) {
        Kernel k = new Kernel(name, loop, ModuleSet.reference());
        k.insmod("ip");
        kernels.put(name, k);
        return k;
    }

    Kernel k(String name) { return kernels.get(name); }

    static IpStack ip(Kernel k) { return k.symbol(IpStack.class); }

    static Ipv4Stack stack(Kernel k) { return ((IpModule) k.module("ip")).stack(); }

    NetDevice[] link(Kernel a, String devA, long macA, Kernel b, String devB, long macB) {
        return Veth.pair(a, devA, macA, b, devB, macB, DELAY);
    }

    static IpNet twoHosts() {
        IpNet n = new IpNet();
        Kernel h1 = n.host("h1");
        Kernel h2 = n.host("h2");
        n.link(h1, "eth0", mac(1), h2, "eth0", mac(2));
        ip(h1).addAddress("eth0", ip("10.0.0.1"), 24);
        ip(h2).addAddress("eth0", ip("10.0.0.2"), 24);
        return n;
    }

    static IpNet routed() {
        IpNet n = new IpNet();
        Kernel h1 = n.host("h1");
        Kernel r1 = n.host("r1");
        Kernel h2 = n.host("h2");
        n.link(h1, "eth0", mac(0x11), r1, "eth0", mac(0x21));
        n.link(r1, "eth1", mac(0x22), h2, "eth0", mac(0x31));
        ip(h1).addAddress("eth0", ip("10.0.1.2"), 24);
        ip(r1).addAddress("eth0", ip("10.0.1.1"), 24);
        ip(r1).addAddress("eth1", ip("10.0.2.1"), 24);
        ip(h2).addAddress("eth0", ip("10.0.2.2"), 24);
        ip(h1).routes().add(org.stacklab.kernel.ip.Route.defaultVia(ip("10.0.1.1"), "eth0"));
        ip(h2).routes().add(org.stacklab.kernel.ip.Route.defaultVia(ip("10.0.2.1"), "eth0"));
        r1.sysctl().set("net.ipv4.ip_forward", 1);
        return n;
    }

    // ---------------------------------------------------------------- ping sockets

    static Sock pingSocket(Kernel k) {
        return InetSockets.of(k).lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_ICMP).create();
    }

    static byte[] echoRequest(int seq, int dataLen) {
        byte[] m = new byte[8 + dataLen];
        m[0] = 8;
        m[6] = (byte) (seq >>> 8);
        m[7] = (byte) seq;
        for (int i = 0; i < dataLen; i++) m[8 + i] = (byte) (i * 7 + seq);
        return m;
    }

    /** One message from {@code s}, running the loop up to {@code timeoutNs}; null if none came. */
    byte[] receive(Sock s, SockAddr[] from, long timeoutNs) {
        loop.runUntil(() -> (s.poll() & Sock.POLLIN) != 0, timeoutNs);
        byte[] buf = new byte[70_000];
        int n = s.recvmsg(buf, 0, buf.length, 0, from);
        if (n < 0) return null;
        byte[] out = new byte[n];
        System.arraycopy(buf, 0, out, 0, n);
        return out;
    }

    // ---------------------------------------------------------------- crafting frames

    /** An Ethernet frame carrying an IPv4 datagram with a correct header checksum. */
    static byte[] ipFrame(long dstMac, long srcMac, int saddr, int daddr, int protocol, int ttl, byte[] payload) {
        byte[] f = new byte[14 + 20 + payload.length];
        MacAddr.write(dstMac, f, 0);
        MacAddr.write(srcMac, f, 6);
        f[12] = 0x08;
        Ipv4Header.of(0, 20 + payload.length, 0x1234, 0, ttl, protocol, saddr, daddr).writeTo(f, 14);
        System.arraycopy(payload, 0, f, 34, payload.length);
        return f;
    }

    /** An ICMP echo request message with a valid checksum. */
    static byte[] icmpEcho(int id, int seq, int dataLen) {
        byte[] m = echoRequest(seq, dataLen);
        m[4] = (byte) (id >>> 8);
        m[5] = (byte) id;
        int c = Checksum.compute(m, 0, m.length);
        m[2] = (byte) (c >>> 8);
        m[3] = (byte) c;
        return m;
    }

    /** Delivers {@code frame} to {@code dev} as if its link had just received it. */
    void inject(NetDevice dev, byte[] frame) {
        SkBuff skb = SkBuff.wrap(frame.clone(), frame.length);
        skb.dev = dev;
        dev.kernel().netifRx(skb);
        loop.runFor(Time.ms(1));
    }

    // ---------------------------------------------------------------- trace inspection

    /** IPv4 datagrams {@code k} traced in direction {@code out}, as (entry) with their IP header at offset 14. */
    static List<PacketTrace.Entry> ipFrames(Kernel k, boolean out, int protocol) {
        List<PacketTrace.Entry> l = new ArrayList<>();
        for (PacketTrace.Entry e : k.trace().entries()) {
            byte[] f = e.frame();
            if (e.outgoing() == out && f.length >= 34 && (f[12] & 0xff) == 0x08 && f[13] == 0 && (f[23] & 0xff) == protocol) l.add(e);
        }
        return l;
    }

    static List<PacketTrace.Entry> arpFrames(Kernel k, boolean out) {
        List<PacketTrace.Entry> l = new ArrayList<>();
        for (PacketTrace.Entry e : k.trace().entries()) {
            byte[] f = e.frame();
            if (e.outgoing() == out && f.length >= 42 && (f[12] & 0xff) == 0x08 && f[13] == 0x06) l.add(e);
        }
        return l;
    }

    /** What a failing test prints: the seed, every host's trace and kernel log. */
    String dump() {
        StringBuilder sb = new StringBuilder("\nseed " + SEED + ", t=" + Time.format(loop.now()) + "\n");
        for (Kernel k : kernels.values()) {
            sb.append("--- ").append(k.hostname()).append(" trace\n");
            for (PacketTrace.Entry e : k.trace().entries()) sb.append("  ").append(e.lineWithDevice()).append('\n');
            sb.append("--- ").append(k.hostname()).append(" log (last 30)\n");
            List<String> log = k.log().lines();
            for (String l : log.subList(Math.max(0, log.size() - 30), log.size())) sb.append("  ").append(l).append('\n');
            sb.append("--- ").append(k.hostname()).append(" drops ").append(k.drops()).append('\n');
        }
        return sb.toString();
    }

    void assertNoOopses() {
        for (Kernel k : kernels.values()) assertTrue(k.oopses().isEmpty(), k.hostname() + " oopsed: " + k.oopses() + dump());
    }
}
