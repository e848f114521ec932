package org.stacklab.kernel.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.SeededRandom;
import org.stacklab.sim.Timer;

/**
 * One emulated host's kernel. It owns the net devices, the protocol handlers modules register, the
 * NET_RX softirq that polls NAPI contexts, timers on the scenario's virtual clock, netfilter, the
 * kernel log and the packet trace, and the table of loaded modules.
 *
 * <p>Modules talk to each other through symbols ({@link #exportSymbol}/{@link #symbol}), the way
 * Linux modules use EXPORT_SYMBOL: TCP asks for the IP layer's contract, never for its classes.
 */
public final class Kernel {
    public static final String DROP_SHORT_FRAME = "ETH_SHORT_FRAME";
    public static final String DROP_UNKNOWN_ETHERTYPE = "UNHANDLED_PROTO";
    public static final String DROP_HANDLER_OOPS = "HANDLER_OOPS";
    public static final String DROP_BACKLOG_FULL = "CPU_BACKLOG";
    public static final String DROP_DEV_DOWN = "DEV_DOWN";
    /** The device's transmit queue was full (Linux's QDISC_DROP). */
    public static final String DROP_QDISC = "QDISC_DROP";

    private final String hostname;
    private final EventLoop loop;
    private final ModuleSet moduleSet;
    private final SeededRandom random;
    private final KernelLog log;
    private final PacketTrace trace;
    private final Netfilter netfilter = new Netfilter();
    private final Sysctl sysctl = new Sysctl();

    private final Map<String, NetDevice> devices = new LinkedHashMap<>();
    private final Collection<NetDevice> devicesView = java.util.Collections.unmodifiableCollection(devices.values());
    /** The same devices as an indexable snapshot, replaced on (un)registration: walked per packet without an iterator. */
    private List<NetDevice> deviceList = List.of();
    private int nextIfindex = 1;
    private final Map<Integer, PacketHandler> packetTypes = new HashMap<>();
    /** {@link #packetTypes} as two parallel arrays, for the per-frame lookup (no boxing, few entries). */
    private int[] packetTypeKeys = new int[0];
    private PacketHandler[] packetTypeHandlers = new PacketHandler[0];
    /** Which module registered each ethertype (null: core or a test), to clean up after it. */
    private final Map<Integer, String> packetTypeOwners = new HashMap<>();
    /** The module whose init or exit is running, or null. */
    private String moduleInInit;
    private final Map<String, Long> drops = new TreeMap<>();
    private final List<Throwable> oopses = new ArrayList<>();
    private long oopsCount;
    /** Oopses kept with their stack traces. */
    public static final int OOPS_KEPT = 100;

    private final LinkedHashMap<String, KernelModule> modules = new LinkedHashMap<>();
    private final Map<Class<?>, Object> symbols = new HashMap<>();
    private final Map<Class<?>, String> symbolOwners = new HashMap<>();
    private final Map<Class<?>, Object> subsystems = new HashMap<>();

    // NET_RX softirq state.
    private final ArrayDeque<NapiStruct> pollList = new ArrayDeque<>();
    private boolean netRxRaised;
    /** The NET_RX softirq event, rescheduled on each raise rather than allocated. */
    private final Timer netRxTimer;
    private long softirqRuns;
    private final ArrayDeque<SkBuff> backlog = new ArrayDeque<>();
    private final NapiStruct backlogNapi;

    public Kernel(String hostname, EventLoop loop, ModuleSet moduleSet) {
        this.hostname = hostname;
        this.netRxTimer = loop.newTimer(this::netRxAction, "NET_RX softirq " + hostname);
        this.loop = loop;
        this.moduleSet = moduleSet;
        this.random = loop.random().fork("kernel:" + hostname);
        this.log = new KernelLog(loop::now);
        this.trace = new PacketTrace(20_000);
        this.backlogNapi = new NapiStruct(null, this::processBacklog, NapiStruct.DEFAULT_WEIGHT);
        sysctl.set("net.core.netdev_budget", 300);
        sysctl.set("net.core.netdev_max_backlog", 1000);
        log.info("Linux version 6.1.0-stacklab (" + hostname + ") seed " + loop.seed());
    }

    public String hostname() { return hostname; }
    public EventLoop loop() { return loop; }
    public long now() { return loop.now(); }
    public ModuleSet moduleSet() { return moduleSet; }
    /** This host's random stream (forked from the scenario seed by hostname). */
    public SeededRandom random() { return random; }
    public KernelLog log() { return log; }
    public PacketTrace trace() { return trace; }
    public Netfilter netfilter() { return netfilter; }
    public Sysctl sysctl() { return sysctl; }

    // ------------------------------------------------------------------ timers

    /** A kernel timer on the virtual clock ({@code mod_timer}); exceptions are caught as oopses. */
    public Timer timer(long delayNs, Runnable fn, String label) {
        return loop.schedule(delayNs, () -> guarded(label, fn), label);
    }

    /** Runs {@code fn}, turning an exception into a logged oops instead of killing the scenario. */
    public void guarded(String what, Runnable fn) {
        try {
            fn.run();
        } catch (RuntimeException | StackOverflowError e) {
            oops(what, e);
        }
    }

    /**
     * Records a bug in kernel code (a module threw): logged, kept for the test harness to report.
     * The first {@link #OOPS_KEPT} are kept with their stack traces; later ones are only counted, so
     * a driver that throws on every frame of a flood cannot exhaust memory.
     */
    public void oops(String what, Throwable t) {
        oopsCount++;
        if (oopses.size() < OOPS_KEPT) oopses.add(t);
        log.error("Oops in " + what + ": " + t);
    }

    /** Oopses so far (at most {@link #OOPS_KEPT} of them; {@link #oopsCount()} has the total). */
    public List<Throwable> oopses() { return List.copyOf(oopses); }

    /** Every oops since boot, including those beyond the ones kept. */
    public long oopsCount() { return oopsCount; }

    // ------------------------------------------------------------------ devices

    public void registerNetdev(NetDevice dev) {
        if (devices.containsKey(dev.name())) throw new IllegalArgumentException("device " + dev.name() + " exists");
        dev.setIfindex(nextIfindex++);
        dev.setKernel(this);
        devices.put(dev.name(), dev);
        deviceList = List.copyOf(devices.values());
        log.info(dev.name() + ": registered, ifindex " + dev.ifindex() + ", mtu " + dev.mtu()
                + (dev.type() == NetDevice.ARPHRD_ETHER ? ", " + MacAddr.format(dev.mac()) : ""));
    }

    public void unregisterNetdev(NetDevice dev) {
        if (dev.isUp()) devClose(dev);
        devices.remove(dev.name());
        deviceList = List.copyOf(devices.values());
        log.info(dev.name() + ": unregistered");
    }

    public NetDevice device(String name) { return devices.get(name); }

    public NetDevice deviceByIndex(int ifindex) {
        for (NetDevice d : devices.values()) if (d.ifindex() == ifindex) return d;
        return null;
    }

    /** The registered devices in ifindex order: a read-only live view (the receive path walks it per packet). */
    public Collection<NetDevice> devices() { return devicesView; }

    /**
     * The registered devices in ifindex order as an immutable list, for per-packet walks by index (no
     * iterator). A snapshot: a device registered later appears in the next call's list.
     */
    public List<NetDevice> deviceList() { return deviceList; }

    /** {@code ip link set DEV up}. Returns 0 or -errno from the driver. */
    public int devOpen(NetDevice dev) {
        if (dev.isUp()) return 0;
        int rc = dev.ops().open(dev);
        if (rc == 0) {
            dev.addFlags(NetDevice.IFF_UP);
            log.info(dev.name() + ": up");
        }
        return rc;
    }

    /** {@code ip link set DEV down}. */
    public int devClose(NetDevice dev) {
        if (!dev.isUp()) return 0;
        dev.ops().stop(dev);
        dev.clearFlags(NetDevice.IFF_UP);
        dev.purgeQdisc();
        log.info(dev.name() + ": down");
        return 0;
    }

    // ------------------------------------------------------------------ transmit

    /**
     * Hands a complete frame to its device ({@code dev_queue_xmit}): {@code skb.dev} must be set and
     * {@code skb.data()} must point at the link-layer header.
     */
    public void devQueueXmit(SkBuff skb) {
        NetDevice dev = skb.dev;
        if (!dev.isUp()) {
            dev.stats().txDropped++;
            drop(DROP_DEV_DOWN);
            return;
        }
        trace.record(loop.now(), dev, true, skb.buf(), skb.data(), skb.len());
        dev.queueXmit(skb);
    }

    // ------------------------------------------------------------------ receive

    /** Registers the handler for an ethertype ({@code dev_add_pack}). */
    public void registerPacketType(int ethertype, PacketHandler h) {
        if (packetTypes.putIfAbsent(ethertype, h) != null) {
            String owner = packetTypeOwners.get(ethertype);
            throw new IllegalStateException(String.format("ethertype 0x%04x already has a handler%s", ethertype,
                    owner == null ? "" : " (registered by module " + owner + ")"));
        }
        if (moduleInInit != null) packetTypeOwners.put(ethertype, moduleInInit);
        rebuildPacketTypeArrays();
    }

    public void unregisterPacketType(int ethertype) {
        packetTypes.remove(ethertype);
        packetTypeOwners.remove(ethertype);
        rebuildPacketTypeArrays();
    }

    /** Removes every ethertype handler {@code module} registered (after a failed init or a sloppy exit). */
    private void unregisterPacketTypes(String module) {
        packetTypeOwners.entrySet().removeIf(e -> {
            if (!e.getValue().equals(module)) return false;
            packetTypes.remove(e.getKey());
            return true;
        });
        rebuildPacketTypeArrays();
    }

    private void rebuildPacketTypeArrays() {
        int[] keys = new int[packetTypes.size()];
        PacketHandler[] handlers = new PacketHandler[keys.length];
        int i = 0;
        for (Map.Entry<Integer, PacketHandler> e : packetTypes.entrySet()) {
            keys[i] = e.getKey();
            handlers[i++] = e.getValue();
        }
        packetTypeKeys = keys;
        packetTypeHandlers = handlers;
    }

    private PacketHandler lookupPacketType(int ethertype) {
        int[] keys = packetTypeKeys;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == ethertype) return packetTypeHandlers[i];
        }
        return null;
    }

    public PacketHandler packetType(int ethertype) { return packetTypes.get(ethertype); }

    /**
     * Delivers one received Ethernet frame up the stack ({@code netif_receive_skb}); called by
     * drivers from their NAPI poll. {@code skb.data()} must point at the Ethernet header.
     */
    public void netifReceiveSkb(SkBuff skb) {
        NetDevice dev = skb.dev;
        skb.tstamp = loop.now();
        // Loopback carries a 14-byte Ethernet header too (as Linux's lo does), so one path serves both.
        // tcpdump -i lo shows each packet once, as it was sent: the looped-back copy is not traced again.
        if (dev.type() != NetDevice.ARPHRD_LOOPBACK) trace.record(loop.now(), dev, false, skb.buf(), skb.data(), skb.len());
        if (skb.len() < 14) {
            dev.stats().rxLengthErrors++;
            dev.stats().rxErrors++;
            drop(DROP_SHORT_FRAME);
            return;
        }
        int eth = skb.data();
        skb.setMacHeader(eth);
        long dst = MacAddr.read(skb.buf(), eth);
        skb.protocol = skb.u16(eth + 12);
        if (dst == MacAddr.BROADCAST) skb.pktType = SkBuff.PACKET_BROADCAST;
        else if (MacAddr.isMulticast(dst)) skb.pktType = SkBuff.PACKET_MULTICAST;
        else if (dst == dev.mac() || dev.type() == NetDevice.ARPHRD_LOOPBACK) skb.pktType = SkBuff.PACKET_HOST;
        else skb.pktType = SkBuff.PACKET_OTHERHOST;
        skb.pull(14);
        skb.resetNetworkHeader();
        PacketHandler h = lookupPacketType(skb.protocol);
        if (h == null) {
            drop(DROP_UNKNOWN_ETHERTYPE);
            return;
        }
        try {
            h.receive(skb, dev);
        } catch (RuntimeException | StackOverflowError e) {
            drop(DROP_HANDLER_OOPS);
            oops(String.format("ethertype 0x%04x handler", skb.protocol), e);
        }
    }

    /** Queues a frame for receive processing in softirq context ({@code netif_rx}), as loopback does. */
    public void netifRx(SkBuff skb) {
        if (backlog.size() >= sysctl.get("net.core.netdev_max_backlog", 1000)) {
            skb.dev.stats().rxDropped++;
            drop(DROP_BACKLOG_FULL);
            return;
        }
        backlog.addLast(skb);
        napiSchedule(backlogNapi);
    }

    private int processBacklog(NapiStruct napi, int budget) {
        int work = 0;
        SkBuff skb;
        while (work < budget && (skb = backlog.pollFirst()) != null) {
            netifReceiveSkb(skb);
            work++;
        }
        if (backlog.isEmpty()) napi.complete(work);
        return work;
    }

    // ------------------------------------------------------------------ NAPI and the NET_RX softirq

    /** Puts {@code napi} on the poll list and raises NET_RX ({@code napi_schedule}). */
    public void napiSchedule(NapiStruct napi) {
        if (napi.scheduled) return;
        napi.scheduled = true;
        // A context rescheduled from inside its own poll (complete, then new work) goes back on the
        // list once, when the poll returns, not twice.
        if (napi.polling) return;
        pollList.addLast(napi);
        raiseNetRx();
    }

    private void raiseNetRx() {
        if (netRxRaised) return;
        netRxRaised = true;
        loop.rescheduleAt(netRxTimer, loop.now());
    }

    /**
     * The NET_RX softirq ({@code net_rx_action}): polls each scheduled device with at most its
     * weight, all together at most {@code net.core.netdev_budget} frames; what is left runs in the
     * next round, as ksoftirqd would, so other events (timers, other hosts) interleave fairly.
     */
    private void netRxAction() {
        netRxRaised = false;
        softirqRuns++;
        int budget = (int) sysctl.get("net.core.netdev_budget", 300);
        int n = pollList.size();
        for (int i = 0; i < n && budget > 0; i++) {
            NapiStruct napi = pollList.pollFirst();
            if (napi == null) break;
            int weight = Math.min(napi.weight(), budget);
            int work;
            try {
                work = napi.runPoll(weight);
            } catch (RuntimeException | StackOverflowError e) {
                oops("NAPI poll of " + (napi.dev() == null ? "backlog" : napi.dev().name()), e);
                napi.scheduled = false;
                continue;
            }
            if (work > weight) {
                log.warn((napi.dev() == null ? "backlog" : napi.dev().name()) + ": poll returned " + work
                        + " > budget " + weight + " (a NAPI poll must never exceed its budget)");
            }
            budget -= Math.max(0, work);
            if (napi.scheduled) pollList.addLast(napi);
        }
        // Out of budget with contexts still scheduled: the rest runs in the next round (ksoftirqd).
        if (!pollList.isEmpty()) raiseNetRx();
    }

    public long softirqRuns() { return softirqRuns; }

    // ------------------------------------------------------------------ drops

    /** Counts a dropped packet under a reason (like Linux's skb drop reasons, as dropwatch shows). */
    public void drop(String reason) { drops.merge(reason, 1L, Long::sum); }

    /** Counts {@code n} drops under a reason at once (a NIC's missed-packet counter read in one go). */
    public void drop(String reason, long n) {
        if (n > 0) drops.merge(reason, n, Long::sum);
    }

    public Map<String, Long> drops() { return Map.copyOf(drops); }

    public long drops(String reason) { return drops.getOrDefault(reason, 0L); }

    public long totalDrops() {
        long t = 0;
        for (long v : drops.values()) t += v;
        return t;
    }

    // ------------------------------------------------------------------ symbols and subsystems

    /** Makes {@code impl} available to other modules under its contract type (EXPORT_SYMBOL). */
    public <T> void exportSymbol(Class<T> contract, T impl, String owner) {
        if (symbols.containsKey(contract)) {
            throw new IllegalStateException(contract.getSimpleName() + " is already exported by " + symbolOwners.get(contract));
        }
        symbols.put(contract, impl);
        symbolOwners.put(contract, owner);
    }

    public void unexportSymbols(String owner) {
        symbolOwners.entrySet().removeIf(e -> {
            if (e.getValue().equals(owner)) {
                symbols.remove(e.getKey());
                return true;
            }
            return false;
        });
    }

    /** The implementation of {@code contract}; throws a clear error if no loaded module exports it. */
    public <T> T symbol(Class<T> contract) {
        Object o = symbols.get(contract);
        if (o == null) {
            throw new IllegalStateException("no module exports " + contract.getSimpleName() + " on " + hostname
                    + "; loaded: " + modules.keySet());
        }
        return contract.cast(o);
    }

    /** The implementation of {@code contract}, or null. */
    public <T> T findSymbol(Class<T> contract) { return contract.cast(symbols.get(contract)); }

    /** A per-kernel singleton (the PCI bus, the socket families, the procfs), made on first use. */
    public synchronized <T> T subsystem(Class<T> type, Supplier<T> factory) {
        Object o = subsystems.get(type);
        if (o == null) {
            o = factory.get();
            subsystems.put(type, o);
        }
        return type.cast(o);
    }

    // ------------------------------------------------------------------ modules

    /**
     * Loads the module {@code component} ({@code ip}, {@code tcp}, {@code driver.e1000}) in the
     * implementation this kernel's module set chooses, or {@code impl} if given.
     */
    public KernelModule insmod(String component, String impl) {
        ModuleSet set = impl == null ? moduleSet : moduleSet.with(component, impl);
        KernelModule m = Components.create(component, KernelModule.class, set);
        return insmod(m);
    }

    public KernelModule insmod(String component) { return insmod(component, null); }

    /** Loads a module instance (tests load doubles this way). */
    public KernelModule insmod(KernelModule m) {
        if (modules.containsKey(m.name())) {
            throw new IllegalStateException("insmod: module " + m.name() + " is already loaded (File exists)");
        }
        for (String dep : m.dependsOn()) {
            if (!modules.containsKey(dep)) {
                throw new IllegalStateException("insmod: " + m.name() + " needs module " + dep + " loaded first");
            }
        }
        modules.put(m.name(), m);
        moduleInInit = m.name();
        try {
            m.init(this);
        } catch (RuntimeException | StackOverflowError e) {
            modules.remove(m.name());
            netfilter.unregisterAll(m.name());
            unexportSymbols(m.name());
            unregisterPacketTypes(m.name());
            throw new IllegalStateException("insmod: " + m.name() + " (" + m.impl() + ") failed to initialise: " + e, e);
        } finally {
            moduleInInit = null;
        }
        log.info("module " + m.name() + " (" + m.impl() + ") loaded");
        return m;
    }

    /** Unloads a module; refused while another loaded module depends on it. */
    public void rmmod(String name) {
        KernelModule m = modules.get(name);
        if (m == null) throw new IllegalStateException("rmmod: ERROR: Module " + name + " is not currently loaded");
        List<String> users = usersOf(name);
        if (!users.isEmpty()) {
            throw new IllegalStateException("rmmod: ERROR: Module " + name + " is in use by: " + String.join(" ", users));
        }
        moduleInInit = name;
        try {
            m.exit(this);
        } finally {
            moduleInInit = null;
            netfilter.unregisterAll(name);
            unexportSymbols(name);
            unregisterPacketTypes(name);
            modules.remove(name);
        }
        log.info("module " + name + " unloaded");
    }

    /** Names of loaded modules that depend on {@code name}. */
    public List<String> usersOf(String name) {
        List<String> users = new ArrayList<>();
        for (KernelModule o : modules.values()) if (o.dependsOn().contains(name)) users.add(o.name());
        return users;
    }

    public KernelModule module(String name) { return modules.get(name); }

    /** Loaded modules in load order (lsmod lists them newest first). */
    public List<KernelModule> modules() { return List.copyOf(modules.values()); }

    @Override
    public String toString() { return "Kernel[" + hostname + "]"; }
}
