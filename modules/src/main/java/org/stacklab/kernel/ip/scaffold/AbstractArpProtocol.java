package org.stacklab.kernel.ip.scaffold;

import org.stacklab.kernel.core.InetIfAddr;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketHandler;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.Route;

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

    /**
     * Answers {@code request}, a who-has for one of our addresses, with our MAC, unless
     * {@code arp_ignore} or {@code arp_filter} says to stay silent ({@link #dontSend}).
     */
    protected void reply(NetDevice dev, ArpPacket request) {
        if (dontSend(dev, request.spa(), request.tpa())) return;
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

    /**
     * Linux's {@code arp_ignore} ({@code net.ipv4.conf.{all,DEV}.arp_ignore}, the larger wins): whether
     * a request from {@code sip} for our address {@code tip}, heard on {@code dev}, goes unanswered.
     * <ul>
     *   <li>0 (default): answer for any address of this host, whichever device holds it (the weak
     *       host model, RFC 1122 §3.3.4.2);</li>
     *   <li>1: answer only if {@code tip} is configured on {@code dev};</li>
     *   <li>2: as 1, and {@code sip} must lie in a subnet of {@code dev} that holds {@code tip}
     *       (a probe, {@code sip} 0, passes);</li>
     *   <li>8: answer nothing. (3, "not for scope host addresses", has no meaning here: StackLab's
     *       addresses have no scopes; 3..7 answer as 0.)</li>
     * </ul>
     */
    protected boolean arpIgnore(NetDevice dev, int sip, int tip) {
        switch (stack.devConf().arpIgnore(dev)) {
            case 1: return !hasAddress(dev, tip);
            case 2: return !hasAddress(dev, tip) || (sip != 0 && !sameSubnet(dev, sip, tip));
            case 8: return true;
            default: return false;
        }
    }

    /**
     * {@code arp_process}'s {@code dont_send}: a request from {@code sip} for our {@code tip} heard on
     * {@code dev} goes unanswered when {@link #arpIgnore} says so or, for a request that is not an
     * address probe, when {@code arp_filter} is on ({@code net.ipv4.conf.{all,DEV}.arp_filter}, either)
     * and the route back to {@code sip} does not leave by {@code dev} (counted as Linux's
     * {@code ArpFilter}): with two interfaces on one segment, only the one that would carry the
     * answer's traffic answers.
     */
    protected boolean dontSend(NetDevice dev, int sip, int tip) {
        if (arpIgnore(dev, sip, tip)) return true;
        if (sip == 0 || !stack.devConf().arpFilter(dev)) return false;
        Route back = stack.outputRoute(sip);
        if (back != null && back.dev().equals(dev.name())) return false;
        mib.inc("ArpFilter");
        return true;
    }

    private static boolean hasAddress(NetDevice dev, int addr) {
        for (InetIfAddr a : dev.addresses()) if (a.address() == addr) return true;
        return false;
    }

    private static boolean sameSubnet(NetDevice dev, int x, int y) {
        for (InetIfAddr a : dev.addresses()) if (a.contains(x) && a.contains(y)) return true;
        return false;
    }

    /**
     * The sender address for a request for {@code target} on {@code dev} ({@code arp_solicit}), as
     * Linux's {@code arp_announce} ({@code net.ipv4.conf.{all,DEV}.arp_announce}, the larger wins)
     * chooses it from the packet waiting for the answer:
     * <ul>
     *   <li>0 (default): that packet's source, if it is any address of this host;</li>
     *   <li>1: that packet's source only if it is ours and on a subnet of {@code dev} holding
     *       {@code target}, so the target can make sense of it;</li>
     *   <li>2: never that packet's source.</li>
     * </ul>
     * Otherwise (and with no packet waiting, as for a unicast probe) {@code inet_select_addr}: an
     * address of {@code dev} on the target's subnet, else the device's first.
     */
    protected int sourceFor(NetDevice dev, int target) {
        SkBuff waiting = cache.lastQueued(dev, target);
        int saddr = waiting == null || waiting.len() < 20 ? 0 : waiting.u32(waiting.data() + 12);
        switch (stack.devConf().arpAnnounce(dev)) {
            case 0 -> { if (saddr != 0 && !stack.isLocalAddress(saddr)) saddr = 0; }
            case 1 -> { if (saddr != 0 && !(stack.isLocalAddress(saddr) && sameSubnet(dev, saddr, target))) saddr = 0; }
            default -> saddr = 0;
        }
        if (saddr != 0 && !Ip4.isLoopback(saddr)) return saddr;
        for (InetIfAddr a : dev.addresses()) if (a.contains(target)) return a.address();
        return dev.primaryAddress();
    }
}
