package org.stacklab.cli.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stacklab.hw.tap.TapBridge;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.scenario.Host;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

/**
 * Real Linux pings an emulated host through a TAP. Runs only as root with /dev/net/tun, ip and
 * ping (skipped with the reason otherwise). The TAP is moved into a network namespace made for
 * the test, where Linux's side gets its address, so no traffic leaves that namespace.
 */
class LinuxPingsStackLabTest {
    @Test
    void linuxPingsTheEmulatedHostThroughTheTap() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun on this machine");
        assumeTrue(isRoot(), "not root: TAP devices and network namespaces need CAP_NET_ADMIN");
        assumeTrue(sh("ip", "-V") == 0 && sh("sh", "-c", "command -v ping") == 0, "ip or ping is not installed");

        long pid = ProcessHandle.current().pid() % 100_000;
        String ifname = "slping" + pid;
        String ns = "stacklab-test-" + pid;
        EventLoop loop = EventLoop.realTime(7);
        Host host = new Host(loop, "stacklab", 1, ModuleSet.reference());
        TapBridge bridge = TapBridge.open(loop, ifname);
        try {
            bridge.connect(host.addNic());
            host.address("eth0", "10.77.0.2/24");
            assertEquals(0, sh("ip", "netns", "add", ns));
            // An open TAP may change namespaces; the bridge's descriptor stays attached.
            assertEquals(0, sh("ip", "link", "set", ifname, "netns", ns));
            assertEquals(0, sh("ip", "netns", "exec", ns, "ip", "addr", "add", "10.77.0.1/24", "dev", ifname));
            assertEquals(0, sh("ip", "netns", "exec", ns, "ip", "link", "set", ifname, "up"));

            Process ping = new ProcessBuilder("ip", "netns", "exec", ns, "ping", "-c", "3", "-i", "0.2", "-w", "10", "10.77.0.2")
                    .redirectErrorStream(true).start();
            loop.runUntil(() -> !ping.isAlive(), Time.seconds(15)); // the loop answers while Linux pings
            String out = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(ping.waitFor(1, TimeUnit.SECONDS), "ping still running:\n" + out);
            assertEquals(0, ping.exitValue(), "ping failed:\n" + out + "\nbridge: " + bridge.counters()
                    + "\ntrace:\n" + String.join("\n", host.kernel().trace().lines()));
            assertTrue(out.contains("3 received"), out);
            assertTrue(bridge.counters().rxFrames() >= 4 && bridge.counters().txFrames() >= 4, bridge.counters().toString());
            assertTrue(host.kernel().oopses().isEmpty(), host.kernel().oopses().toString());
        } finally {
            bridge.close();
            sh("ip", "netns", "del", ns);
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return line.split("\\s+")[2].equals("0");
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static int sh(String... cmd) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
