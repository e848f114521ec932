package org.stacklab.kernel.ip.scaffold;

import org.stacklab.kernel.core.InetIfAddr;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.LoopbackDevice;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Route;
import org.stacklab.kernel.socket.InetSockets;

/**
 * The network layer as a kernel module, {@code ip}: ARP (RFC 826), IPv4 (RFC 791/1122)
 * with routing and forwarding (RFC 1812), ICMP (RFC 792), loopback and ping sockets.
 *
 * <p>On init it registers ethertypes 0x0800 (the stack's {@code input()}) and 0x0806 (its {@code arp()}),
 * IP protocol 1 (its {@code icmp()}), the ping socket family (SOCK_DGRAM, IPPROTO_ICMP), exports
 * {@link IpStack} for UDP, TCP and userland, and makes sure {@code lo} exists with 127.0.0.1/8.
 *
 * <p>Decisions a reader should know:
 * <ul>
 *   <li><b>Fragmentation.</b> Incoming fragments are reassembled (the stack's reassembly: 30 s timeout,
 *       bounded memory, overlaps discarded). An outgoing datagram larger than the device MTU is
 *       fragmented unless DF is set; then a local sender gets -EMSGSIZE and a
 *       forwarded datagram is answered with ICMP "fragmentation needed" carrying the next-hop MTU.
 *       The stack never sets DF on its own and keeps no path-MTU cache.</li>
 *   <li><b>Gratuitous ARP</b> updates an entry that exists and never creates one (its {@code arp()}).</li>
 *   <li><b>Weak host model</b> (RFC 1122 §3.3.4.2): a datagram for any of our addresses is accepted on any interface.</li>
 *   <li><b>ICMP errors</b> are rate-limited per destination (burst 6, then 1/s) except over loopback.</li>
 *   <li><b>Forged datagrams</b> (martian sources and destinations, 127/8 off {@code lo}, reverse-path
 *       filtering, source-route options) are dropped before the implementation's input sees them
 *       ({@link MartianFilter}); 127/8 never leaves by a device other than {@code lo}
 *       ({@link AbstractArpProtocol#transmit}). ICMP redirects are never acted on (Linux's
 *       {@code accept_redirects}=0, as on a router, on hosts too).</li>
 * </ul>
 *
 * <p>Sysctls read: {@code net.ipv4.ip_forward} (0), {@code net.ipv4.neigh.default.*} (Linux's
 * names and defaults), {@code net.ipv4.ipfrag_time} (30), {@code net.ipv4.ipfrag_high_thresh},
 * {@code net.ipv4.icmp_ratelimit} (1000 ms), {@code net.ipv4.icmp_echo_ignore_all} (0), and per
 * device ({@link InDevConf}) {@code net.ipv4.conf.{all,default,DEV}.rp_filter} (0),
 * {@code .log_martians} (0), {@code .accept_source_route} (0), {@code .arp_ignore} (0), {@code .arp_announce} (0),
 * {@code .arp_filter} (0).
 *
 * <p>A subclass names its implementation ({@link #impl}) and makes its stack ({@link #newStack});
 * the reference and the lab 2 starter share everything else.
 */
public abstract class AbstractIpModule<S extends AbstractIpv4Stack> implements KernelModule {
    public static final String NAME = "ip";

    private S stack;

    @Override
    public final String name() { return NAME; }

    /** Makes this implementation's stack on {@code kernel} (called once, by {@link #init}). */
    protected abstract S newStack(Kernel kernel);

    /** The stack this module made on its kernel (tests look inside through it). */
    public S stack() { return stack; }

    @Override
    public void init(Kernel kernel) {
        stack = newStack(kernel);
        if (!kernel.sysctl().all().containsKey("net.ipv4.ip_forward")) kernel.sysctl().set("net.ipv4.ip_forward", 0);
        // The defences against forged datagrams (martians, rp_filter, source routes) stand in front of
        // whichever IPv4 input this implementation has: see MartianFilter.
        kernel.registerPacketType(Ethernet.P_IP, new MartianFilter(stack, stack.input()));
        kernel.registerPacketType(Ethernet.P_ARP, stack.arp());
        stack.registerProtocol(IpStack.PROTO_ICMP, stack.icmp());
        kernel.exportSymbol(IpStack.class, stack, NAME);
        InetSockets.of(kernel).register(stack.pingSockets());

        NetDevice lo = kernel.device("lo");
        if (lo == null) lo = LoopbackDevice.create(kernel);
        boolean hasLoopbackAddr = lo.addresses().stream().anyMatch(a -> a.address() == Ip4.LOOPBACK);
        if (!hasLoopbackAddr) stack.addAddress("lo", Ip4.LOOPBACK, 8);
        // Addresses put on devices before the module loaded get their connected routes now.
        for (NetDevice d : kernel.devices()) {
            for (InetIfAddr a : d.addresses()) {
                if (a.prefixLen() < 32) stack.fib().add(Route.connected(a.address(), a.prefixLen(), d.name(), a.address()));
            }
        }
    }

    @Override
    public void exit(Kernel kernel) {
        kernel.unregisterPacketType(Ethernet.P_IP);
        kernel.unregisterPacketType(Ethernet.P_ARP);
        InetSockets.of(kernel).unregister(stack.pingSockets());
        stack.shutdown();
    }
}
