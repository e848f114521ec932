package org.stacklab.solutions.ip;

import org.stacklab.kernel.ip.scaffold.Ipv4Fragmenter;
import org.stacklab.kernel.ip.scaffold.Ethernet;
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
        int total = skb.len() + Ipv4Header.MIN_LENGTH;
        if (total > Ipv4Header.MAX_DATAGRAM) return Errno.EMSGSIZE.neg();
        if (skb.headroom() < Ipv4Header.MIN_LENGTH + Ethernet.HLEN) return Errno.ENOBUFS.neg();
        Route rt = stack.outputRoute(daddr);
        NetDevice dev = rt == null ? null : kernel.device(rt.dev());
        if (dev == null) {
            mib.inc("OutNoRoutes");
            return Errno.ENETUNREACH.neg();
        }
        if (saddr == 0) saddr = stack.sourceFor(rt, daddr);
        // RFC 1122 §3.2.1.3 (g): 127/8 never appears outside the host. Like Linux's __mkroute_output,
        // a loopback source is refused on any route but lo's (a socket bound to 127.0.0.1 cannot reach 10.0.0.2).
        if (Ip4.isLoopback(saddr) && dev.type() != NetDevice.ARPHRD_LOOPBACK) return Errno.EINVAL.neg();

        skb.setTransportHeader(skb.data());
        int off = skb.push(Ipv4Header.MIN_LENGTH);
        skb.setNetworkHeader(off);
        Ipv4Header.of(tos, total, nextId(), 0, ttl <= 0 ? 64 : ttl & 0xff, protocol, saddr, daddr).writeTo(skb.buf(), off);
        skb.dev = dev;
        mib.inc("OutRequests");

        Netfilter.Verdict v = kernel.netfilter().hook(Netfilter.Hook.LOCAL_OUT, skb, null, dev);
        if (v == Netfilter.Verdict.DROP) {
            mib.inc("OutDiscards");
            mib.drop(IpMib.NETFILTER_DROP);
            return Errno.EPERM.neg();
        }
        if (v == Netfilter.Verdict.STOLEN) return 0;
        // A LOCAL_OUT rule (DNAT, REDIRECT) may have rewritten the destination: route again (ip_route_me_harder).
        int newDaddr = skb.u32(off + 16);
        if (newDaddr != daddr) {
            rt = stack.outputRoute(newDaddr);
            dev = rt == null ? null : kernel.device(rt.dev());
            if (dev == null) {
                mib.inc("OutNoRoutes");
                return Errno.ENETUNREACH.neg();
            }
        }
        return finish(skb, rt, dev);
    }

    /**
     * {@code ip_output}: POST_ROUTING, then fragmentation or straight to the neighbour. {@code skb.data()}
     * at a complete IPv4 header. Returns 0 or -errno (-EPERM for a netfilter drop, -EMSGSIZE for DF over MTU).
     */
    public int finish(SkBuff skb, Route rt, NetDevice dev) {
        skb.dev = dev;
        Netfilter.Verdict v = kernel.netfilter().hook(Netfilter.Hook.POST_ROUTING, skb, null, dev);
        if (v == Netfilter.Verdict.DROP) {
            mib.inc("OutDiscards");
            mib.drop(IpMib.NETFILTER_DROP);
            return Errno.EPERM.neg();
        }
        if (v == Netfilter.Verdict.STOLEN) return 0;
        if (!dev.isUp()) {
            mib.inc("OutDiscards");
            mib.drop(IpMib.NO_DEVICE);
            return Errno.ENETDOWN.neg();
        }
        if (skb.len() > dev.mtu()) return fragmenter.fragment(skb, rt, dev);
        neighOutput(skb, rt, dev);
        return 0;
    }

    /**
     * {@code ip_finish_output2}: picks the link-layer destination. Loopback needs none; broadcasts
     * and multicasts map to fixed MACs (RFC 1112 §6.4); a unicast goes to the next hop's MAC from
     * ARP, possibly after waiting for resolution.
     */
    void neighOutput(SkBuff skb, Route rt, NetDevice dev) {
        int daddr = skb.u32(skb.data() + 16);
        if (dev.type() == NetDevice.ARPHRD_LOOPBACK || (dev.flags() & NetDevice.IFF_NOARP) != 0) {
            Ethernet.push(skb, 0, 0, Ethernet.P_IP);
            skb.dev = dev;
            kernel.devQueueXmit(skb);
        } else if (stack.isBroadcast(daddr)) {
            stack.arp().transmit(skb, dev, MacAddr.BROADCAST);
        } else if (Ip4.isMulticast(daddr)) {
            stack.arp().transmit(skb, dev, Ethernet.multicastMac(daddr));
        } else {
            stack.arp().output(skb, rt.nextHop(daddr), dev);
        }
    }

    int nextId() {
        int id = nextId;
        nextId = (nextId + 1) & 0xffff;
        return id;
    }
}
