package org.stacklab.solutions.ip;

import org.stacklab.kernel.ip.scaffold.PingSockets;
import org.stacklab.kernel.ip.scaffold.IpMib;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.InetIfAddr;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpProtocolHandler;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.kernel.ip.Route;
import org.stacklab.kernel.ip.RoutingTable;
import org.stacklab.kernel.socket.Errno;

/**
 * One host's IPv4 layer as the other modules see it ({@link IpStack}): it owns the parts (ARP,
 * input, output, forwarding, reassembly, ICMP, the FIB, ping sockets), the table of transport
 * protocols and the addresses; each path lives in its own class and reaches the others through here.
 */
public final class Ipv4Stack implements IpStack {
    /** The component name of the routing table: {@code --use ip.routing=student}. */
    public static final String ROUTING_COMPONENT = "ip.routing";

    private final Kernel kernel;
    private final IpMib mib;
    private final RoutingTable fib;
    private final IpProtocolHandler[] protocols = new IpProtocolHandler[256];
    private final ArpProtocol arp;
    private final Ipv4Output output;
    private final Ipv4Input input;
    private final Ipv4Forward forward;
    private final Reassembly reassembly;
    private final Icmp icmp;
    private final PingSockets pingSockets;

    public Ipv4Stack(Kernel kernel) {
        this.kernel = kernel;
        this.mib = new IpMib(kernel);
        // The FIB is its own component (ip.routing), so lab 2 can swap a student's table under this stack.
        this.fib = Components.create(ROUTING_COMPONENT, RoutingTable.class, kernel.moduleSet());
        this.arp = new ArpProtocol(this);
        this.output = new Ipv4Output(this);
        this.reassembly = new Reassembly(this);
        this.forward = new Ipv4Forward(this);
        this.input = new Ipv4Input(this);
        this.icmp = new Icmp(this);
        this.pingSockets = new PingSockets(kernel, this, mib);
    }

    public Kernel kernel() { return kernel; }
    public IpMib mib() { return mib; }
    public RoutingTable fib() { return fib; }
    public ArpProtocol arp() { return arp; }
    public Ipv4Output ipOutput() { return output; }
    public Ipv4Input input() { return input; }
    public Ipv4Forward forward() { return forward; }
    public Reassembly reassembly() { return reassembly; }
    public Icmp icmp() { return icmp; }
    public PingSockets pingSockets() { return pingSockets; }

    /** Cancels every timer the layer holds (module exit). */
    public void shutdown() {
        arp.cache().flush(null);
        reassembly.flush();
    }

    // ---------------------------------------------------------------- transports

    @Override
    public void registerProtocol(int protocol, IpProtocolHandler handler) {
        if (protocols[protocol & 0xff] != null) throw new IllegalStateException("IP protocol " + protocol + " already has a handler");
        protocols[protocol & 0xff] = handler;
    }

    @Override
    public void unregisterProtocol(int protocol) { protocols[protocol & 0xff] = null; }

    public IpProtocolHandler protocol(int protocol) { return protocols[protocol & 0xff]; }

    @Override
    public int output(SkBuff skb, int saddr, int daddr, int protocol, int ttl, int tos) {
        return output.output(skb, saddr, daddr, protocol, ttl, tos);
    }

    @Override
    public void sendDestUnreachable(SkBuff original, int code) {
        icmp.sendError(original, Icmp.DEST_UNREACH, code, 0);
    }

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
    public List<Neighbour> neighbours() { return arp.cache().neighbours(); }

    @Override
    public Map<String, Long> counters() { return mib.snapshot(); }
}
