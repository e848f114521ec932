package org.stacklab.testkit.tcp;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

/**
 * One host running the TCP module under test over a {@link TestIpLayer}; the test plays the peer,
 * one segment at a time, the way a protocol diagram reads:
 * <pre>
 *   var tcp = h.listenOn(80);
 *   h.at(ms(0)).receive(syn().seq(1000).mss(1460));
 *   var synAck = h.expectSent(synAck().ack(1001).mss(1460));
 *   h.at(ms(1)).receive(ack().seq(1001).ack(synAck.seq() + 1));
 *   assertEquals(ESTABLISHED, h.state(tcp));
 * </pre>
 * A failed expectation throws an AssertionError showing the ladder so far, the seed and the kernel log.
 */
public final class TcpHarness {
    public static final int LOCAL = Ip4.parse("10.0.0.1");
    public static final int PEER = Ip4.parse("10.0.0.2");
    public static final long ANY = Seg.ANY;

    private final long seed;
    private final EventLoop loop;
    private final Kernel kernel;
    private final TestIpLayer ip;
    private int localPort = 80, peerPort = 40000;
    private int cursor;

    private TcpHarness(long seed, ModuleSet set) {
        this.seed = seed;
        this.loop = EventLoop.virtual(seed);
        this.kernel = new Kernel("host", loop, set);
        this.ip = new TestIpLayer(LOCAL);
        kernel.insmod(ip);
        kernel.insmod("tcp");
    }

    /** The reference TCP (or the one {@code -Dstacklab.use} chooses) over the test IP layer. */
    public static TcpHarness create(long seed) { return new TcpHarness(seed, ModuleSet.parse(ModuleSet.REFERENCE, null)); }

    public static TcpHarness create(long seed, ModuleSet set) { return new TcpHarness(seed, set); }

    public Kernel kernel() { return kernel; }
    public TestIpLayer ip() { return ip; }
    public long seed() { return seed; }
    public long now() { return loop.now(); }

    public TcpHarness sysctl(String name, long value) {
        kernel.sysctl().set(name, value);
        return this;
    }

    // ------------------------------------------------------------------------ sockets

    public Sock socket() {
        return InetSockets.of(kernel).lookup(Sock.SOCK_STREAM, Sock.IPPROTO_TCP).create();
    }

    /** A socket listening on {@code port}; injected segments go to it from the peer's port 40000. */
    public Sock listenOn(int port) {
        Sock s = socket();
        check(s.bind(new SockAddr(0, port)), "bind");
        check(s.listen(16), "listen");
        localPort = port;
        return s;
    }

    /** A socket connecting to the peer's {@code port} (its SYN is the first segment sent). */
    public Sock connectTo(int port) {
        Sock s = socket();
        int rc = s.connect(new SockAddr(PEER, port));
        if (rc != Errno.EINPROGRESS.neg()) fail("connect returned " + Errno.describe(rc) + ", expected EINPROGRESS");
        peerPort = port;
        localPort = s.localAddress().port();
        return s;
    }

    /** Injected segments come from {@code peerPort} to {@code localPort} unless they say otherwise. */
    public TcpHarness ports(int localPort, int peerPort) {
        this.localPort = localPort;
        this.peerPort = peerPort;
        return this;
    }

    public TcpState state(Sock s) { return TcpStates.of(s); }

    // ------------------------------------------------------------------------ time and segments

    /** Runs the host until virtual time {@code t} (no-op if already there). */
    public TcpHarness at(long t) {
        if (t > loop.now()) loop.runFor(t - loop.now());
        return this;
    }

    /** Runs the host for {@code dt} more. */
    public TcpHarness after(long dt) {
        loop.runFor(dt);
        return this;
    }

    /** The peer sends {@code s} now; the host processes it (and anything else due now). */
    public TcpHarness receive(Seg s) {
        ip.inject(IpStack.PROTO_TCP, PEER, LOCAL, s.build(PEER, LOCAL, peerPort, localPort));
        loop.runFor(0);
        return this;
    }

    /** The next segment the host sent (in order, each once) must match {@code s}; returns it. */
    public WireSegment expectSent(Seg s) {
        List<WireSegment> sent = ip.sent();
        if (cursor >= sent.size()) fail("expected the host to send " + s + ", but it sent nothing more");
        WireSegment w = sent.get(cursor++);
        String why = s.mismatch(w);
        if (why != null) fail("expected the host to send " + s + "\n  it sent   " + w.line() + "\n  mismatch: " + why);
        return w;
    }

    /** The host sent nothing since the last expectation. */
    public void expectNothingSent() {
        if (cursor < ip.sent().size()) fail("expected no segment, but the host sent " + ip.sent().get(cursor).line());
    }

    /** Skips what the host has sent so far without checking it. */
    public List<WireSegment> drainSent() {
        List<WireSegment> l = new ArrayList<>(ip.sent().subList(cursor, ip.sent().size()));
        cursor = ip.sent().size();
        return l;
    }

    /** The last segment the host sent. */
    public WireSegment lastSent() {
        if (ip.sent().isEmpty()) fail("the host has sent nothing");
        return ip.sent().get(ip.sent().size() - 1);
    }

    public String ladder() { return Ladder.draw(ip.trace(), LOCAL, 40); }

    /** Throws an AssertionError carrying the ladder, the seed and the end of the kernel log. */
    public void fail(String message) {
        List<String> log = kernel.log().lines();
        throw new AssertionError(message + "\n\nseed " + seed + " at t=" + Time.formatMs(loop.now())
                + " (replay: TcpHarness.create(" + seed + "L))\n\n" + ladder()
                + "\nkernel log (last lines):\n  " + String.join("\n  ", log.subList(Math.max(0, log.size() - 15), log.size())));
    }

    public void assertNoOops() {
        if (!kernel.oopses().isEmpty()) fail("kernel oops: " + kernel.oopses().get(0));
    }

    private void check(int rc, String what) {
        if (rc < 0) fail(what + " failed: " + rc);
    }

    // ------------------------------------------------------------------------ ready-made handshakes

    /** An established connection and its two initial sequence numbers, for tests that start there. */
    public record Connection(Sock sock, int iss, int peerIsn, Sock listener) {
        /** Our sequence number after {@code n} bytes sent (n = 0: the first data byte; -1: SND.UNA - 1). */
        public long us(long n) { return (iss + 1 + n) & 0xffffffffL; }

        /** The peer's sequence number after {@code n} bytes. */
        public long peer(long n) { return (peerIsn + 1 + n) & 0xffffffffL; }
    }

    /**
     * Listens on {@code port}, lets the peer (port 40000) complete a handshake with ISN {@code peerIsn}
     * and MSS {@code mss}, and accepts the connection (checking the SYN-ACK on the way).
     */
    public Connection acceptConnection(int port, int peerIsn, int mss) {
        Sock listener = listenOn(port);
        receive(Seg.syn().seq(peerIsn).mss(mss).window(65535));
        WireSegment sa = expectSent(Seg.synAck().ack(peerIsn + 1L & 0xffffffffL));
        after(Time.MS).receive(Seg.ack().seq(peerIsn + 1L & 0xffffffffL).ack(sa.seq() + 1L & 0xffffffffL).window(65535));
        Sock s = listener.accept();
        if (s == null) fail("accept() returned nothing after the handshake");
        return new Connection(s, sa.seq(), peerIsn, listener);
    }

    /** Connects to the peer's {@code port}; the peer answers with ISN {@code peerIsn}, MSS 1460. */
    public Connection openConnection(int port, int peerIsn) {
        Sock s = connectTo(port);
        WireSegment syn = expectSent(Seg.syn());
        after(Time.MS).receive(Seg.synAck().seq(peerIsn).ack(syn.seq() + 1L & 0xffffffffL).mss(1460).window(65535));
        expectSent(Seg.ack().seq(syn.seq() + 1L & 0xffffffffL).ack(peerIsn + 1L & 0xffffffffL));
        return new Connection(s, syn.seq(), peerIsn, null);
    }
}
