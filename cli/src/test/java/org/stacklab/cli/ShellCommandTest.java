package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code stacklab shell --script FILE} over the default two-host scenario with the reference modules. */
class ShellCommandTest {
    @TempDir Path dir;

    private String runScript(String script, String... extra) throws Exception {
        Path f = dir.resolve("walkthrough.sl");
        Files.writeString(f, script);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        String[] args = new String[extra.length + 2];
        args[0] = "--script";
        args[1] = f.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        int rc = new CommandLine(new ShellCommand(new PrintStream(buf, true, StandardCharsets.UTF_8))).execute(args);
        return buf.toString(StandardCharsets.UTF_8) + "[rc " + rc + "]";
    }

    @Test
    void scriptWalksTheTutorialCommands() throws Exception {
        String out = runScript(String.join("\n",
                "# the seed tutorial's observability commands",
                "h1 ip link",
                "h1 ip addr",
                "h1 ping -c 2 h2",
                "h1 ss -tuln",
                "h1 cat /proc/net/dev",
                "h1 lsmod",
                ""));
        assertTrue(out.contains("stacklab> h1 ip link\n1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n"), out);
        // The links came up while the hosts booted, before the first command.
        assertTrue(out.contains("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP mode DEFAULT"), out);
        assertTrue(out.contains("    inet 10.0.0.1/24 brd 10.0.0.255 scope global eth0\n"), out);
        assertTrue(out.contains("2 packets transmitted, 2 received, 0% packet loss"), out);
        assertTrue(out.contains("Inter-|   Receive"), out);
        assertTrue(out.endsWith("[rc 0]"), out);
    }

    @Test
    void theSameSeedGivesTheSameSession() throws Exception {
        String script = "h2 nc -l 80 &\nrun 1ms\ntrace on\nh1 nc 10.0.0.2 80 <<< hello\nh1 ping -c 2 h2\nh1 ss -tan\n";
        String a = runScript(script, "--seed", "7");
        assertEquals(a, runScript(script, "--seed", "7"));
        assertTrue(a.contains("Flags [S]"), a);
    }

    @Test
    void aFailingCommandMakesTheScriptFail() throws Exception {
        String out = runScript("h7 ip a\n");
        assertTrue(out.contains("stacklab: h7: no such host or command"), out);
        assertTrue(out.endsWith("[rc 1]"), out);
    }

    @Test
    void routedTopologyPingsAcrossTheRouter() throws Exception {
        String out = runScript("run 1ms\nh1 ping -c 1 10.0.2.1\nh1 ip route\nh1 ping -c 1 -t 1 10.0.2.1\n", "--topology", "routed");
        // One router on the way: the reply arrives with its TTL decremented once (64 - 1).
        assertTrue(out.contains("64 bytes from 10.0.2.1: icmp_seq=1 ttl=63 time="), out);
        assertTrue(out.contains("1 packets transmitted, 1 received, 0% packet loss"), out);
        assertTrue(out.contains("default via 10.0.1.254 dev eth0"), out);
        // With TTL 1 the router drops the request and says so (RFC 792 Time Exceeded).
        assertTrue(out.contains("From 10.0.1.254 icmp_seq=1 Time to live exceeded\n"), out);
        assertTrue(out.contains("1 packets transmitted, 0 received, +1 errors, 100% packet loss"), out);
        assertEquals(-1, out.indexOf("Oops"), out);
    }
}
