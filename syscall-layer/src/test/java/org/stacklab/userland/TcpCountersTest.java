package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.sim.Time;
import org.stacklab.syscall.Processes;
import org.stacklab.syscall.RealHosts;
import org.stacklab.syscall.Task;

/**
 * Counters that move: the Tcp: row of /proc/net/snmp from the reference TCP's MIB, the rto/cwnd/
 * ssthresh columns of /proc/net/tcp, ss -ti (struct tcp_info as iproute2 prints it) and ss -s, over
 * two real hosts.
 */
class TcpCountersTest {
    RealHosts net;

    @BeforeEach
    void hosts() { net = new RealHosts(5); }

    Task run(Kernel k, String... argv) { return Processes.on(k).spawn(argv[0], Programs.lookup(argv[0]), argv); }

    String output(Kernel k, String... argv) {
        Task t = run(k, argv);
        assertTrue(net.sched.runUntil(t::exited, Time.s(5)), String.join(" ", argv) + " did not exit");
        assertEquals(0, t.exitStatus(), t.stderr());
        return t.stdout();
    }

    /** The Tcp: row of /proc/net/snmp as name -> value. */
    Map<String, Long> tcpMib(Kernel k) {
        List<String> lines = List.of(output(k, "cat", "/proc/net/snmp").split("\n"));
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (!lines.get(i).startsWith("Tcp: ")) continue;
            String[] names = lines.get(i).split(" "), values = lines.get(i + 1).split(" ");
            for (int j = 1; j < names.length; j++) m.put(names[j], Long.parseLong(values[j]));
            return m;
        }
        throw new AssertionError("no Tcp: row");
    }

    /** h1 connects to nc -l 80 on h2 and sends "hello\n"; both stay open. */
    void connectAndSend() {
        Task server = run(net.h2, "nc", "-l", "80");
        server.console().openStdin();
        net.sched.runFor(Time.ms(1));
        Task client = run(net.h1, "nc", "10.0.0.2", "80");
        client.console().openStdin().type("hello\n");
        net.sched.runFor(Time.ms(50));
        assertEquals("hello\n", server.stdout(), net.diagnostics());
    }

    @Test
    void snmpTcpRowCountsOpensSegmentsAndEstablishedConnections() {
        Map<String, Long> before = tcpMib(net.h1);
        assertEquals(0L, before.get("ActiveOpens"));
        assertEquals(200L, before.get("RtoMin"));
        assertEquals(120000L, before.get("RtoMax"));
        assertEquals(-1L, before.get("MaxConn"));
        connectAndSend();
        Map<String, Long> c = tcpMib(net.h1), s = tcpMib(net.h2);
        assertEquals(1L, c.get("ActiveOpens"), c.toString());
        assertEquals(0L, c.get("PassiveOpens"), c.toString());
        assertEquals(1L, s.get("PassiveOpens"), s.toString());
        assertEquals(1L, c.get("CurrEstab"), c.toString());
        assertEquals(1L, s.get("CurrEstab"), s.toString());
        // SYN, ACK, data: three out; SYN-ACK and the ACK of the data: two in (at least).
        assertTrue(c.get("OutSegs") >= 3 && c.get("InSegs") >= 2, c.toString());
        assertEquals(c.get("OutSegs"), s.get("InSegs"), "every segment h1 sent arrived at h2");
        assertEquals(0L, c.get("RetransSegs"));
    }

    @Test
    void refusedAndUnansweredConnectsMoveAttemptFailsOutRstsAndRetransSegs() {
        Task refused = run(net.h1, "nc", "10.0.0.2", "81");
        assertTrue(net.sched.runUntil(refused::exited, Time.s(1)));
        assertEquals(1L, tcpMib(net.h1).get("AttemptFails"));
        assertEquals(1L, tcpMib(net.h2).get("OutRsts"), "the RST for the closed port");
        net.dropTcpFromH1();
        Task lost = run(net.h1, "nc", "-w", "4", "10.0.0.2", "80");
        assertTrue(net.sched.runUntil(lost::exited, Time.s(5)));
        // The SYN is sent again after 1 s and 3 s (RTO doubling, RFC 6298 §5.5).
        assertEquals(2L, tcpMib(net.h1).get("RetransSegs"));
        String[] netstat = output(net.h1, "cat", "/proc/net/netstat").split("\n");
        List<String> names = List.of(netstat[0].split(" "));
        assertEquals("2", netstat[1].split(" ")[names.indexOf("TCPTimeouts")], "TcpExt counts both timeouts");
    }

    @Test
    void aResetFromEstablishedCountsEstabResetsOnBothSides() {
        var l = org.stacklab.kernel.socket.InetSockets.of(net.h2).lookup(org.stacklab.kernel.socket.Sock.SOCK_STREAM, 0).create();
        assertEquals(0, l.bind(new org.stacklab.kernel.socket.SockAddr(0, 80)));
        assertEquals(0, l.listen(1));
        var c = org.stacklab.kernel.socket.InetSockets.of(net.h1).lookup(org.stacklab.kernel.socket.Sock.SOCK_STREAM, 0).create();
        c.connect(org.stacklab.kernel.socket.SockAddr.of("10.0.0.2", 80));
        net.loop.runFor(Time.ms(5));
        var a = l.accept();
        assertEquals(1, a.sendmsg(new byte[] {'x'}, 0, 1, 0, null));
        net.loop.runFor(Time.ms(5));
        // Closing with unread data aborts with RST (RFC 2525 §2.17): ESTABLISHED -> CLOSED on both hosts.
        c.close();
        net.loop.runFor(Time.ms(5));
        assertEquals(1L, tcpMib(net.h1).get("EstabResets"));
        assertEquals(1L, tcpMib(net.h2).get("EstabResets"));
        assertEquals(1L, tcpMib(net.h1).get("OutRsts"));
        assertEquals(0L, tcpMib(net.h1).get("CurrEstab"));
    }

    @Test
    void procNetTcpShowsRtoCwndAndSsthresh() {
        connectAndSend();
        String[] rows = output(net.h1, "cat", "/proc/net/tcp").split("\n");
        assertEquals(2, rows.length, String.join("\n", rows));
        String[] f = rows[1].trim().split("\\s+");
        // ... inode refcnt pointer rto ato quick cwnd ssthresh
        int n = f.length;
        assertEquals("20", f[n - 5], "rto 200 ms in clock ticks (USER_HZ 100): " + rows[1]);
        assertEquals("10", f[n - 2], "cwnd in segments (RFC 6928 initial window): " + rows[1]);
        assertEquals("-1", f[n - 1], "ssthresh -1 in the initial slow start: " + rows[1]);
        String[] listener = output(net.h2, "cat", "/proc/net/tcp").split("\n")[1].trim().split("\\s+");
        assertEquals("0A", listener[3]);
        assertEquals("10", listener[listener.length - 2]);
        assertEquals("0", listener[listener.length - 1], "a listener's last column is its fastopen queue");
    }

    @Test
    void ssTiPrintsTcpInfoAsIproute2() {
        connectAndSend();
        String out = output(net.h1, "ss", "-tin");
        String[] lines = out.split("\n");
        assertEquals(3, lines.length, out);
        assertTrue(lines[1].startsWith("ESTAB"), out);
        assertTrue(lines[2].matches("\t (reno|cubic) wscale:\\d+,\\d+ rto:20\\d rtt:[0-9.]+/[0-9.]+ mss:\\d+ advmss:\\d+ cwnd:10"
                + " bytes_sent:6 bytes_acked:6 segs_out:\\d+ segs_in:\\d+ send [0-9.]+[KMG]bps rcv_space:\\d+ snd_wnd:\\d+"), out);
        String listen = output(net.h2, "ss", "-tlni");
        assertTrue(listen.split("\n")[2].matches("\t (reno|cubic) cwnd:10"), listen);
    }

    @Test
    void ssSummary() {
        connectAndSend();
        assertEquals(String.join("\n",
                "Total: 1",
                "TCP:   1 (estab 1, closed 0, orphaned 0, timewait 0)",
                "",
                "Transport Total     IP        IPv6",
                // printf("%-9d %-9d %-9d\n"): iproute2 pads the last column too.
                "RAW\t  0         0         0        ",
                "UDP\t  0         0         0        ",
                "TCP\t  1         1         0        ",
                "INET\t  1         1         0        ",
                "FRAG\t  0         0         0        ",
                "", ""), output(net.h1, "ss", "-s"));
    }

    @Test
    void ssHelpAndUnknownOptions() {
        assertTrue(output(net.h1, "ss", "-h").startsWith("Usage: ss [ OPTIONS ]\n"));
        Task bad = run(net.h1, "ss", "-Z");
        assertTrue(net.sched.runUntil(bad::exited, Time.s(1)));
        assertEquals(1, bad.exitStatus());
        assertTrue(bad.stderr().contains("invalid option"), bad.stderr());
    }
}
