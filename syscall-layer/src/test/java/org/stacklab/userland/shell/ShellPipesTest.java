package org.stacklab.userland.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.scenario.Topology;
import org.stacklab.syscall.Scheduler;

/** The shell's pipes and redirections over a real scenario, and unsupported syntax refused out loud. */
class ShellPipesTest {
    private final Topology topo = Topology.twoHostsOnSwitch(42);
    private final StringBuilder out = new StringBuilder();
    private final Shell shell = new Shell(new ScenarioShellTopology(topo), out::append);

    @AfterEach
    void noOopses() {
        Scheduler.of(topo.loop()).killAll();
        assertEquals("[]", topo.oopses().toString(), topo.report());
    }

    /** Runs one line; returns what it printed, then "[status N]" if not 0. */
    String sh(String line) {
        out.setLength(0);
        int st = shell.execute(line);
        return out + (st == 0 ? "" : "[status " + st + "]");
    }

    @Test
    void grepFiltersAPipeAndItsStatusIsTheLastStages() {
        shell.execute("run 1ms");
        String all = sh("h1 cat /proc/net/snmp");
        String tcp = sh("h1 cat /proc/net/snmp | grep Tcp:");
        assertEquals(2, tcp.split("\n").length, tcp);
        assertTrue(tcp.startsWith("Tcp: RtoAlgorithm RtoMin"), tcp);
        assertTrue(all.length() > tcp.length());
        assertEquals("[status 1]", sh("h1 cat /proc/net/snmp | grep NoSuchThing"));
        assertEquals("1\n", sh("h1 cat /proc/net/snmp | grep -c ^Udp: | wc -l"));
    }

    @Test
    void headTailAndWc() {
        assertEquals("Ip: Forwarding DefaultTTL", sh("h1 cat /proc/net/snmp | head -1").substring(0, 25));
        assertEquals(1, sh("h1 cat /proc/net/snmp | tail -n 1").split("\n").length);
        String lines = sh("h1 cat /proc/net/snmp | wc -l").trim();
        assertEquals(String.valueOf(sh("h1 cat /proc/net/snmp").split("\n").length), lines);
        assertEquals("      1       3      14\n", sh("h1 wc <<< one two three"), "coreutils' widths for stdin");
        assertEquals("[status 2]", sh("h1 grep -c x /proc/net/snmp | cat <<< one").substring(sh("h1 grep -c x /proc/net/snmp | cat <<< one").length() - 10));
    }

    @Test
    void dmesgPipedToGrepShowsOnlyTheMatchingLines() {
        sh("h2 iptables -A INPUT -p icmp -j LOG --log-prefix BLOCKED:");
        sh("h1 ping -c 2 h2");
        String s = sh("h2 dmesg | grep BLOCKED");
        assertTrue(!s.isEmpty(), s);
        for (String l : s.split("\n")) assertTrue(l.contains("BLOCKED:"), s);
        assertEquals(2, s.split("\n").length, s);
    }

    @Test
    void redirectionWritesReadsAndAppends() {
        assertEquals("", sh("h1 ip -br a > /tmp/addrs"));
        String saved = sh("h1 cat /tmp/addrs");
        assertTrue(saved.contains("10.0.0.1/24"), saved);
        assertEquals("", sh("h1 ip -br link >> /tmp/addrs"));
        assertEquals(saved.split("\n").length * 2, sh("h1 cat /tmp/addrs").split("\n").length);
        assertEquals(sh("h1 grep eth0 /tmp/addrs"), sh("h1 grep eth0 < /tmp/addrs"));
        assertEquals("cat: /tmp/addrs: No such file or directory\n[status 1]", sh("h2 cat /tmp/addrs"), "each host has its own files");
        assertTrue(sh("h1 ss -tan > /proc/net/tcp").startsWith("stacklab: /proc/net/tcp: Permission denied\n"));
        assertTrue(sh("h1 cat < /nonexistent").startsWith("stacklab: /nonexistent: No such file or directory\n"));
    }

    @Test
    void unsupportedSyntaxSaysSoAndFails() {
        for (String line : List.of("h1 ip a; h1 ip r", "h1 ip a && h1 ip r", "h1 ip a || h1 ip r", "h1 ip a 2> /tmp/e",
                "h1 cat << EOF", "h1 echo $(ls)", "h1 ip a & h1 ip r")) {
            String s = sh(line);
            assertTrue(s.startsWith("stacklab: '") && s.contains("is not supported by this shell") && s.endsWith("[status 2]"),
                    line + " -> " + s);
        }
        assertTrue(sh("h1 ip a | grep x &").contains("cannot run in the background"));
        assertTrue(sh("h1 ip a |").startsWith("stacklab: syntax error near unexpected token `|'"));
        assertEquals("grep: command not found\n[status 127]", sh("h1 ip a | grepp x").replace("grepp", "grep"));
    }
}
