package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.stacklab.hw.link.FaultInjector;
import org.stacklab.hw.link.FaultSpec;
import org.stacklab.hw.link.EthernetSwitch;
import org.stacklab.hw.link.Port;
import org.stacklab.hw.link.Wire;
import org.stacklab.hw.pcap.PcapTap;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.core.TcpdumpFormat;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.sim.EventLoop;

/**
 * A scenario as code: hosts, routers, switches and the cables between them, on one event loop
 * seeded from one number. Tests, the demo, the labs and benchmarks all build their networks here.
 *
 * <pre>{@code
 * Topology t = new Topology(42, ModuleSet.reference());
 * Host h1 = t.addHost("h1"), h2 = t.addHost("h2");
 * EthernetSwitch sw = t.addSwitch("sw0", 4);
 * t.connect(h1, sw);                                  // h1:eth0 <-> sw0:p0, 1 Gbit/s
 * t.connect(h2, sw, LinkOptions.gigabit().withFaultsToA(FaultSpec.NONE.withDrop(0.01)));
 * h1.address("eth0", "10.0.0.1/24");
 * h2.address("eth0", "10.0.0.2/24");
 * t.run(Time.ms(10));
 * }</pre>
 *
 * <p>A failing test prints {@link #report()}: the seed, the combined packet trace of every host and
 * the end of each kernel log.
 */
public final class Topology {
    private final EventLoop loop;
    private final ModuleSet modules;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, EthernetSwitch> switches = new LinkedHashMap<>();
    private final Map<EthernetSwitch, Integer> nextSwitchPort = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();

    public Topology(long seed, ModuleSet modules) {
        this(EventLoop.virtual(seed), modules);
    }

    public Topology(long seed) {
        this(seed, ModuleSet.parse(ModuleSet.REFERENCE, null));
    }

    public Topology(EventLoop loop, ModuleSet modules) {
        this.loop = loop;
        this.modules = modules;
    }

    public EventLoop loop() { return loop; }
    public long seed() { return loop.seed(); }
    public ModuleSet modules() { return modules; }

    // ------------------------------------------------------------------ building

    /** A host booted from this topology's module set. */
    public Host addHost(String name) {
        if (hosts.containsKey(name) || switches.containsKey(name)) throw new IllegalArgumentException(name + " exists");
        Host h = new Host(loop, name, hosts.size() + 1, modules);
        hosts.put(name, h);
        return h;
    }

    /** A host that forwards between its interfaces ({@code net.ipv4.ip_forward = 1}). */
    public Host addRouter(String name) {
        return addHost(name).forwarding(true);
    }

    public EthernetSwitch addSwitch(String name, int ports) {
        if (hosts.containsKey(name) || switches.containsKey(name)) throw new IllegalArgumentException(name + " exists");
        EthernetSwitch sw = new EthernetSwitch(loop, name, ports);
        switches.put(name, sw);
        nextSwitchPort.put(sw, 0);
        return sw;
    }

    /** A new NIC on {@code h} cabled to the next free port of {@code sw}, at 1 Gbit/s. */
    public Link connect(Host h, EthernetSwitch sw) { return connect(h, sw, LinkOptions.gigabit()); }

    public Link connect(Host h, EthernetSwitch sw, LinkOptions o) {
        int p = nextSwitchPort.get(sw);
        if (p >= sw.portCount()) throw new IllegalStateException(sw.name() + " has no free port (" + sw.portCount() + " ports)");
        nextSwitchPort.put(sw, p + 1);
        String ifname = "eth" + h.machine().nics().size();
        Link l = cable(h.name() + ":" + ifname, h.addNic(), sw.name() + ":p" + p, sw.port(p), o);
        applyMtu(h, ifname, o);
        return l;
    }

    /** A new NIC on each host, joined back to back by one cable. */
    public Link connect(Host a, Host b) { return connect(a, b, LinkOptions.gigabit()); }

    public Link connect(Host a, Host b, LinkOptions o) {
        String ifA = "eth" + a.machine().nics().size();
        Port pa = a.addNic();
        String ifB = "eth" + b.machine().nics().size();
        Port pb = b.addNic();
        Link l = cable(a.name() + ":" + ifA, pa, b.name() + ":" + ifB, pb, o);
        applyMtu(a, ifA, o);
        applyMtu(b, ifB, o);
        return l;
    }

    /**
     * A new NIC on {@code h} cabled to any port: a traffic generator, a fuzzer, another device.
     * {@code peerName} names that end in the link and in fault-injector streams.
     */
    public Link connect(Host h, String peerName, Port peer, LinkOptions o) {
        String ifname = "eth" + h.machine().nics().size();
        Link l = cable(h.name() + ":" + ifname, h.addNic(), peerName, peer, o);
        applyMtu(h, ifname, o);
        return l;
    }

    /**
     * The interface takes the link's MTU when it is below Ethernet's 1500 ({@code ip link set mtu}),
     * so IP fragments for it instead of the wire discarding frames that do not fit.
     */
    private static void applyMtu(Host h, String ifname, LinkOptions o) {
        NetDevice dev = h.kernel().device(ifname);
        if (dev != null && o.spec().mtu() < dev.mtu()) dev.setMtu(o.spec().mtu());
    }

    private Link cable(String nameA, Port a, String nameB, Port b, LinkOptions o) {
        FaultInjector fa = null, fb = null;
        PcapTap tap = null;
        if (o.pcap() != null) {
            tap = PcapTap.wrap(loop, a, o.pcap());
            a = tap;
        }
        if (!FaultSpec.NONE.equals(o.faultsToA())) a = fa = FaultInjector.wrap(loop, nameA + "-rx", a, o.faultsToA());
        if (!FaultSpec.NONE.equals(o.faultsToB())) b = fb = FaultInjector.wrap(loop, nameB + "-rx", b, o.faultsToB());
        Wire w = Wire.connect(loop, a, b, o.spec());
        Link l = new Link(nameA, nameB, w, fa, fb, tap);
        links.add(l);
        return l;
    }

    // ------------------------------------------------------------------ looking up

    public Host host(String name) {
        Host h = hosts.get(name);
        if (h == null) throw new IllegalArgumentException("no host " + name + " (hosts: " + hosts.keySet() + ")");
        return h;
    }

    public EthernetSwitch switchNamed(String name) {
        EthernetSwitch s = switches.get(name);
        if (s == null) throw new IllegalArgumentException("no switch " + name + " (switches: " + switches.keySet() + ")");
        return s;
    }

    public List<Host> hosts() { return List.copyOf(hosts.values()); }

    public List<Link> links() { return List.copyOf(links); }

    // ------------------------------------------------------------------ running

    /** Runs the scenario for {@code ns} of virtual time. */
    public Topology run(long ns) {
        loop.runFor(ns);
        return this;
    }

    /** Runs until {@code condition} holds or {@code timeoutNs} pass; returns whether it holds. */
    public boolean runUntil(BooleanSupplier condition, long timeoutNs) {
        return loop.runUntil(condition, timeoutNs);
    }

    /** Closes pcap files (flushes them). */
    public void close() {
        for (Link l : links) if (l.tap() != null) l.tap().close();
    }

    // ------------------------------------------------------------------ observing

    /** Every host's packet trace merged by time: {@code 0.000012 h1 eth0 Out ARP, Request ...}. */
    public List<String> trace() {
        record Line(long time, int order, String text) {}
        List<Line> all = new ArrayList<>();
        int order = 0;
        for (Host h : hosts.values()) {
            for (PacketTrace.Entry e : h.kernel().trace().entries()) {
                String text = TcpdumpFormat.timestamp(e.time()) + " " + h.name() + " " + e.dev()
                        + (e.outgoing() ? " Out " : " In  ") + TcpdumpFormat.describe(e.frame(), 0, e.frame().length, e.devType());
                all.add(new Line(e.time(), order++, text));
            }
        }
        all.sort(Comparator.comparingLong(Line::time).thenComparingInt(Line::order));
        List<String> out = new ArrayList<>(all.size());
        for (Line l : all) out.add(l.text());
        return out;
    }

    /** Oopses of all hosts, as {@code host: throwable}. */
    public List<String> oopses() {
        List<String> out = new ArrayList<>();
        for (Host h : hosts.values()) for (Throwable t : h.kernel().oopses()) out.add(h.name() + ": " + t);
        return out;
    }

    /**
     * What a failing test should print: the seed and how to replay, the last {@code traceLines} of
     * the combined trace, each host's drops and the end of its kernel log.
     */
    public String report(int traceLines) {
        StringBuilder sb = new StringBuilder();
        sb.append("seed ").append(seed()).append(" (replay with the same seed; modules ").append(modules).append(")\n");
        List<String> t = trace();
        sb.append("--- packet trace, last ").append(Math.min(traceLines, t.size())).append(" of ").append(t.size()).append(" ---\n");
        for (String l : t.subList(Math.max(0, t.size() - traceLines), t.size())) sb.append("  ").append(l).append('\n');
        for (Host h : hosts.values()) {
            sb.append("--- ").append(h.name()).append(": drops ").append(h.kernel().drops());
            IpStack ip = h.kernel().findSymbol(IpStack.class);
            if (ip != null) sb.append(", ip ").append(ip.counters());
            sb.append(" ---\n");
            List<String> log = h.kernel().log().lines();
            for (String l : log.subList(Math.max(0, log.size() - 15), log.size())) sb.append("  ").append(l).append('\n');
        }
        List<String> o = oopses();
        if (!o.isEmpty()) sb.append("--- oopses ---\n  ").append(String.join("\n  ", o)).append('\n');
        return sb.toString();
    }

    public String report() { return report(40); }

    // ------------------------------------------------------------------ presets

    /**
     * h1 (10.0.0.1/24) and h2 (10.0.0.2/24) on switch sw0, 1 Gbit/s links. Addresses are set when
     * an ip module is loaded.
     */
    public static Topology twoHostsOnSwitch(long seed) { return twoHostsOnSwitch(seed, ModuleSet.parse(ModuleSet.REFERENCE, null)); }

    public static Topology twoHostsOnSwitch(long seed, ModuleSet modules) {
        Topology t = new Topology(seed, modules);
        Host h1 = t.addHost("h1");
        Host h2 = t.addHost("h2");
        EthernetSwitch sw = t.addSwitch("sw0", 8);
        t.connect(h1, sw);
        t.connect(h2, sw);
        if (h1.kernel().findSymbol(IpStack.class) != null) {
            h1.address("eth0", "10.0.0.1/24");
            h2.address("eth0", "10.0.0.2/24");
        }
        return t;
    }

    /**
     * h1 — r1 — h2 over two subnets: h1 10.0.1.1/24 on r1's eth0 (10.0.1.254), h2 10.0.2.1/24 on
     * r1's eth1 (10.0.2.254); each host's default route points at r1, which forwards.
     */
    public static Topology routed(long seed) { return routed(seed, ModuleSet.parse(ModuleSet.REFERENCE, null)); }

    public static Topology routed(long seed, ModuleSet modules) {
        Topology t = new Topology(seed, modules);
        Host h1 = t.addHost("h1");
        Host r1 = t.addRouter("r1");
        Host h2 = t.addHost("h2");
        t.connect(h1, r1);
        t.connect(r1, h2);
        if (h1.kernel().findSymbol(IpStack.class) != null) {
            h1.address("eth0", "10.0.1.1/24");
            r1.address("eth0", "10.0.1.254/24");
            r1.address("eth1", "10.0.2.254/24");
            h2.address("eth0", "10.0.2.1/24");
            h1.defaultRoute("10.0.1.254");
            h2.defaultRoute("10.0.2.254");
        }
        return t;
    }
}
