package org.stacklab.kernel.ip;

import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.SkBuff;

/**
 * The IPv4 layer as transports and userland see it, exported as a kernel symbol by the ip module.
 * TCP and UDP send with {@link #output} and receive through an {@link IpProtocolHandler}; they never
 * see ARP, routes or devices, which is why a TCP written against this works over eth0, lo or a router.
 */
public interface IpStack {
    int PROTO_ICMP = 1;
    int PROTO_TCP = 6;
    int PROTO_UDP = 17;
    int DEFAULT_TTL = 64;

    void registerProtocol(int protocol, IpProtocolHandler handler);

    void unregisterProtocol(int protocol);

    /**
     * Sends one transport segment: {@code skb.data()} at the transport header (checksum already
     * filled in), with headroom for the IPv4 and link headers. Routes it, builds the IPv4 header,
     * runs LOCAL_OUT and POST_ROUTING, resolves the next hop and queues it on the device.
     * {@code saddr} 0 means "the route's source". Returns 0, or -ENETUNREACH / -EMSGSIZE / -EPERM
     * (netfilter drop) / -ENOBUFS.
     */
    int output(SkBuff skb, int saddr, int daddr, int protocol, int ttl, int tos);

    /** The source address this host would use towards {@code daddr}, or 0 if there is no route. */
    int sourceAddressFor(int daddr);

    /** MTU of the device the route to {@code daddr} uses (65536 on lo), or 0 if there is no route. */
    int mtuFor(int daddr);

    /** True for an address configured on any of this host's devices (or 127/8). */
    boolean isLocalAddress(int addr);

    /** True for 255.255.255.255 or a directed broadcast of one of this host's subnets. */
    boolean isBroadcast(int addr);

    RoutingTable routes();

    /**
     * {@code ip addr add A/P dev DEV}: puts the address on the device and adds the connected route
     * (and the local address), as Linux's fib_add_ifaddr does. 0, -ENODEV or -EEXIST.
     */
    int addAddress(String dev, int address, int prefixLen);

    /** {@code ip addr del}: removes the address and its connected route. 0 or -EADDRNOTAVAIL. */
    int removeAddress(String dev, int address, int prefixLen);

    /** ARP cache entries. */
    List<Neighbour> neighbours();

    /** Sends ICMP destination unreachable about {@code original} (a received datagram; skb positioned as on receive). */
    void sendDestUnreachable(SkBuff original, int code);

    /** Per-reason drop counters and other MIB counters (InReceives, InHdrErrors, ForwDatagrams, ...). */
    Map<String, Long> counters();
}
