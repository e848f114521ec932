package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.scenario.Frames;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.LinkOptions;
import org.stacklab.scenario.Topology;
import org.stacklab.sim.Time;
import org.stacklab.syscall.Processes;
import org.stacklab.syscall.Scheduler;
import org.stacklab.syscall.Task;
import org.stacklab.testkit.WirePort;

/** {@code sysctl} and {@code /proc/sys/net}: the defences of issue 18 switched on from the shell, with Linux's names. */
class SysctlTest {
    private final WirePort wire = new WirePort();
    private final Topology topo = new Topology(18);
    private final Scheduler sched = Scheduler.of(topo.loop());
    private final Host h2 = topo.addHost("h2");

    {
        topo.connect(h2, "wire", wire, LinkOptions.gigabit());
        h2.address("eth0", "10.0.0.2/24");
    }

    private Task run(String... argv) {
        Task t = Processes.on(h2.kernel()).spawn(argv[0], Programs.lookup(argv[0]), argv);
        assertTrue(sched.runUntil(() -> t.state() == Task.State.EXITED, Time.s(1)), topo.report());
        return t;
    }

    @AfterEach
    void clean() {
        sched.killAll();
        assertEquals("[]", topo.oopses().toString(), topo.report());
    }

    @Test
    void readsLinuxsDefaults() {
        assertEquals("net.ipv4.conf.all.rp_filter = 0\n", run("sysctl", "net.ipv4.conf.all.rp_filter").stdout());
        assertEquals("0\n", run("sysctl", "-n", "net.ipv4.conf.eth0.log_martians").stdout());
        assertEquals("net.ipv4.conf.all.accept_source_route = 0\nnet.ipv4.conf.default.accept_source_route = 1\n",
                run("sysctl", "net.ipv4.conf.all.accept_source_route", "net.ipv4.conf.default.accept_source_route").stdout());
        assertEquals("0\n", run("cat", "/proc/sys/net/ipv4/ip_forward").stdout());
    }

    @Test
    void writesReachTheKernel() {
        Task w = run("sysctl", "-w", "net.ipv4.conf.eth0.rp_filter=1");
        assertEquals("net.ipv4.conf.eth0.rp_filter = 1\n", w.stdout());
        assertEquals(1L, h2.kernel().sysctl().get("net.ipv4.conf.eth0.rp_filter", -1));
        run("sysctl", "net.ipv4.conf.default.arp_ignore=2");
        assertEquals("2\n", run("sysctl", "-n", "net.ipv4.conf.eth0.arp_ignore").stdout(), "a device shows default's value until set");
        assertEquals("net.ipv4.ip_forward = 1\n", run("sysctl", "-w", "net/ipv4/ip_forward=1").stdout(), "slashes work as dots");
        assertTrue(h2.kernel().sysctl().isOn("net.ipv4.ip_forward"));
    }

    @Test
    void unknownNamesAndBadValuesAreRefused() {
        Task t = run("sysctl", "net.ipv4.conf.eth9.rp_filter");
        assertEquals(1, t.exitStatus());
        assertEquals("sysctl: cannot stat /proc/sys/net/ipv4/conf/eth9/rp_filter: No such file or directory\n", t.stderr());
        Task bad = run("sysctl", "-w", "net.ipv4.conf.all.rp_filter=strict");
        assertEquals(1, bad.exitStatus());
        assertTrue(bad.stderr().contains("Invalid argument"), bad.stderr());
        assertEquals(0L, h2.kernel().sysctl().get("net.ipv4.conf.all.rp_filter", 0));
    }

    @Test
    void logMartiansFromTheShellThenDmesg() {
        run("sysctl", "-q", "-w", "net.ipv4.conf.all.log_martians=1");
        Kernel k = h2.kernel();
        wire.send(Frames.icmpEcho(h2.device("eth0").mac(), 0x02000000aa01L, Ip4.parse("127.0.0.1"), Ip4.parse("10.0.0.2"),
                true, 1, 1, 8, 64));
        topo.run(Time.ms(1));
        Task dmesg = run("dmesg");
        assertTrue(dmesg.stdout().contains("IPv4: martian source 10.0.0.2 from 127.0.0.1, on dev eth0"), dmesg.stdout());
        assertTrue(wire.frames.isEmpty(), "nothing answers a martian");
        assertEquals(1L, k.drops("IP_MARTIAN_SOURCE"));
    }
}
