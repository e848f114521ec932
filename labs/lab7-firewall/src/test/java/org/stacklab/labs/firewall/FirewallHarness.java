package org.stacklab.labs.firewall;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.core.InetIfAddr;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.NetDeviceOps;
import org.stacklab.kernel.core.Netfilter.Hook;
import org.stacklab.kernel.core.Netfilter.Verdict;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.filter.IptablesControl;
import org.stacklab.sim.EventLoop;

/**
 * One host with a firewall, three interfaces and the netfilter hooks called as the IPv4 layer calls
 * them (ip_rcv → PRE_ROUTING → routing → LOCAL_IN or FORWARD → POST_ROUTING; ip_local_out →
 * LOCAL_OUT → re-route → POST_ROUTING):
 *
 * <pre>
 *      10.0.0.0/24                         192.168.1.0/24
 *   [ client 10.0.0.1 ] ---- eth0 10.0.0.2  [ fw ]  eth1 192.168.1.1 ---- [ lan 192.168.1.10 ]
 *                            lo 127.0.0.1, default route via eth0
 * </pre>
 *
 * The filter module is the one {@code stacklab.impl} (student by default) or {@code stacklab.use}
 * chooses. Every hook run is written to a ladder that failure messages show.
 */
final class FirewallHarness {
    enum Fate { DELIVERED, FORWARDED, SENT, DROPPED }

    /** Where a packet ended up; {@code at} is the hook that dropped it, {@code out} the device it left by. */
    record Outcome(Fate fate, Hook at, NetDevice out, SkBuff skb) {
        boolean dropped() { return fate == Fate.DROPPED; }
    }

    final long seed;
    final EventLoop loop;
    final Kernel kernel;
    final NetDevice eth0, eth1, lo;
    final RecordingIp ip = new RecordingIp();
    private final List<String> ladder = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();

    /** Seed 42, or the one `./stacklab grade --seed N` passes (stacklab.seed) to replay a failure. */
    FirewallHarness() { this(Long.getLong("stacklab.seed", 42)); }

    FirewallHarness(long seed) {
        this.seed = seed;
        loop = EventLoop.virtual(seed);
        ModuleSet set = ModuleSet.parse(ModuleSet.REFERENCE, "filter=" + System.getProperty("stacklab.impl", ModuleSet.STUDENT));
        kernel = new Kernel("fw", loop, set);
        eth0 = device("eth0", "10.0.0.2", 24);
        eth1 = device("eth1", "192.168.1.1", 24);
        lo = device("lo", "127.0.0.1", 8);
        kernel.insmod(ip);
        kernel.insmod("filter");
    }

    private NetDevice device(String name, String addr, int prefix) {
        NetDevice d = new NetDevice(name, new NetDeviceOps() {
            @Override public int open(NetDevice dev) { return 0; }
            @Override public int stop(NetDevice dev) { return 0; }
            @Override public int startXmit(SkBuff skb, NetDevice dev) { return NETDEV_TX_OK; }
        });
        d.setMtu(1500);
        kernel.registerNetdev(d);
        kernel.devOpen(d);
        d.addAddress(InetIfAddr.of(Ip4.parse(addr), prefix, name));
        return d;
    }

    /** Runs an iptables command; fails the test with iptables' message if it is refused. */
    String iptables(String cmd) {
        IptablesControl.Result r = IptablesControl.run(kernel, cmd);
        commands.add("# iptables " + cmd + (r.ok() ? "" : "   -> " + r.err().trim()));
        if (!r.ok()) fail("iptables " + cmd + " failed: " + r.err());
        return r.out();
    }

    /** A packet arriving on {@code dev}, through PRE_ROUTING, the routing decision and LOCAL_IN or FORWARD. */
    Outcome receive(NetDevice in, SkBuff skb) {
        skb.dev = in;
        String what = Packets.describe(skb);
        Verdict v = hook(Hook.PRE_ROUTING, skb, in, null, what);
        if (v != Verdict.ACCEPT) return new Outcome(Fate.DROPPED, Hook.PRE_ROUTING, null, skb);
        int daddr = Packets.daddr(skb);
        if (isLocal(daddr)) {
            v = hook(Hook.LOCAL_IN, skb, in, null, Packets.describe(skb));
            return v == Verdict.ACCEPT ? new Outcome(Fate.DELIVERED, null, null, skb) : new Outcome(Fate.DROPPED, Hook.LOCAL_IN, null, skb);
        }
        NetDevice out = route(daddr);
        v = hook(Hook.FORWARD, skb, in, out, Packets.describe(skb));
        if (v != Verdict.ACCEPT) return new Outcome(Fate.DROPPED, Hook.FORWARD, out, skb);
        v = hook(Hook.POST_ROUTING, skb, null, out, Packets.describe(skb));
        return v == Verdict.ACCEPT ? new Outcome(Fate.FORWARDED, null, out, skb) : new Outcome(Fate.DROPPED, Hook.POST_ROUTING, out, skb);
    }

    /** A packet this host sends: LOCAL_OUT, routing again if its destination changed, POST_ROUTING. */
    Outcome send(SkBuff skb) {
        int daddr = Packets.daddr(skb);
        NetDevice out = route(daddr);
        skb.dev = out;
        Verdict v = hook(Hook.LOCAL_OUT, skb, null, out, Packets.describe(skb));
        if (v != Verdict.ACCEPT) return new Outcome(Fate.DROPPED, Hook.LOCAL_OUT, out, skb);
        if (Packets.daddr(skb) != daddr) out = route(Packets.daddr(skb));
        v = hook(Hook.POST_ROUTING, skb, null, out, Packets.describe(skb));
        return v == Verdict.ACCEPT ? new Outcome(Fate.SENT, null, out, skb) : new Outcome(Fate.DROPPED, Hook.POST_ROUTING, out, skb);
    }

    private Verdict hook(Hook hook, SkBuff skb, NetDevice in, NetDevice out, String what) {
        Verdict v = kernel.netfilter().hook(hook, skb, in, out);
        ladder.add(String.format("%-12s in=%-4s out=%-4s %-62s -> %s", hook, in == null ? "" : in.name(),
                out == null ? "" : out.name(), what, v));
        return v;
    }

    boolean isLocal(int addr) {
        if (Ip4.isLoopback(addr)) return true;
        for (NetDevice d : kernel.devices()) for (InetIfAddr a : d.addresses()) if (a.address() == addr) return true;
        return false;
    }

    NetDevice route(int daddr) {
        if (Ip4.isLoopback(daddr) || isLocal(daddr)) return lo;
        if (Ip4.inSubnet(daddr, Ip4.parse("192.168.1.0"), 24)) return eth1;
        return eth0;   // connected 10.0.0.0/24 and the default route
    }

    /** The last LOG lines etc.: kernel log lines containing {@code text}. */
    List<String> logLines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : kernel.log().lines()) if (l.contains(text)) out.add(l);
        return out;
    }

    /** What a failure message shows: the seed, the commands, every hook run, the rules and the log. */
    String explain() {
        StringBuilder sb = new StringBuilder("\n  seed " + seed + " · filter=" + kernel.moduleSet().implFor("filter")
                + " · replay: ./stacklab grade --lab lab7-firewall --seed " + seed + "\n");
        for (String c : commands) sb.append("  ").append(c).append('\n');
        boolean any = false;
        for (Hook k : Hook.values()) any |= !kernel.netfilter().registered(k).isEmpty();
        if (!any) sb.append("  hint: no function is registered on any netfilter hook; does Firewall.init register verdict()?\n");
        sb.append("  hooks, as the IP layer ran them:\n");
        int from = Math.max(0, ladder.size() - 40);
        for (int i = from; i < ladder.size(); i++) sb.append("    ").append(ladder.get(i)).append('\n');
        try {
            IptablesControl.Result f = IptablesControl.run(kernel, "-L -n -v");
            IptablesControl.Result n = IptablesControl.run(kernel, "-t nat -L -n -v");
            sb.append("  iptables -L -n -v:\n").append(indent(f.out())).append("  iptables -t nat -L -n -v:\n").append(indent(n.out()));
        } catch (RuntimeException e) {
            sb.append("  (iptables -L failed: ").append(e).append(")\n");
        }
        List<String> log = kernel.log().lines();
        sb.append("  kernel log (last lines):\n");
        for (int i = Math.max(0, log.size() - 8); i < log.size(); i++) sb.append("    ").append(log.get(i)).append('\n');
        if (!kernel.oopses().isEmpty()) sb.append("  OOPS: ").append(kernel.oopses()).append('\n');
        return sb.toString();
    }

    private static String indent(String s) {
        StringBuilder sb = new StringBuilder();
        for (String l : s.split("\n")) sb.append("    ").append(l).append('\n');
        return sb.toString();
    }
}
