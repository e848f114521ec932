package org.stacklab.labs.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.LinkOptions;
import org.stacklab.scenario.Topology;
import org.stacklab.sim.Time;
import org.stacklab.testkit.TraceDir;
import org.stacklab.testkit.TracePcap;
import org.stacklab.testkit.WirePort;

/**
 * Scenarios for lab 2, built with {@link Topology}. Every host boots the {@code ip} module that
 * {@code stacklab.use} chooses (the reference unless the grader or {@code -Dstacklab.use=ip=student}
 * says otherwise) over the reference e1000 driver, with the reference UDP above it:
 *
 * <pre>
 *   switched():  h1 10.0.0.1 ── sw0 ── h2 10.0.0.2
 *   routed():    h1 10.0.1.1 ── eth0 r1 eth1 ── h2 10.0.2.1      (r1: 10.0.1.254, 10.0.2.254, forwarding)
 *   wired():     [ wire: a test port that injects frames ] ── eth0 h2 10.0.0.2
 *   wiredRouter(): [ wire ] ── eth0 r1 10.0.1.254 (forwarding) 10.0.2.254 eth1 (MTU 1000) ── [ wire2 ]
 * </pre>
 * The wires answer every ARP request with {@link #WIRE_MAC}, so the host can send back to any
 * address behind them.
 */
final class IpRig {
    static final long WIRE_MAC = 0x020000000001L;

    final Topology t;
    final WirePort wire = new ArpAnsweringWire();
    /** r1's second wire, in {@link #wiredRouter}. */
    final WirePort wire2 = new ArpAnsweringWire();

    private IpRig(Topology t) { this.t = t; }

    static IpRig switched(long seed) { return new IpRig(Topology.twoHostsOnSwitch(TraceDir.seed(seed), modules())); }

    static IpRig routed(long seed) { return new IpRig(Topology.routed(TraceDir.seed(seed), modules())); }

    static IpRig wired(long seed) {
        IpRig r = new IpRig(new Topology(TraceDir.seed(seed), modules()));
        Host h2 = r.t.addHost("h2");
        r.t.connect(h2, "wire", r.wire, LinkOptions.gigabit());
        h2.address("eth0", "10.0.0.2/24");
        r.t.run(Time.us(10));
        return r;
    }

    static IpRig wiredRouter(long seed) {
        IpRig r = new IpRig(new Topology(TraceDir.seed(seed), modules()));
        Host r1 = r.t.addRouter("r1");
        r.t.connect(r1, "wire", r.wire, LinkOptions.gigabit());
        r.t.connect(r1, "wire2", r.wire2, LinkOptions.gigabit());
        r1.address("eth0", "10.0.1.254/24");
        r1.address("eth1", "10.0.2.254/24");
        r1.device("eth1").setMtu(1000);
        r.t.run(Time.us(10));
        return r;
    }

    /** A test port that answers every ARP request (who-has X) with "X is-at WIRE_MAC". */
    static final class ArpAnsweringWire extends WirePort {
        @Override
        public void receive(byte[] frame) {
            super.receive(frame);
            if (frame.length >= 42 && frame[12] == 8 && frame[13] == 6 && frame[21] == 1) {
                long sha = 0;
                for (int i = 0; i < 6; i++) sha = (sha << 8) | (frame[22 + i] & 0xff);
                int spa = (org.stacklab.scenario.Frames.get16(frame, 28) << 16) | org.stacklab.scenario.Frames.get16(frame, 30);
                int tpa = (org.stacklab.scenario.Frames.get16(frame, 38) << 16) | org.stacklab.scenario.Frames.get16(frame, 40);
                send(org.stacklab.scenario.Frames.arpReply(WIRE_MAC, tpa, sha, spa));
            }
        }
    }

    static ModuleSet modules() { return ModuleSet.parse(ModuleSet.REFERENCE, null); }

    Host host(String name) { return t.host(name); }

    void run(long ns) { t.run(ns); }

    // ------------------------------------------------------------------ sockets

    static Sock udp(Host h) { return InetSockets.of(h.kernel()).lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_UDP).create(); }

    static Sock udpBound(Host h, int port) {
        Sock s = udp(h);
        int rc = s.bind(new SockAddr(0, port));
        if (rc != 0) throw new IllegalStateException("bind " + port + ": " + rc);
        return s;
    }

    static int sendTo(Sock s, String text, String addr, int port) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return s.sendmsg(b, 0, b.length, 0, SockAddr.of(addr, port));
    }

    /** Everything queued on {@code s}, one string per datagram. */
    static List<String> drain(Sock s) {
        List<String> out = new ArrayList<>();
        byte[] buf = new byte[65536];
        int n;
        while ((n = s.recvmsg(buf, 0, buf.length, Sock.MSG_DONTWAIT, null)) >= 0) out.add(new String(buf, 0, n, StandardCharsets.US_ASCII));
        return out;
    }

    // ------------------------------------------------------------------ frames

    /** Frames {@code h} sent ({@code out}) or received, as the packet trace holds them. */
    static List<byte[]> frames(Host h, boolean out) {
        return h.kernel().trace().entries().stream().filter(e -> e.outgoing() == out && !"lo".equals(e.dev()))
                .map(PacketTrace.Entry::frame).toList();
    }

    /** IPv4 frames with ICMP type {@code type}. */
    static List<byte[]> icmp(Host h, boolean out, int type) {
        return frames(h, out).stream()
                .filter(f -> f.length >= 35 && f[12] == 8 && f[13] == 0 && f[23] == 1 && (f[14 + ((f[14] & 0xf) * 4)] & 0xff) == type)
                .toList();
    }

    static long counter(Host h, String name) { return h.ip().counters().getOrDefault(name, 0L); }

    static long drops(Kernel k) { return k.totalDrops(); }

    // ------------------------------------------------------------------ failure output

    /** The seed, the module set, the merged packet trace, each host's drops, IP counters and log. */
    String explain() {
        return "\n  replay: ./stacklab grade --lab lab2-ip --seed " + t.seed() + "\n" + t.report(40).replaceAll("(?m)^", "  ") + pcaps();
    }

    /** Writes each host's frames as a pcap file ({@code tcpdump -nr FILE}, Wireshark) and lists the paths. */
    String pcaps() {
        return TracePcap.writeEach("lab2-ip-seed" + t.seed(), t);
    }

    /** The end of every test: its trace for {@code ./stacklab verify}, then no kernel may have oopsed. */
    void finish(TestInfo info) {
        TraceDir.write(info.getTestClass(), info.getTestMethod(), t.trace());
        assertEquals(List.of(), t.oopses(), () -> "a kernel oopsed" + explain());
    }
}
