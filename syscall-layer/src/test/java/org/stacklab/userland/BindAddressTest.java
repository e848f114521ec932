package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.ip.IpDropReason;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.scenario.Frames;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.LinkOptions;
import org.stacklab.scenario.Topology;
import org.stacklab.sim.Time;
import org.stacklab.syscall.Processes;
import org.stacklab.syscall.Scheduler;
import org.stacklab.syscall.Task;
import org.stacklab.testkit.WirePort;

/**
 * Issue 18, bind addresses honoured everywhere: a service told to listen on 127.0.0.1 ({@code nc -l
 * 127.0.0.1 PORT}, {@code httpd --bind}, {@code echo-server --bind}) is reachable from its own host
 * and from no other, not even by a frame forged with destination 127.0.0.1 and sent to the host's MAC
 * (RFC 1122 §3.2.1.3 (g): 127/8 never appears outside a host).
 */
class BindAddressTest {
    private static final int TCP_SYN = 0x02, TCP_RST = 0x04, TCP_ACK = 0x10;

    private Topology topo;
    private Scheduler sched;

    private void twoHosts() {
        topo = Topology.twoHostsOnSwitch(18);
        sched = Scheduler.of(topo.loop());
        EtcHosts.fill(topo);
    }

    private Task run(String host, String... argv) {
        return Processes.on(topo.host(host).kernel()).spawn(argv[0], Programs.lookup(argv[0]), argv);
    }

    @AfterEach
    void clean() {
        if (sched != null) sched.killAll();
        if (topo != null) assertEquals("[]", topo.oopses().toString(), topo.report());
    }

    @Test
    void ncListensOnlyOnTheAddressItIsGiven() {
        twoHosts();
        Task server = run("h2", "nc", "-l", "127.0.0.1", "8080");
        sched.runFor(Time.ms(1));
        Task ss = run("h2", "ss", "-tln");
        sched.runUntil(() -> ss.state() == Task.State.EXITED, Time.s(1));
        assertTrue(ss.stdout().contains("127.0.0.1:8080"), "ss shows the listener on 127.0.0.1:\n" + ss.stdout());
        assertTrue(!ss.stdout().contains("0.0.0.0:8080"), "and not on the wildcard:\n" + ss.stdout());

        Task fromH1 = run("h1", "nc", "-z", "-w", "1", "h2", "8080");
        sched.runUntil(() -> fromH1.state() == Task.State.EXITED, Time.s(5));
        assertNotEquals(0, fromH1.exitStatus(), "h1 must not reach a service on h2's 127.0.0.1\n" + topo.report());
        assertTrue(fromH1.stderr().contains("Connection refused"), fromH1.stderr());

        Task local = run("h2", "nc", "127.0.0.1", "8080");
        local.console().openStdin().type("from h2 itself\n").closeStdin();
        assertTrue(sched.runUntilAllExit(Time.s(10)), topo.report());
        assertEquals("from h2 itself\n", server.stdout());
    }

    @Test
    void ncListenWithSourceAndPortFlags() {
        twoHosts();
        Task server = run("h2", "nc", "-l", "-s", "10.0.0.2", "-p", "8080");
        sched.runFor(Time.ms(1));
        Task viaLo = run("h2", "nc", "-z", "-w", "1", "127.0.0.1", "8080");
        sched.runUntil(() -> viaLo.state() == Task.State.EXITED, Time.s(5));
        assertNotEquals(0, viaLo.exitStatus(), "bound to 10.0.0.2: nothing listens on 127.0.0.1:8080");
        Task client = run("h1", "nc", "h2", "8080");
        client.console().openStdin().type("hello\n").closeStdin();
        assertTrue(sched.runUntilAllExit(Time.s(10)), topo.report());
        assertEquals("hello\n", server.stdout());
    }

    @Test
    void ncUdpListensOnlyOnTheAddressItIsGiven() {
        twoHosts();
        Task server = run("h2", "nc", "-u", "-l", "-w", "1", "127.0.0.1", "9000");
        sched.runFor(Time.ms(1));
        Task fromH1 = run("h1", "nc", "-u", "-w", "1", "h2", "9000");
        fromH1.console().openStdin().type("from afar\n").closeStdin();
        sched.runUntil(() -> fromH1.state() == Task.State.EXITED, Time.s(5));
        Task local = run("h2", "nc", "-u", "-w", "1", "127.0.0.1", "9000");
        local.console().openStdin().type("from here\n").closeStdin();
        assertTrue(sched.runUntilAllExit(Time.s(10)), topo.report());
        assertEquals("from here\n", server.stdout(), "only the local datagram reached the socket");
    }

    @Test
    void httpdBindServesOnlyItsAddress() {
        twoHosts();
        Task httpd = run("h2", "httpd", "--bind", "127.0.0.1", "-p", "8081", "-c", "1");
        sched.runFor(Time.ms(1));
        assertTrue(httpd.stdout().contains("listening on 127.0.0.1 port 8081"), httpd.stdout());
        Task remote = run("h1", "http-get", "http://10.0.0.2:8081/bytes/10");
        sched.runUntil(() -> remote.state() == Task.State.EXITED, Time.s(5));
        assertNotEquals(0, remote.exitStatus(), "h1 must not reach httpd --bind 127.0.0.1\n" + remote.stdout());
        Task local = run("h2", "http-get", "-s", "http://127.0.0.1:8081/bytes/10");
        assertTrue(sched.runUntilAllExit(Time.s(10)), topo.report());
        assertEquals(0, local.exitStatus(), local.stderr());
        assertTrue(httpd.stdout().contains("127.0.0.1 \"GET /bytes/10 HTTP/1.0\" 200 10"), httpd.stdout());
    }

    @Test
    void echoServerBindServesOnlyItsAddress() {
        twoHosts();
        Task echo = run("h2", "echo-server", "--bind", "127.0.0.1", "-c", "1", "7007");
        sched.runFor(Time.ms(1));
        assertTrue(echo.stdout().contains("echo-server: tcp 127.0.0.1 port 7007"), echo.stdout());
        Task remote = run("h1", "nc", "-z", "-w", "1", "h2", "7007");
        sched.runUntil(() -> remote.state() == Task.State.EXITED, Time.s(5));
        assertNotEquals(0, remote.exitStatus(), "h1 must not reach echo-server --bind 127.0.0.1");
        Task local = run("h2", "nc", "127.0.0.1", "7007");
        local.console().openStdin().type("echo me\n").closeStdin();
        assertTrue(sched.runUntilAllExit(Time.s(10)), topo.report());
        assertEquals("echo me\n", local.stdout());
    }

    // ------------------------------------------------------------------ the forged frame

    private static final long ATTACKER_MAC = 0x02000000aa01L;
    private static final int ATTACKER = Ip4.parse("10.0.0.66");

    /** h2 (10.0.0.2) with its eth0 cabled to a port the test forges frames on. */
    private Host wired(WirePort wire) {
        topo = new Topology(18);
        sched = Scheduler.of(topo.loop());
        Host h2 = topo.addHost("h2");
        topo.connect(h2, "attacker", wire, LinkOptions.gigabit());
        h2.address("eth0", "10.0.0.2/24");
        topo.run(Time.us(10));
        // The attacker asks who has 10.0.0.2, so h2 knows the attacker's MAC and could answer it at once.
        wire.send(Frames.arpRequest(ATTACKER_MAC, ATTACKER, Ip4.parse("10.0.0.2")));
        topo.run(Time.ms(1));
        wire.frames.clear();
        return h2;
    }

    private static byte[] syn(long dmac, int daddr, int dport) {
        byte[] mss = {2, 4, 0x05, (byte) 0xb4};
        return Frames.tcp(dmac, ATTACKER_MAC, ATTACKER, 40000, daddr, dport, 1000, 0, TCP_SYN, 65535, mss, new byte[0]);
    }

    /** The TCP flags of every TCP segment h2 put on the wire. */
    private static List<Integer> tcpFlagsSent(WirePort wire) {
        List<Integer> out = new ArrayList<>();
        for (byte[] f : wire.frames) {
            if (f.length < 14 + 20 + 20 || Frames.get16(f, 12) != 0x0800 || f[14 + 9] != 6) continue;
            int ihl = (f[14] & 0xf) * 4;
            out.add(f[14 + ihl + 13] & 0xff);
        }
        return out;
    }

    @Test
    void aFrameForgedTo127001OnTheWireNeverReachesALoopbackService() {
        WirePort wire = new WirePort();
        Host h2 = wired(wire);
        Kernel k = h2.kernel();
        Task server = run("h2", "nc", "-l", "127.0.0.1", "8080");
        sched.runFor(Time.ms(1));
        long delivered = k.symbol(IpStack.class).counters().get("InDelivers");

        // The forgery: to h2's MAC, destination IP 127.0.0.1, a SYN for the loopback-only service.
        wire.send(syn(h2.device("eth0").mac(), Ip4.LOOPBACK, 8080));
        sched.runFor(Time.ms(50));

        assertEquals(List.of(), tcpFlagsSent(wire), "no SYN-ACK (nor anything) answers the forged SYN\n" + topo.report());
        assertEquals(1L, k.drops(IpDropReason.MARTIAN_DESTINATION), "dropped as a martian destination: " + k.drops());
        assertEquals(delivered, k.symbol(IpStack.class).counters().get("InDelivers"), "nothing reached TCP");
        assertEquals(Task.State.BLOCKED, server.state(), "nc is still waiting in accept()");
        assertEquals("", server.stderr());

        // The same forgery built the same way, to h2's real address, does reach TCP: nothing listens
        // on 10.0.0.2:8080, so the answer is a RST (RFC 793 §3.4), proving the frame itself is sound.
        wire.send(syn(h2.device("eth0").mac(), Ip4.parse("10.0.0.2"), 8080));
        sched.runFor(Time.ms(50));
        assertEquals(List.of(TCP_RST | TCP_ACK), tcpFlagsSent(wire), topo.report());
    }

    @Test
    void aForgedDatagramTo127001NeverReachesALoopbackUdpSocket() {
        WirePort wire = new WirePort();
        Host h2 = wired(wire);
        Task server = run("h2", "nc", "-u", "-l", "127.0.0.1", "9000");
        sched.runFor(Time.ms(1));
        wire.send(Frames.udp(h2.device("eth0").mac(), ATTACKER_MAC, ATTACKER, 40000, Ip4.LOOPBACK, 9000,
                "forged\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        sched.runFor(Time.ms(50));
        assertEquals("", server.stdout(), "the forged datagram reached the socket");
        assertEquals(1L, h2.kernel().drops(IpDropReason.MARTIAN_DESTINATION), h2.kernel().drops().toString());
        assertTrue(wire.frames.isEmpty(), "not even an ICMP error goes back to a forgery");
    }
}
