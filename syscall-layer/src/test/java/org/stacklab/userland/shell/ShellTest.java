package org.stacklab.userland.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.sim.EventLoop;
import org.stacklab.syscall.Program;
import org.stacklab.userland.TestHosts;

/** The shell interpreter, driven by a script as a user would type it. */
class ShellTest {
    private final TestHosts lab = TestHosts.twoHosts();
    private final StringBuilder out = new StringBuilder();

    /** Runs each program in the foreground to completion: enough for commands that do not need a second process. */
    private final ShellTopology topo = new ShellTopology() {
        @Override public List<String> hosts() { return List.of("h1", "h2"); }
        @Override public Kernel kernel(String host) { return lab.kernel(host); }
        @Override public EventLoop loop() { return lab.loop(); }
        @Override public ShellJob spawn(String host, Program p, String[] argv, Consumer<String> console, boolean bg, String stdin) {
            int rc = lab.runProgram(host, p, argv, console);
            return new ShellJob() {
                @Override public int pid() { return 100; }
                @Override public boolean finished() { return true; }
                @Override public int exitStatus() { return rc; }
                @Override public void kill() {}
            };
        }
    };

    @Test
    void scriptRunsCommandsOnHostsAndBuiltins() throws Exception {
        Shell shell = new Shell(topo, out::append).echo(true);
        int failures = shell.runScript(new StringReader(String.join("\n",
                "# a comment, then a blank line",
                "",
                "h1 ip addr show eth0",
                "h1 ping -c 2 h2",
                "run 1500ms",
                "h2 cat /etc/hosts",
                "h9 ip link",
                "h1 frobnicate",
                "help",
                "exit",
                "h1 ip link")));
        String s = out.toString();
        assertEquals(2, failures, s);
        assertTrue(s.contains("stacklab> h1 ip addr show eth0\n2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500"), s);
        assertTrue(s.contains("    inet 10.0.0.1/24 brd 10.0.0.255 scope global eth0\n"), s);
        assertTrue(s.contains("PING h2 (10.0.0.2) 56(84) bytes of data.\n64 bytes from h2 (10.0.0.2): icmp_seq=1 ttl=64"), s);
        assertTrue(s.contains("2 packets transmitted, 2 received, 0% packet loss, time 1000ms\n"), s);
        assertTrue(s.contains("127.0.0.1\tlocalhost\n127.0.1.1\th2\n10.0.0.1\th1\n"), s);
        assertTrue(s.contains("stacklab: h9: no such host or command (try 'help' or 'hosts')\n"), s);
        assertTrue(s.contains("frobnicate: command not found\n"), s);
        assertTrue(s.contains("  run DURATION"), s);
        assertTrue(!s.contains("stacklab> h1 ip link"), "nothing runs after exit: " + s);
        assertEquals(1_000_100_000L + 1_500_000_000L, lab.loop().now(),
                "ping ended with its last reply (1 s + 100 us), then run added 1.5 s of virtual time");
    }

    @Test
    void traceOnPrintsFramesAsTheyLeaveAHost() {
        Shell shell = new Shell(topo, out::append);
        shell.execute("trace on");
        lab.sendRawFrame("h1");
        shell.execute("run 1ms");
        shell.execute("trace off");
        String s = out.toString();
        assertTrue(s.startsWith("packet trace on\n  h1 0.000000 eth0 Out "), s);
        assertTrue(s.endsWith("packet trace off\n"), s);
    }

    @Test
    void durationsParse() {
        assertEquals(5_000_000_000L, Shell.parseDuration("5s"));
        assertEquals(200_000_000L, Shell.parseDuration("200ms"));
        assertEquals(50_000L, Shell.parseDuration("50us"));
        assertEquals(2_500_000_000L, Shell.parseDuration("2.5"));
        assertEquals(List.of("h1", "nc", "-l", "80"), Shell.split("  h1 nc  -l 80 "));
        assertEquals(List.of("h1", "echo", "a b"), Shell.split("h1 echo \"a b\""));
    }
}
