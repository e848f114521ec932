package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.hw.Machine;
import org.stacklab.hw.link.Port;
import org.stacklab.hw.nic.E1000;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.LoopbackDevice;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.driver.PciBus;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Route;
import org.stacklab.sim.EventLoop;

/**
 * One emulated computer: a {@link Machine} (memory, interrupt controller, NICs) and the
 * {@link Kernel} booted on it from a {@link ModuleSet}.
 *
 * <p>Boot loads, in this order, {@value #COMPONENTS_DOC}, each only if an implementation of the
 * chosen kind is on the class path, so a scenario runs with whatever modules exist. A component
 * the module set names explicitly ({@code --use tcp=student}) must exist: its absence is an error
 * that names it, not a silently missing module. {@code --use tcp=none} leaves a component out.
 */
public final class Host {
    /** Components a host loads at boot, in dependency order. */
    public static final List<String> BOOT_COMPONENTS = List.of("driver.e1000", "ip", "udp", "tcp", "filter");
    static final String COMPONENTS_DOC = "driver.e1000, ip, udp, tcp, filter";

    private final String name;
    private final Machine machine;
    private final Kernel kernel;
    private final int index;
    private final Map<String, E1000> nics = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private final Map<String, MmioRecorder> recorders = new LinkedHashMap<>();
    private boolean recordMmio;

    /** Boots host {@code name} (the {@code index}-th of its scenario, for MAC addresses). */
    public Host(EventLoop loop, String name, int index, ModuleSet modules) {
        this(loop, name, index, modules, Machine.DEFAULT_MEMORY);
    }

    public Host(EventLoop loop, String name, int index, ModuleSet modules, long memoryBytes) {
        this.name = name;
        this.index = index;
        this.machine = new Machine(loop, name, memoryBytes);
        this.kernel = new Kernel(name, loop, modules);
        machine.interrupts().setLog(kernel.log()::error);
        LoopbackDevice.create(kernel);
        for (String component : BOOT_COMPONENTS) {
            String impl = modules.implFor(component);
            if (ModuleSet.NONE.equals(impl)) {
                skipped.add(component);
            } else if (Components.available(component, impl)) {
                kernel.insmod(component);
            } else if (explicitlyChosen(modules, component)) {
                throw new IllegalStateException(name + ": the module set asks for " + component + "=" + impl
                        + " but no such implementation is on the class path"
                        + (ModuleSet.STUDENT.equals(impl) ? " (is the lab that provides it built?)" : ""));
            } else {
                skipped.add(component);
            }
        }
        IpStack ip = kernel.findSymbol(IpStack.class);
        NetDevice lo = kernel.device("lo");
        if (ip != null && lo != null && lo.addresses().isEmpty()) ip.addAddress("lo", Ip4.LOOPBACK, 8);
        if (!skipped.isEmpty()) kernel.log().info("boot: not loaded: " + skipped);
    }

    private static boolean explicitlyChosen(ModuleSet set, String component) {
        for (String c : set.overrides().keySet()) {
            if (c.equals(component) || c.startsWith(component + ".") || component.startsWith(c + ".")) return true;
        }
        return false;
    }

    public String name() { return name; }
    public Machine machine() { return machine; }
    public Kernel kernel() { return kernel; }
    public EventLoop loop() { return kernel.loop(); }

    /** Boot components that had no implementation and were left out. */
    public List<String> notLoaded() { return List.copyOf(skipped); }

    /**
     * Plugs in another e1000 (next PCI slot) and returns its Ethernet port; the driver, if loaded,
     * probes it as {@code ethN} and the interface is brought up ({@code ip link set ethN up}).
     */
    public Port addNic() {
        int n = nics.size();
        String ifname = "eth" + n;
        E1000 nic = machine.addE1000(macFor(index, n));
        nic.setDeviceName("e1000[" + ifname + "]");
        nic.setFaultListener(f -> kernel.log().error(f.getMessage()));
        nics.put(ifname, nic);
        if (recordMmio) {
            MmioRecorder rec = new MmioRecorder(nic, kernel.loop());
            recorders.put(ifname, rec);
            PciBus.of(kernel).attach(rec, ifname);
        } else {
            PciBus.of(kernel).attach(nic, ifname);
        }
        NetDevice dev = kernel.device(ifname);
        if (dev != null) {
            int rc = kernel.devOpen(dev);
            if (rc != 0) kernel.log().error(ifname + ": could not be brought up: error " + rc);
        }
        return nic.port();
    }

    /** Records the register accesses of every NIC added from now on (see {@link #mmio}). */
    public Host recordMmio() {
        recordMmio = true;
        return this;
    }

    /** The register accesses the driver made to {@code ifname}'s NIC; needs {@link #recordMmio()} before the NIC was added. */
    public MmioRecorder mmio(String ifname) {
        MmioRecorder r = recorders.get(ifname);
        if (r == null) throw new IllegalStateException(name + ": " + ifname + " was not added with recordMmio() on");
        return r;
    }

    /** The locally administered MAC of NIC {@code nic} on host {@code host}: 52:54:00:00:HH:NN. */
    public static long macFor(int host, int nic) {
        return 0x5254_0000_0000L | ((long) (host & 0xff) << 8) | ((nic + 1) & 0xff);
    }

    /** The emulated NIC behind {@code ifname}. */
    public E1000 nic(String ifname) {
        E1000 n = nics.get(ifname);
        if (n == null) throw new IllegalArgumentException(name + " has no NIC " + ifname + " (has " + nics.keySet() + ")");
        return n;
    }

    public NetDevice device(String ifname) {
        NetDevice d = kernel.device(ifname);
        if (d == null) throw new IllegalArgumentException(name + " has no device " + ifname + " (is the driver loaded?)");
        return d;
    }

    /** The IP layer; a clear error if no ip module is loaded. */
    public IpStack ip() { return kernel.symbol(IpStack.class); }

    /** {@code ip addr add 10.0.0.1/24 dev eth0}. */
    public Host address(String ifname, String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("address '" + cidr + "' needs a prefix length, e.g. 10.0.0.1/24");
        int rc = ip().addAddress(ifname, Ip4.parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
        if (rc != 0) throw new IllegalStateException(name + ": ip addr add " + cidr + " dev " + ifname + " failed: " + rc);
        return this;
    }

    /** {@code ip route add default via GW} (the device is the one whose subnet holds the gateway). */
    public Host defaultRoute(String gateway) {
        int gw = Ip4.parse(gateway);
        Route connected = ip().routes().lookup(gw);
        if (connected == null) throw new IllegalStateException(name + ": gateway " + gateway + " is not on a connected subnet");
        ip().routes().add(Route.defaultVia(gw, connected.dev()));
        return this;
    }

    /** {@code ip route add DEST/P via GW}. */
    public Host route(String cidr, String gateway) {
        int slash = cidr.indexOf('/');
        int gw = Ip4.parse(gateway);
        Route connected = ip().routes().lookup(gw);
        if (connected == null) throw new IllegalStateException(name + ": gateway " + gateway + " is not on a connected subnet");
        ip().routes().add(Route.via(Ip4.parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)), gw, connected.dev()));
        return this;
    }

    /** {@code ethtool -C IFNAME rx-usecs N}: at least {@code usecs} between the NIC's interrupts; 0 = off. */
    public Host interruptModeration(String ifname, int usecs) {
        NetDevice d = device(ifname);
        d.ops().setInterruptModeration(d, usecs);
        return this;
    }

    /** {@code sysctl -w net.ipv4.ip_forward=1}. */
    public Host forwarding(boolean on) {
        kernel.sysctl().set("net.ipv4.ip_forward", on ? 1 : 0);
        return this;
    }

    /** {@code ping -c 1 DST}: one echo request, the scenario run until the answer (or 1 s). Null if none came. */
    public Ping.Result ping(String dst) { return Ping.once(this, dst); }

    @Override
    public String toString() { return "Host[" + name + "]"; }
}
