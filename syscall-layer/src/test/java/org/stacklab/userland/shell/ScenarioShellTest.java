package org.stacklab.userland.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.scenario.Topology;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.Scheduler;
import org.stacklab.syscall.Syscalls;
import org.stacklab.userland.Programs;

/**
 * The shell over a real two-host scenario (e1000 NICs on a switch, the reference modules that are
 * on the class path), with programs running as processes of the syscall layer.
 */
class ScenarioShellTest {
    private final Topology topo = Topology.twoHostsOnSwitch(42);
    private final StringBuilder out = new StringBuilder();

    /** A UDP echo server on port 7 (RFC 862), written against the syscalls like any user program. */
    static final Program UDP_ECHO = (proc, argv) -> {
        Syscalls sys = proc.sys();
        int fd = sys.socket(InetSockets.AF_INET, Sock.SOCK_DGRAM, 0);
        if (sys.bind(fd, new SockAddr(0, 7)) < 0) return 1;
        byte[] buf = new byte[1500];
        while (true) {
            SockAddr[] from = new SockAddr[1];
            int n = sys.recvfrom(fd, buf, 0, buf.length, 0, from);
            if (n < 0) return 1;
            sys.sendto(fd, buf, 0, n, 0, from[0]);
        }
    };

    /** Sends its argument to HOST:7 and prints the echo. */
    static final Program UDP_SAY = (proc, argv) -> {
        Syscalls sys = proc.sys();
        int fd = sys.socket(InetSockets.AF_INET, Sock.SOCK_DGRAM, 0);
        byte[] msg = argv[2].getBytes(StandardCharsets.UTF_8);
        sys.sendto(fd, msg, 0, msg.length, 0, SockAddr.of(argv[1], 7));
        byte[] buf = new byte[1500];
        int n = sys.recvfrom(fd, buf, 0, buf.length, 0, null);
        proc.println("echo: " + new String(buf, 0, Math.max(0, n), StandardCharsets.UTF_8));
        return 0;
    };

    @BeforeAll
    static void install() {
        Programs.install("udpecho", () -> UDP_ECHO);
        Programs.install("udpsay", () -> UDP_SAY);
    }

    @AfterEach
    void noOopses() {
        Scheduler.of(topo.loop()).killAll();
        assertEquals("[]", topo.oopses().toString(), topo.report());
    }

    private String run(String... lines) throws Exception {
        Shell shell = new Shell(new ScenarioShellTopology(topo), out::append).echo(true);
        shell.runScript(new StringReader(String.join("\n", lines)));
        return out.toString();
    }

    @Test
    void pingAndTheObservabilityToolsOnRealHosts() throws Exception {
        String s = run("run 1ms", "h1 ip addr show eth0", "h1 ping -c 3 h2", "h1 cat /proc/interrupts",
                "h1 cat /proc/net/arp", "h1 ip route", "h1 lsmod");
        assertTrue(s.contains("stacklab> h1 ip addr show eth0\n"
                + "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000\n"
                + "    link/ether 52:54:00:00:01:01 brd ff:ff:ff:ff:ff:ff\n"
                + "    inet 10.0.0.1/24 brd 10.0.0.255 scope global eth0\n"), s);
        assertTrue(s.contains("PING h2 (10.0.0.2) 56(84) bytes of data.\n64 bytes from h2 (10.0.0.2): icmp_seq=1 "), s);
        assertTrue(s.contains("3 packets transmitted, 3 received, 0% packet loss, time 2000ms\nrtt min/avg/max/mdev = "), s);
        // Every echo request and reply went through the e1000, whose interrupts the driver counted.
        assertTrue(s.matches("(?s).*\n 11: +([1-9][0-9]*) +IO-APIC  11-fasteoi   eth0\n.*"), s);
        assertTrue(s.contains("10.0.0.2         0x1         0x2         52:54:00:00:02:01     *        eth0\n"), s);
        assertTrue(s.contains("stacklab> h1 ip route\n10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1\nstacklab>"), s);
        assertTrue(s.contains("Module                  Size  Used by\n"), s);
        assertTrue(s.matches("(?s).*\nip                         0  [12] udp(,tcp)?\n.*"), s); // tcp loads when its module is built
    }

    @Test
    void aBackgroundServerShowsInSsAndAnswers() throws Exception {
        String s = run("h2 udpecho &", "run 1ms", "h2 ss -ulnp", "h1 udpsay 10.0.0.2 hello", "h2 cat /proc/net/udp", "jobs");
        assertTrue(s.contains("stacklab> h2 udpecho &\n[1] 100\n"), s);
        assertTrue(s.contains("stacklab> h2 ss -ulnp\n"
                + "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"
                + "UNCONN 0      0            0.0.0.0:7         0.0.0.0:*    users:((\"udpecho\",pid=100,fd=3))\n"), s);
        assertTrue(s.contains("stacklab> h1 udpsay 10.0.0.2 hello\necho: hello\n"), s);
        assertTrue(s.contains("\n    0: 00000000:0007 00000000:0000 07 "), s);
        assertTrue(s.contains("[1]  Running  h2 udpecho &\n"), s);
    }
}
