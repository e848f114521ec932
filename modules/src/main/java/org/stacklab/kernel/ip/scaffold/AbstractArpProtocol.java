package org.stacklab.kernel.ip.scaffold;

import org.stacklab.kernel.core.InetIfAddr;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketHandler;
import org.stacklab.kernel.core.SkBuff;

/**
 * ARP (RFC 826): answers requests for this host's addresses, learns bindings from what it hears
 * into the cache ({@link AbstractArpCache}), and sends requests and probes for the cache.
 *
 * <p>Receiving follows RFC 826's packet reception algorithm: the sender's binding is merged into an
 * entry that already exists <em>before</em> asking whether we are the target; a new entry is made
 * only when we are the target of a request (the requester is about to talk to us). A reply only
 * completes or refreshes an entry we have; an unsolicited reply creates nothing.
 *
 * <p>The given part: replies, requests on the wire, what the cache asks of ARP; a subclass writes
 * {@code receive} (RFC 826's reception algorithm) and {@code solicit}.
 *
 * <p><b>Gratuitous ARP</b> (sender address = target address, request or reply form, RFC 5227 §3):
 * it updates an existing entry (a neighbour that moved to a new NIC is followed at once) but never
 * creates one, like Linux with {@code arp_accept=0}, so a host cannot fill our cache by announcing
 * itself. One that claims an address of ours is logged as an address conflict and otherwise ignored.
 */
public abstract class AbstractArpProtocol<C extends AbstractArpCache> implements PacketHandler, AbstractArpCache.NeighOps {
    /** Makes the implementation's neighbour cache ({@code ArpCache::new}). */
    @FunctionalInterface
    public interface CacheFactory<C extends AbstractArpCache> {
        C create(Kernel kernel, IpMib mib, AbstractArpCache.NeighOps ops);
    }

    protected final AbstractIpv4Stack stack;
    protected final Kernel kernel;
    protected final IpMib mib;
    protected final C cache;

    protected AbstractArpProtocol(AbstractIpv4Stack stack, CacheFactory<C> newCache) {
        this.stack = stack;
        this.kernel = stack.kernel();
        this.mib = stack.mib();
        this.cache = newCache.create(kernel, mib, this);
    }

    public C cache() { return cache; }

    /** Sends an IPv4 packet ({@code skb.data()} at the IP header) to the neighbour {@code nextHop}. */
    public void output(SkBuff skb, int nextHop, NetDevice dev) { cache.output(skb, nextHop, dev); }

    /** Answers {@code request}, a who-has for one of our addresses, with our MAC. */
    protected void reply(NetDevice dev, ArpPacket request) {
        ArpPacket r = new ArpPacket(ArpPacket.REPLY, dev.mac(), request.tpa(), request.sha(), request.spa());
        send(dev, r, request.sha());
        mib.inc("ArpOutReplies");
    }

    // ---------------------------------------------------------------- what the cache asks of us

    /**
     * Puts the Ethernet header on an IPv4 packet and queues it on {@code dev}. The last line of the
     * loopback defence: a datagram from or to 127/8 never leaves by a real device (RFC 1122
     * §3.2.1.3 (g): such addresses "MUST NOT appear outside a host"), whatever the output path above
     * decided; it is dropped and counted (OutDiscards, {@link IpMib#LOOPBACK_OFF_LO}).
     */
    @Override
    public void transmit(SkBuff skb, NetDevice dev, long mac) {
        if (dev.type() != NetDevice.ARPHRD_LOOPBACK && skb.len() >= 20
                && (Ip4.isLoopback(skb.u32(skb.data() + 12)) || Ip4.isLoopback(skb.u32(skb.data() + 16)))) {
            mib.inc("OutDiscards");
            mib.drop(IpMib.LOOPBACK_OFF_LO);
            return;
        }
        Ethernet.push(skb, mac, dev.mac(), Ethernet.P_IP);
        skb.dev = dev;
        kernel.devQueueXmit(skb);
    }

    @Override
    public void unreachable(SkBuff skb) {
        stack.icmp().sendError(skb, AbstractIcmp.DEST_UNREACH, AbstractIcmp.HOST_UNREACH, 0);
    }

    /** Sends {@code p} out of {@code dev} to {@code dstMac} in an Ethernet frame of type 0x0806. */
    protected void send(NetDevice dev, ArpPacket p, long dstMac) {
        SkBuff skb = SkBuff.allocWithHeadroom(ArpPacket.LENGTH);
        int off = skb.put(ArpPacket.LENGTH);
        p.writeTo(skb.buf(), off);
        skb.setNetworkHeader(off);
        Ethernet.push(skb, dstMac, dev.mac(), Ethernet.P_ARP);
        skb.dev = dev;
        kernel.devQueueXmit(skb);
    }

    /** The sender address for a request: one of {@code dev}'s addresses on the target's subnet, else its first. */
    protected static int sourceFor(NetDevice dev, int target) {
        for (InetIfAddr a : dev.addresses()) if (a.contains(target)) return a.address();
        return dev.primaryAddress();
    }
}
