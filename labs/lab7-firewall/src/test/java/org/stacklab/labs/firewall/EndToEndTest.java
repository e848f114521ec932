package org.stacklab.labs.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.Veth;
import org.stacklab.kernel.filter.IptablesControl;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;
import org.stacklab.testkit.TracePcap;

/**
 * The firewall in a real stack: two hosts on a veth link, the reference IPv4 and UDP modules, and
 * your filter on {@code fw}. The IP layer calls your hooks; sockets see the result.
 *
 * <pre>
 *   [ h1 10.0.0.1 ] eth0 ---------- eth0 [ fw 10.0.0.2 ]  (your firewall here)
 *   reference ip, udp, tcp on both
 * </pre>
 */
class EndToEndTest {
    static final long SEED = Long.getLong("stacklab.seed", 7);
    final EventLoop loop = EventLoop.virtual(SEED);
    final Kernel h1 = host("h1", ModuleSet.reference());
    final Kernel fw = host("fw", ModuleSet.parse(ModuleSet.REFERENCE, "filter=" + System.getProperty("stacklab.impl", ModuleSet.STUDENT)));

    EndToEndTest() {
        fw.insmod("filter");
        Veth.pair(h1, "eth0", 0x020000000001L, fw, "eth0", 0x020000000002L, Time.us(10));
        h1.symbol(IpStack.class).addAddress("eth0", Ip4.parse("10.0.0.1"), 24);
        fw.symbol(IpStack.class).addAddress("eth0", Ip4.parse("10.0.0.2"), 24);
    }

    private Kernel host(String name, ModuleSet set) {
        Kernel k = new Kernel(name, loop, set);
        k.insmod("ip");
        k.insmod("udp");
        k.insmod("tcp");
        return k;
    }

    private String testName = "test";

    @BeforeEach
    void name(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
    }

    @AfterEach
    void noOops() {
        assertTrue(h1.oopses().isEmpty() && fw.oopses().isEmpty(), "a kernel oopsed" + explain());
    }

    private void iptables(String cmd) {
        IptablesControl.Result r = IptablesControl.run(fw, cmd);
        assertTrue(r.ok(), "iptables " + cmd + ": " + r.err());
    }

    private static Sock tcp(Kernel k) { return InetSockets.of(k).lookup(Sock.SOCK_STREAM, Sock.IPPROTO_TCP).create(); }

    private static Sock udp(Kernel k) { return InetSockets.of(k).lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_UDP).create(); }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    private String explain() {
        StringBuilder sb = new StringBuilder("\n  seed " + SEED + " · filter=" + fw.moduleSet().implFor("filter")
                + " · replay: ./stacklab grade --lab lab7-firewall --test " + testName + " --seed " + SEED + "\n");
        boolean hooked = false;
        for (var hook : org.stacklab.kernel.core.Netfilter.Hook.values()) hooked |= !fw.netfilter().registered(hook).isEmpty();
        if (!hooked) sb.append("  hint: no function is registered on any netfilter hook of fw; does Firewall.init register verdict()?\n");
        sb.append("  packets (fw's view):\n");
        List<String> lines = fw.trace().lines();
        for (int i = Math.max(0, lines.size() - 30); i < lines.size(); i++) sb.append("    ").append(lines.get(i)).append('\n');
        sb.append("  iptables -L -n -v on fw:\n").append(IptablesControl.run(fw, "-L -n -v").out().replaceAll("(?m)^", "    "));
        sb.append("  iptables -t nat -L -n -v on fw:\n").append(IptablesControl.run(fw, "-t nat -L -n -v").out().replaceAll("(?m)^", "    "));
        java.nio.file.Path pcap = TracePcap.write("EndToEndTest-" + testName + "-fw-seed" + SEED, fw.trace().entries());
        if (pcap != null) sb.append("  pcap of fw's frames: ").append(pcap).append("  (tcpdump -nr FILE, or Wireshark)\n");
        List<String> log = fw.log().lines();
        sb.append("  fw's kernel log:\n");
        for (int i = Math.max(0, log.size() - 6); i < log.size(); i++) sb.append("    ").append(log.get(i)).append('\n');
        return sb.toString();
    }

    @Test @Points(2)
    @DisplayName("end to end: a DROP rule on fw stops datagrams a socket would otherwise receive")
    void blockUdp() {
        Sock server = udp(fw);
        assertEquals(0, server.bind(new SockAddr(0, 7)));
        Sock client = udp(h1);
        client.sendmsg(bytes("one"), 0, 3, 0, SockAddr.of("10.0.0.2", 7));
        loop.runFor(Time.ms(10));
        byte[] buf = new byte[64];
        assertEquals(3, server.recvmsg(buf, 0, buf.length, Sock.MSG_DONTWAIT, null), "before the rule the datagram arrives" + explain());
        iptables("-A INPUT -p udp --dport 7 -j DROP");
        client.sendmsg(bytes("two"), 0, 3, 0, SockAddr.of("10.0.0.2", 7));
        loop.runFor(Time.ms(10));
        assertEquals(Errno.EAGAIN.neg(), server.recvmsg(buf, 0, buf.length, Sock.MSG_DONTWAIT, null), "after it, nothing arrives" + explain());
        assertTrue(IptablesControl.run(fw, "-L INPUT -n -v").out().contains("    1    31 DROP       udp"), explain());
    }

    @Test @Points(2)
    @DisplayName("end to end: REJECT makes a connected UDP sender see ECONNREFUSED")
    void rejectUdp() {
        Sock server = udp(fw);
        assertEquals(0, server.bind(new SockAddr(0, 161)));
        iptables("-A INPUT -p udp --dport 161 -j REJECT");
        Sock client = udp(h1);
        assertEquals(0, client.connect(SockAddr.of("10.0.0.2", 161)));
        client.sendmsg(bytes("get"), 0, 3, 0, null);
        loop.runFor(Time.ms(10));
        assertEquals(Errno.EAGAIN.neg(), server.recvmsg(new byte[8], 0, 8, Sock.MSG_DONTWAIT, null), "the server must not get it" + explain());
        assertEquals(Errno.ECONNREFUSED.neg(), client.recvmsg(new byte[8], 0, 8, Sock.MSG_DONTWAIT, null),
                "the ICMP port unreachable fw sent makes the client's next call fail" + explain());
    }

    @Test @Points(3)
    @DisplayName("end to end: REDIRECT udp 53 to a server on 5353; the client's connected socket gets the answer from port 53")
    void redirectUdp() {
        iptables("-t nat -A PREROUTING -p udp --dport 53 -j REDIRECT --to-ports 5353");
        Sock server = udp(fw);
        assertEquals(0, server.bind(new SockAddr(0, 5353)));
        Sock client = udp(h1);
        assertEquals(0, client.connect(SockAddr.of("10.0.0.2", 53)));
        client.sendmsg(bytes("query"), 0, 5, 0, null);
        loop.runFor(Time.ms(10));
        byte[] buf = new byte[64];
        SockAddr[] from = new SockAddr[1];
        assertEquals(5, server.recvmsg(buf, 0, buf.length, Sock.MSG_DONTWAIT, from), "the server on 5353 gets the query" + explain());
        assertEquals(Ip4.parse("10.0.0.1"), from[0].addr());
        server.sendmsg(bytes("answer"), 0, 6, 0, from[0]);
        loop.runFor(Time.ms(10));
        SockAddr[] peer = new SockAddr[1];
        assertEquals(6, client.recvmsg(buf, 0, buf.length, Sock.MSG_DONTWAIT, peer),
                "a socket connected to :53 only accepts datagrams from :53, so the reply's source must be rewritten back" + explain());
        assertEquals(53, peer[0].port());
    }

    @Test @Points(1)
    @DisplayName("end to end: LOG writes the datagram's line to fw's kernel log")
    void logUdp() {
        iptables("-A INPUT -p udp -j LOG --log-prefix \"IN-UDP \"");
        udp(h1).sendmsg(bytes("hello"), 0, 5, 0, SockAddr.of("10.0.0.2", 9999));
        loop.runFor(Time.ms(10));
        assertTrue(fw.log().lines().stream().anyMatch(l -> l.matches(".*IN-UDP IN=eth0 OUT= .*SRC=10\\.0\\.0\\.1 DST=10\\.0\\.0\\.2 LEN=33 .*PROTO=UDP .*DPT=9999 LEN=13.*")),
                "expected a LOG line for the datagram" + explain());
    }

    @Test @Points(3)
    @DisplayName("end to end: a TCP client connects to :80, REDIRECT hands it to a server on :8080, and both talk")
    void redirectTcp() {
        iptables("-t nat -A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 8080");
        Sock listener = tcp(fw);
        assertEquals(0, listener.bind(new SockAddr(0, 8080)));
        assertEquals(0, listener.listen(8));
        Sock client = tcp(h1);
        int rc = client.connect(SockAddr.of("10.0.0.2", 80));
        assertTrue(rc == 0 || rc == Errno.EINPROGRESS.neg(), "connect: " + Errno.describe(rc));
        loop.runFor(Time.ms(50));
        Sock conn = listener.accept();
        assertTrue(conn != null, "the server on 8080 accepts the connection the client opened to port 80" + explain());
        assertEquals(0, client.takeError(), "the client's handshake completed: its SYN-ACK came from port 80" + explain());
        assertEquals(80, client.peerAddress().port());
        assertEquals(3, client.sendmsg(bytes("GET"), 0, 3, 0, null));
        loop.runFor(Time.ms(50));
        byte[] buf = new byte[16];
        assertEquals(3, conn.recvmsg(buf, 0, buf.length, Sock.MSG_DONTWAIT, null), explain());
        assertEquals(2, conn.sendmsg(bytes("OK"), 0, 2, 0, null));
        loop.runFor(Time.ms(50));
        assertEquals(2, client.recvmsg(buf, 0, buf.length, Sock.MSG_DONTWAIT, null), "the answer reaches the client" + explain());
    }

    @Test @Points(2)
    @DisplayName("end to end: REJECT --reject-with tcp-reset makes connect() fail with ECONNREFUSED at once")
    void tcpResetRefusesConnect() {
        Sock listener = tcp(fw);
        assertEquals(0, listener.bind(new SockAddr(0, 23)));
        assertEquals(0, listener.listen(8));
        iptables("-A INPUT -p tcp --dport 23 -j REJECT --reject-with tcp-reset");
        Sock client = tcp(h1);
        client.connect(SockAddr.of("10.0.0.2", 23));
        loop.runFor(Time.ms(50));
        assertTrue(listener.accept() == null, "the listener must never see the connection" + explain());
        assertEquals(Errno.ECONNREFUSED.code, client.takeError(), "the RST fw sent refuses the connection" + explain());
    }

    @Test @Points(1)
    @DisplayName("end to end: nat OUTPUT sends fw's own connection for 10.0.0.1:80 to its local server on :8080 over lo")
    void outputRedirectOverLoopback() {
        iptables("-t nat -A OUTPUT -p tcp -d 10.0.0.1 --dport 80 -j REDIRECT --to-ports 8080");
        iptables("-t nat -A PREROUTING -p tcp --dport 8080 -j LOG --log-prefix \"NEW 8080 \"");
        Sock listener = tcp(fw);
        assertEquals(0, listener.bind(new SockAddr(0, 8080)));
        assertEquals(0, listener.listen(8));
        Sock client = tcp(fw);
        client.connect(SockAddr.of("10.0.0.1", 80));
        loop.runFor(Time.ms(50));
        Sock conn = listener.accept();
        assertTrue(conn != null, "the local server accepts it" + explain());
        assertEquals(0, client.takeError(), explain());
        assertEquals(80, client.peerAddress().port());
        assertTrue(h1.trace().entries().stream().noneMatch(e -> e.frame().length > 34 && e.frame()[12] == 0x08
                && e.frame()[13] == 0 && (e.frame()[23] & 0xff) == 6), "no TCP segment may reach h1" + explain());
        assertTrue(fw.log().lines().stream().noneMatch(l -> l.contains("NEW 8080")),
                "the redirected packets coming back in over lo are not new connections for the nat table" + explain());
    }
}
