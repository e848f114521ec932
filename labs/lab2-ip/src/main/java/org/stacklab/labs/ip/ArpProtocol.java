package org.stacklab.labs.ip;

import org.stacklab.kernel.ip.scaffold.Ethernet;
import org.stacklab.kernel.ip.scaffold.ArpPacket;
import org.stacklab.kernel.ip.scaffold.IpMib;
import org.stacklab.kernel.core.InetIfAddr;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketHandler;
import org.stacklab.kernel.core.SkBuff;

/**
 * ARP (RFC 826): answers requests for this host's addresses, learns bindings from what it hears
 * into the {@link ArpCache}, and sends requests and probes for the cache.
 *
 * <p>Receiving follows RFC 826's packet reception algorithm: the sender's binding is merged into an
 * entry that already exists <em>before</em> asking whether we are the target; a new entry is made
 * only when we are the target of a request (the requester is about to talk to us). A reply only
 * completes or refreshes an entry we have; an unsolicited reply creates nothing.
 *
 * <p><b>Gratuitous ARP</b> (sender address = target address, request or reply form, RFC 5227 §3):
 * it updates an existing entry (a neighbour that moved to a new NIC is followed at once) but never
 * creates one, like Linux with {@code arp_accept=0}, so a host cannot fill our cache by announcing
 * itself. One that claims an address of ours is logged as an address conflict and otherwise ignored.
 */
public final class ArpProtocol implements PacketHandler, ArpCache.NeighOps {
    private final Ipv4Stack stack;
    private final Kernel kernel;
    private final IpMib mib;
    private final ArpCache cache;

    public ArpProtocol(Ipv4Stack stack) {
        this.stack = stack;
        this.kernel = stack.kernel();
        this.mib = stack.mib();
        this.cache = new ArpCache(kernel, mib, this);
    }

    public ArpCache cache() { return cache; }

    /** Sends an IPv4 packet ({@code skb.data()} at the IP header) to the neighbour {@code nextHop}. */
    public void output(SkBuff skb, int nextHop, NetDevice dev) { cache.output(skb, nextHop, dev); }

    // ---------------------------------------------------------------- receive (arp_rcv / arp_process)

    @Override
    public void receive(SkBuff skb, NetDevice dev) {
        // TODO(3): parse, learn the sender (merge flag), reply to a request for one of our addresses (RFC 826)
        throw new UnsupportedOperationException("TODO: ArpProtocol.receive (lab 2, step 3)");
    }

    private void reply(NetDevice dev, ArpPacket request) {
        ArpPacket r = new ArpPacket(ArpPacket.REPLY, dev.mac(), request.tpa(), request.sha(), request.spa());
        send(dev, r, request.sha());
        mib.inc("ArpOutReplies");
    }

    // ---------------------------------------------------------------- what the cache asks of us

    @Override
    public void solicit(NetDevice dev, int ip, long knownMac) {
        // TODO(3): send a who-has request, broadcast unless knownMac is given
        throw new UnsupportedOperationException("TODO: ArpProtocol.solicit (lab 2, step 3)");
    }

    @Override
    public void transmit(SkBuff skb, NetDevice dev, long mac) {
        Ethernet.push(skb, mac, dev.mac(), Ethernet.P_IP);
        skb.dev = dev;
        kernel.devQueueXmit(skb);
    }

    @Override
    public void unreachable(SkBuff skb) {
        stack.icmp().sendError(skb, Icmp.DEST_UNREACH, Icmp.HOST_UNREACH, 0);
    }

    private void send(NetDevice dev, ArpPacket p, long dstMac) {
        SkBuff skb = SkBuff.allocWithHeadroom(ArpPacket.LENGTH);
        int off = skb.put(ArpPacket.LENGTH);
        p.writeTo(skb.buf(), off);
        skb.setNetworkHeader(off);
        Ethernet.push(skb, dstMac, dev.mac(), Ethernet.P_ARP);
        skb.dev = dev;
        kernel.devQueueXmit(skb);
    }

    /** The sender address for a request: one of {@code dev}'s addresses on the target's subnet, else its first. */
    private static int sourceFor(NetDevice dev, int target) {
        for (InetIfAddr a : dev.addresses()) if (a.contains(target)) return a.address();
        return dev.primaryAddress();
    }
}
