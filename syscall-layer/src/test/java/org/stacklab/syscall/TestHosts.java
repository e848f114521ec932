package org.stacklab.syscall;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.sim.EventLoop;
import org.stacklab.testkit.FakeIpNetwork;

/**
 * Two hosts, h1 (10.0.0.1) and h2 (10.0.0.2), on one scenario: the reference UDP over a stand-in IP
 * layer, and the stand-in stream transport. Syscall tests run on it.
 */
public final class TestHosts {
    public final long seed;
    public final EventLoop loop;
    public final Kernel h1, h2;
    public final FakeIpNetwork ipNet;
    final FakeStreamProto.Net streamNet;
    public final Scheduler sched;

    public TestHosts(long seed) {
        this.seed = seed;
        loop = EventLoop.virtual(seed);
        ipNet = new FakeIpNetwork(loop);
        streamNet = new FakeStreamProto.Net(loop);
        h1 = boot("h1", "10.0.0.1");
        h2 = boot("h2", "10.0.0.2");
        sched = Scheduler.of(loop);
    }

    private Kernel boot(String name, String addr) {
        Kernel k = new Kernel(name, loop, ModuleSet.reference());
        FakeIpNetwork.FakeIp ip = ipNet.attach(k, addr);
        k.insmod(new KernelModule() {
            @Override public String name() { return "ip"; }
            @Override public void init(Kernel kernel) { kernel.exportSymbol(IpStack.class, ip, "ip"); }
            @Override public void exit(Kernel kernel) {}
        });
        k.insmod("udp");
        new FakeStreamProto(streamNet, k, Ip4.parse(addr));
        return k;
    }

    public void blackhole(String addr) { streamNet.blackhole = Ip4.parse(addr); }

    /** What a failing test prints: the seed and both hosts' logs. */
    public String diagnostics() {
        return "seed " + seed + "\n" + String.join("\n", h1.log().lines()) + "\n" + String.join("\n", h2.log().lines());
    }
}
