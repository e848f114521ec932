package org.stacklab.syscall;

import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.core.Veth;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

/** h1 (10.0.0.1) and h2 (10.0.0.2) with the reference ip, udp and tcp modules, joined by a veth pair. */
public final class RealHosts {
    public final long seed;
    public final EventLoop loop;
    public final Kernel h1, h2;
    public final NetDevice eth1, eth2;
    public final Scheduler sched;

    public RealHosts(long seed) {
        this.seed = seed;
        loop = EventLoop.virtual(seed);
        h1 = boot("h1");
        h2 = boot("h2");
        NetDevice[] d = Veth.pair(h1, "eth0", 0x020000000001L, h2, "eth0", 0x020000000002L, Time.us(50));
        eth1 = d[0];
        eth2 = d[1];
        h1.symbol(IpStack.class).addAddress("eth0", Ip4.parse("10.0.0.1"), 24);
        h2.symbol(IpStack.class).addAddress("eth0", Ip4.parse("10.0.0.2"), 24);
        sched = Scheduler.of(loop);
    }

    private Kernel boot(String name) {
        Kernel k = new Kernel(name, loop, ModuleSet.reference());
        k.insmod("ip");
        k.insmod("udp");
        k.insmod("tcp");
        return k;
    }

    /** h2 stops answering TCP: every TCP segment h1 sends is lost (ARP and ICMP still work). */
    public void dropTcpFromH1() {
        Veth.setFilter(eth1, (frame, len) -> !(len > 23 && (frame[12] & 0xff) == 0x08 && frame[13] == 0 && frame[23] == 6));
    }

    /** Seed and both packet traces, for a failing test's message. */
    public String diagnostics() {
        StringBuilder sb = new StringBuilder("seed " + seed + "\n");
        for (Kernel k : new Kernel[] {h1, h2}) {
            for (PacketTrace.Entry e : k.trace().entries()) sb.append(k.hostname()).append(' ').append(e.lineWithDevice()).append('\n');
        }
        sb.append("oopses: ").append(h1.oopses()).append(h2.oopses());
        return sb.toString();
    }
}
