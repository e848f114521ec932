package org.stacklab.kernel.ip.scaffold;

import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.InetIfAddr;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketHandler;
import org.stacklab.kernel.ip.IpProtocolHandler;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Route;
import org.stacklab.kernel.ip.RoutingTable;
import org.stacklab.kernel.socket.Errno;

/**
 * The given half of one host's IPv4 layer as the other modules see it ({@link IpStack}): the MIB,
 * the FIB (component {@code ip.routing}), the table of transport protocols, the routing decisions
 * (which route, which source address, which MTU, is this address ours) and the addresses on the
 * devices. A subclass owns the parts written per implementation (ARP, input, output, forwarding,
 * reassembly, ICMP) and makes them in its constructor, after this one has made the MIB and FIB;
 * it supplies {@link #output}, {@link #sendDestUnreachable} and {@link #neighbours} through them.
 */
public abstract class AbstractIpv4Stack implements IpStack {
    /** The component name of the routing table: {@code --use ip.routing=student}. */
    public static final String ROUTING_COMPONENT = "ip.routing";

    protected final Kernel kernel;
    protected final IpMib mib;
    protected final RoutingTable fib;
    protected final InDevConf devConf;
    private final IpProtocolHandler[] protocols = new IpProtocolHandler[256];

    protected AbstractIpv4Stack(Kernel kernel) {
        this.kernel = kernel;
        this.mib = new IpMib(kernel);
        this.devConf = new InDevConf(kernel.sysctl());
        // The FIB is its own component (ip.routing), so lab 2 can swap a student's table under this stack.
        this.fib = Components.create(ROUTING_COMPONENT, RoutingTable.class, kernel.moduleSet());
    }

    public Kernel kernel() { return kernel; }
    public IpMib mib() { return mib; }
    public RoutingTable fib() { return fib; }
    /** The per-device settings ({@code net.ipv4.conf.*}: rp_filter, log_martians, arp_ignore, ...). */
    public InDevConf devConf() { return devConf; }

    /** The handler of ethertype 0x0800 ({@code ip_rcv}). */
    public abstract PacketHandler input();

    /** The handler of ethertype 0x0806 ({@code arp_rcv}). */
    public abstract PacketHandler arp();

    /** The handler of IP protocol 1, which also sends the layer's ICMP errors. */
    public abstract AbstractIcmp icmp();

    /** The ping socket family (SOCK_DGRAM, IPPROTO_ICMP). */
    public abstract PingSockets pingSockets();

    /** Cancels every timer the layer holds (module exit). */
    public abstract void shutdown();

    // ---------------------------------------------------------------- transports

    @Override
    public void registerProtocol(int protocol, IpProtocolHandler handler) {
        if (protocols[protocol & 0xff] != null) throw new IllegalStateException("IP protocol " + protocol + " already has a handler");
        protocols[protocol & 0xff] = handler;
    }

    @Override
    public void unregisterProtocol(int protocol) { protocols[protocol & 0xff] = null; }

    public IpProtocolHandler protocol(int protocol) { return protocols[protocol & 0xff]; }

    // ---------------------------------------------------------------- routing decisions

    /**
     * The route an outgoing datagram to {@code daddr} takes: to one of our own addresses it goes
     * through {@code lo} (Linux's local table); 255.255.255.255 leaves by the first Ethernet device
     * with an address; everything else by longest-prefix match in the FIB. Null: no route.
     */
    public Route outputRoute(int daddr) {
        if (isLocalAddress(daddr)) return new Route(daddr, 32, 0, "lo", daddr, 0, "kernel", "host");
        if (daddr == Ip4.BROADCAST) {
            for (NetDevice d : kernel.devices()) {
                if (d.type() == NetDevice.ARPHRD_ETHER && d.isUp() && !d.addresses().isEmpty()) {
                    return new Route(daddr, 32, 0, d.name(), d.primaryAddress(), 0, "kernel", "link");
                }
            }
            return null;
        }
        return fib.lookup(daddr);
    }

    /** The source address for a datagram leaving by {@code rt} (RFC 1122 §3.3.4.3: an address of the outgoing interface). */
    public int sourceFor(Route rt, int daddr) {
        if (rt.src() != 0) return rt.src();
        NetDevice dev = kernel.device(rt.dev());
        if (dev == null) return 0;
        int hop = rt.nextHop(daddr);
        for (InetIfAddr a : dev.addresses()) if (a.contains(hop)) return a.address();
        return dev.primaryAddress();
    }

    @Override
    public int sourceAddressFor(int daddr) {
        Route rt = outputRoute(daddr);
        return rt == null ? 0 : sourceFor(rt, daddr);
    }

    @Override
    public int mtuFor(int daddr) {
        Route rt = outputRoute(daddr);
        NetDevice dev = rt == null ? null : kernel.device(rt.dev());
        return dev == null ? 0 : dev.mtu();
    }

    @Override
    public boolean isLocalAddress(int addr) {
        if (Ip4.isLoopback(addr)) return true;
        // Indexed loops over the address lists: this runs for every datagram in and out.
        List<NetDevice> devs = kernel.deviceList();
        for (int k = 0; k < devs.size(); k++) {
            List<InetIfAddr> l = devs.get(k).addresses();
            for (int i = 0; i < l.size(); i++) if (l.get(i).address() == addr) return true;
        }
        return false;
    }

    @Override
    public boolean isBroadcast(int addr) {
        if (addr == Ip4.BROADCAST) return true;
        if (addr == 0) return false;
        List<NetDevice> devs = kernel.deviceList();
        for (int k = 0; k < devs.size(); k++) {
            List<InetIfAddr> l = devs.get(k).addresses();
            for (int i = 0; i < l.size(); i++) if (l.get(i).broadcast() == addr) return true;
        }
        return false;
    }

    @Override
    public RoutingTable routes() { return fib; }

    // ---------------------------------------------------------------- addresses

    @Override
    public int addAddress(String devName, int address, int prefixLen) {
        NetDevice dev = kernel.device(devName);
        if (dev == null) return Errno.ENODEV.neg();
        if (prefixLen < 0 || prefixLen > 32) return Errno.EINVAL.neg();
        for (InetIfAddr a : dev.addresses()) if (a.address() == address) return Errno.EEXIST.neg();
        dev.addAddress(InetIfAddr.of(address, prefixLen, devName));
        if (prefixLen < 32) fib.add(Route.connected(address, prefixLen, devName, address));
        kernel.log().info("ip: " + Ip4.format(address) + "/" + prefixLen + " on " + devName);
        return 0;
    }

    @Override
    public int removeAddress(String devName, int address, int prefixLen) {
        NetDevice dev = kernel.device(devName);
        if (dev == null) return Errno.ENODEV.neg();
        InetIfAddr found = null;
        for (InetIfAddr a : dev.addresses()) if (a.address() == address && a.prefixLen() == prefixLen) found = a;
        if (found == null) return Errno.EADDRNOTAVAIL.neg();
        dev.removeAddress(found);
        if (prefixLen < 32) fib.remove(Route.connected(address, prefixLen, devName, address));
        return 0;
    }

    @Override
    public Map<String, Long> counters() { return mib.snapshot(); }
}
