package org.stacklab.cli.bench;

import java.util.concurrent.Callable;
import org.stacklab.hw.link.FaultSpec;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.LinkOptions;
import org.stacklab.scenario.Topology;
import org.stacklab.sim.Time;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stacklab bench}: measured runs, not tests. Bulk TCP through the e1000 rings and over lo,
 * the same amount through real Linux loopback sockets in the same run (the baseline the ratios are
 * against), and a WAN scenario that shows how much faster than real time the virtual clock runs.
 * Every figure is one {@code name=value} line so scripts can read it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure TCP throughput through the e1000 rings and over lo against Linux loopback sockets.")
public final class BenchCommand implements Callable<Integer> {
    private static final long WARMUP = 256L << 20;

    @Option(names = "--quick", description = "A smaller transfer (64 MiB) for a fast look.")
    boolean quick;

    @Option(names = "--bytes", description = "Bytes per bulk transfer (default 1 GiB, or 64 MiB with --quick).")
    Long bytes;

    @Option(names = "--wan-bytes", description = "Bytes for the WAN scenario (default 100 MB, 10 MB with --quick).")
    Long wanBytes;

    @Option(names = "--skip-wan", description = "Do not run the WAN scenario.")
    boolean skipWan;

    @Option(names = "--use", description = "Module set overrides, e.g. tcp=student.")
    String use;

    @Option(names = "--seed", defaultValue = "1", description = "Scenario seed.")
    long seed;

    @Override
    public Integer call() throws Exception {
        long n = bytes != null ? bytes : quick ? 64L << 20 : 1L << 30;
        String bad = org.stacklab.cli.UseOption.check(use, new org.stacklab.grader.LabCatalog(org.stacklab.grader.LabCatalog.defaultRoot()));
        if (bad != null) {
            System.err.println("bench: " + bad);
            return 2;
        }
        ModuleSet modules = ModuleSet.parse(ModuleSet.REFERENCE, use);
        System.out.println("# stacklab bench: " + n + " bytes per bulk transfer, modules " + modules);

        // Warm the JIT on a transfer of each kind first so the measured runs compare steady states
        // (C2 needs a few hundred thousand segments through the rings before the hot path settles).
        rings(modules, WARMUP);
        loopback(modules, WARMUP);
        LinuxLoopback.gbps(WARMUP);

        SockPump.Result r = rings(modules, n);
        SockPump.Result l = loopback(modules, n);
        double linux = LinuxLoopback.gbps(n);
        print("bytes", n);
        print("tcp_rings_gbps", r.gbps());
        print("tcp_rings_wall_s", r.wallNs() / 1e9);
        print("tcp_rings_cpu_gbps", r.cpuGbps());
        print("tcp_rings_events_per_s", r.events() / (r.wallNs() / 1e9));
        print("tcp_lo_gbps", l.gbps());
        print("tcp_lo_wall_s", l.wallNs() / 1e9);
        print("tcp_lo_cpu_gbps", l.cpuGbps());
        print("linux_loopback_gbps", linux);
        print("lo_vs_linux_ratio", l.gbps() / linux);
        print("rings_vs_linux_ratio", r.gbps() / linux);

        if (!skipWan) {
            long w = wanBytes != null ? wanBytes : quick ? 10_000_000L : 100_000_000L;
            SockPump.Result wan = wan(modules, w);
            print("wan_bytes", w);
            print("wan_virtual_s", wan.virtualNs() / 1e9);
            print("wan_wall_s", wan.wallNs() / 1e9);
            print("wan_virtual_per_wall", (double) wan.virtualNs() / wan.wallNs());
            print("wan_goodput_mbps", w * 8.0 / wan.virtualNs() * 1000);
            print("wan_events_per_wall_s", wan.events() / (wan.wallNs() / 1e9));
        }
        return 0;
    }

    /** h1 — h2 over one cable, MTU 1500, every byte through both NICs' DMA rings. */
    static SockPump.Result rings(ModuleSet modules, long n) {
        Topology t = new Topology(1, modules);
        Host h1 = t.addHost("h1");
        Host h2 = t.addHost("h2");
        t.connect(h1, h2, LinkOptions.of(new LinkSpec(100_000_000_000L, Time.us(1), 1500, 4096)));
        h1.address("eth0", "10.0.0.1/24");
        h2.address("eth0", "10.0.0.2/24");
        quiet(h1.kernel());
        quiet(h2.kernel());
        return SockPump.run(t.loop(), h1.kernel(), h2.kernel(), Ip4.parse("10.0.0.2"), 5001, n, Time.s(3600));
    }

    /** One host talking to itself over lo (MTU 65536). */
    static SockPump.Result loopback(ModuleSet modules, long n) {
        Topology t = new Topology(1, modules);
        Host h1 = t.addHost("h1");
        quiet(h1.kernel());
        return SockPump.run(t.loop(), h1.kernel(), h1.kernel(), Ip4.LOOPBACK, 5001, n, Time.s(3600));
    }

    /** 100 Mbit/s, 100 ms RTT, 1% loss each way. */
    static SockPump.Result wan(ModuleSet modules, long n) {
        Topology t = new Topology(7, modules);
        Host h1 = t.addHost("h1");
        Host h2 = t.addHost("h2");
        LinkOptions o = LinkOptions.of(new LinkSpec(100_000_000L, Time.ms(50), 1500, 1000))
                .withFaults(FaultSpec.NONE.withDrop(0.01));
        t.connect(h1, h2, o);
        h1.address("eth0", "10.0.0.1/24");
        h2.address("eth0", "10.0.0.2/24");
        quiet(h1.kernel());
        quiet(h2.kernel());
        return SockPump.run(t.loop(), h1.kernel(), h2.kernel(), Ip4.parse("10.0.0.2"), 5001, n, Time.s(36_000));
    }

    private static void quiet(Kernel k) {
        k.trace().setEnabled(false);
    }

    private static void print(String name, double v) {
        System.out.println(name + "=" + (v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format("%.3f", v)));
    }
}
