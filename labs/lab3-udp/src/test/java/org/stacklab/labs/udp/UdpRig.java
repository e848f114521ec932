package org.stacklab.labs.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SocketProto;
import org.stacklab.scenario.Frames;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.LinkOptions;
import org.stacklab.scenario.Topology;
import org.stacklab.sim.Time;
import org.stacklab.testkit.TraceDir;
import org.stacklab.testkit.TracePcap;

/**
 * Scenarios for lab 3, built with {@link Topology}: every host boots the {@code udp} module that
 * {@code stacklab.use} chooses (the reference unless the grader or {@code -Dstacklab.use=udp=student}
 * says otherwise) over the reference IPv4 and e1000.
 *
 * <pre>
 *   switched():  h1 10.0.0.1 ── sw0 ── h2 10.0.0.2
 *   wired():     [ wire: a test port that injects frames ] ── eth0 h2 10.0.0.2
 * </pre>
 */
final class UdpRig {
    static final long WIRE_MAC = 0x020000000001L;

    final Topology t;
    final WirePort wire = new WirePort();
    final Host h1;
    final Host h2;

    private UdpRig(Topology t, boolean withH1) {
        this.t = t;
        this.h1 = withH1 ? t.host("h1") : null;
        this.h2 = t.host("h2");
    }

    static UdpRig switched(long seed) { return new UdpRig(Topology.twoHostsOnSwitch(TraceDir.seed(seed), modules()), true); }

    static UdpRig wired(long seed) {
        Topology t = new Topology(TraceDir.seed(seed), modules());
        Host h2 = t.addHost("h2");
        UdpRig r = new UdpRig(t, false);
        t.connect(h2, "wire", r.wire, LinkOptions.gigabit());
        h2.address("eth0", "10.0.0.2/24");
        t.run(Time.us(10));
        return r;
    }

    static ModuleSet modules() { return ModuleSet.parse(ModuleSet.REFERENCE, null); }

    void run(long ns) { t.run(ns); }

    void settle() { t.run(Time.ms(10)); }

    // ------------------------------------------------------------------ sockets

    static SocketProto proto(Host h) { return InetSockets.of(h.kernel()).lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_UDP); }

    static Sock udp(Host h) { return proto(h).create(); }

    static Sock bound(Host h, int port) {
        Sock s = udp(h);
        int rc = s.bind(new SockAddr(0, port));
        if (rc != 0) throw new IllegalStateException("bind 0.0.0.0:" + port + " gave " + rc);
        return s;
    }

    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    static int sendTo(Sock s, String text, String addr, int port) {
        byte[] b = bytes(text);
        return s.sendmsg(b, 0, b.length, 0, SockAddr.of(addr, port));
    }

    static int send(Sock s, String text) {
        byte[] b = bytes(text);
        return s.sendmsg(b, 0, b.length, 0, null);
    }

    /** One datagram, or null if none is queued (or an error: then {@code err[0]} holds it). */
    static String recv(Sock s, int len, SockAddr[] from, int[] err) {
        byte[] buf = new byte[len];
        int n = s.recvmsg(buf, 0, len, Sock.MSG_DONTWAIT, from);
        if (n < 0) {
            if (err != null) err[0] = n;
            return null;
        }
        return new String(buf, 0, n, StandardCharsets.US_ASCII);
    }

    static String recv(Sock s) { return recv(s, 2048, null, null); }

    static List<String> drain(Sock s) {
        List<String> out = new ArrayList<>();
        String d;
        while ((d = recv(s)) != null) out.add(d);
        return out;
    }

    /** How many datagrams {@code h} dropped with {@code reason} ({@code udp.kernel.drop(reason)}, UdpDropReason). */
    static long drops(Host h, String reason) { return h.kernel().drops(reason); }

    long counter(Host h, String name) { return proto(h).counters().getOrDefault(name, 0L); }

    /** A UDP datagram from the wire (10.0.0.1:sport) to h2 (10.0.0.2:dport), checksum correct. */
    byte[] fromWire(int sport, int dport, String payload) {
        return Frames.udp(h2.nic("eth0").macAddress(), WIRE_MAC, Ip4.parse("10.0.0.1"), sport, Ip4.parse("10.0.0.2"), dport, bytes(payload));
    }

    /** A datagram from the wire from {@code saddr}:sport (another host on the link) to h2:dport. */
    byte[] fromWire(String saddr, int sport, int dport, String payload) {
        return Frames.udp(h2.nic("eth0").macAddress(), WIRE_MAC, Ip4.parse(saddr), sport, Ip4.parse("10.0.0.2"), dport, bytes(payload));
    }

    /**
     * {@code frame} with {@code padding} appended after its UDP datagram, inside the IP datagram (the IP
     * total length grows, the UDP length does not): what a sender that pads to a minimum size sends.
     */
    static byte[] withIpPadding(byte[] frame, String padding) {
        byte[] p = bytes(padding);
        byte[] f = java.util.Arrays.copyOf(frame, frame.length + p.length);
        System.arraycopy(p, 0, f, frame.length, p.length);
        Frames.put16(f, 14 + 2, Frames.get16(f, 14 + 2) + p.length);
        Frames.fixIpChecksum(f);
        return f;
    }

    /**
     * {@code text} (made even-length) followed by two bytes chosen so the datagram
     * {@code saddr:sport → daddr:dport} carrying it has a computed checksum of exactly 0.
     */
    static byte[] payloadWithZeroChecksum(String saddr, int sport, String daddr, int dport, String text) {
        byte[] t = bytes(text.length() % 2 == 0 ? text : text + " ");
        byte[] u = new byte[8 + t.length + 2];
        Frames.put16(u, 0, sport);
        Frames.put16(u, 2, dport);
        Frames.put16(u, 4, u.length);
        System.arraycopy(t, 0, u, 8, t.length);
        int c = org.stacklab.kernel.core.Checksum.transport(Ip4.parse(saddr), Ip4.parse(daddr), 17, u, 0, u.length);
        Frames.put16(u, u.length - 2, c);
        int check = org.stacklab.kernel.core.Checksum.transport(Ip4.parse(saddr), Ip4.parse(daddr), 17, u, 0, u.length);
        if (check != 0) throw new IllegalStateException("payload sums to " + check + ", not 0");
        return java.util.Arrays.copyOfRange(u, 8, u.length);
    }

    /** Frames {@code h} sent or received (not over lo). */
    static List<byte[]> frames(Host h, boolean out) {
        return h.kernel().trace().entries().stream().filter(e -> e.outgoing() == out && !"lo".equals(e.dev()))
                .map(PacketTrace.Entry::frame).toList();
    }

    static boolean isUdp(byte[] f) { return f.length >= 42 && f[12] == 8 && f[13] == 0 && f[23] == 17; }

    static boolean isIcmp(byte[] f, int type, int code) {
        return f.length >= 38 && f[12] == 8 && f[13] == 0 && f[23] == 1 && (f[34] & 0xff) == type && (f[35] & 0xff) == code;
    }

    String explain() {
        StringBuilder sb = new StringBuilder("\n  replay: ./stacklab grade --lab lab3-udp --seed " + t.seed() + "\n");
        sb.append(t.report(40).replaceAll("(?m)^", "  "));
        for (Host h : t.hosts()) sb.append("  ").append(h.name()).append(" Udp: ").append(proto(h).counters()).append('\n');
        return sb.append(pcaps()).toString();
    }

    /** The wire, answering ARP requests for 10.0.0.1 so h2 can send back to it. */
    static final class WirePort extends org.stacklab.testkit.WirePort {
        @Override
        public void receive(byte[] frame) {
            super.receive(frame);
            if (frame.length >= 42 && frame[12] == 8 && frame[13] == 6 && frame[21] == 1
                    && Frames.get16(frame, 38) == 0x0a00 && Frames.get16(frame, 40) == 0x0001) {
                long sha = 0;
                for (int i = 0; i < 6; i++) sha = (sha << 8) | (frame[22 + i] & 0xff);
                int spa = ((frame[28] & 0xff) << 24) | ((frame[29] & 0xff) << 16) | ((frame[30] & 0xff) << 8) | (frame[31] & 0xff);
                send(Frames.arpReply(WIRE_MAC, Ip4.parse("10.0.0.1"), sha, spa));
            }
        }
    }

    /** Writes each host's frames as a pcap file ({@code tcpdump -nr FILE}, Wireshark) and lists the paths. */
    String pcaps() {
        return TracePcap.writeEach("lab3-udp-seed" + t.seed(), t);
    }

    /** The end of every test: its trace for {@code ./stacklab verify}, then no kernel may have oopsed. */
    void finish(TestInfo info) {
        TraceDir.write(info.getTestClass(), info.getTestMethod(), t.trace());
        assertEquals(List.of(), t.oopses(), () -> "a kernel oopsed" + explain());
    }
}
