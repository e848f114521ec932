package org.stacklab.labs.ip;

import org.stacklab.kernel.ip.scaffold.Ipv4Fragmenter;
import org.stacklab.kernel.ip.scaffold.IpMib;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.Netfilter;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.Route;
import org.stacklab.kernel.socket.Errno;

/**
 * The IPv4 output path ({@code ip_queue_xmit} → {@code ip_output} → {@code ip_finish_output}):
 * route, build the header with its checksum, LOCAL_OUT, POST_ROUTING, fragment if the datagram is
 * larger than the device's MTU, then hand it to the neighbour layer for its Ethernet header.
 * Forwarded datagrams join at {@link #finish}.
 */
public final class Ipv4Output {
    private final Ipv4Stack stack;
    private final Kernel kernel;
    private final IpMib mib;
    private final Ipv4Fragmenter fragmenter;
    /** The IP Identification counter (RFC 6864 only asks it be unique per src/dst/protocol while fragments live). */
    private int nextId;

    public Ipv4Output(Ipv4Stack stack) {
        this.stack = stack;
        this.kernel = stack.kernel();
        this.mib = stack.mib();
        this.fragmenter = new Ipv4Fragmenter(mib, Ipv4Header::parse, this::neighOutput);
        this.nextId = kernel.random().nextInt(0x10000);
    }

    /** {@link org.stacklab.kernel.ip.IpStack#output}: {@code skb.data()} at the transport header. */
    public int output(SkBuff skb, int saddr, int daddr, int protocol, int ttl, int tos) {
        // TODO(5): route, push and fill the IPv4 header, LOCAL_OUT, then finish
        throw new UnsupportedOperationException("TODO: Ipv4Output.output (lab 2, step 5)");
    }

    /**
     * {@code ip_output}: POST_ROUTING, then fragmentation or straight to the neighbour. {@code skb.data()}
     * at a complete IPv4 header. Returns 0 or -errno (-EPERM for a netfilter drop, -EMSGSIZE for DF over MTU).
     */
    public int finish(SkBuff skb, Route rt, NetDevice dev) {
        // TODO(5): POST_ROUTING, fragment if larger than the MTU, then neighOutput
        throw new UnsupportedOperationException("TODO: Ipv4Output.finish (lab 2, step 5)");
    }

    /**
     * {@code ip_finish_output2}: picks the link-layer destination. Loopback needs none; broadcasts
     * and multicasts map to fixed MACs (RFC 1112 §6.4); a unicast goes to the next hop's MAC from
     * ARP, possibly after waiting for resolution.
     */
    void neighOutput(SkBuff skb, Route rt, NetDevice dev) {
        // TODO(5): loopback, broadcast, or ARP for the next hop (rt.nextHop)
        throw new UnsupportedOperationException("TODO: Ipv4Output.neighOutput (lab 2, step 5)");
    }

    int nextId() {
        int id = nextId;
        nextId = (nextId + 1) & 0xffff;
        return id;
    }
}
