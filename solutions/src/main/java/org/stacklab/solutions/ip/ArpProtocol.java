package org.stacklab.solutions.ip;

import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.scaffold.AbstractArpProtocol;
import org.stacklab.kernel.ip.scaffold.ArpPacket;
import org.stacklab.kernel.ip.scaffold.IpMib;

/**
 * ARP (RFC 826): answers requests for this host's addresses, learns bindings from what it hears
 * into the {@link ArpCache}, and sends requests and probes for the cache.
 *
 * <p>Receiving follows RFC 826's packet reception algorithm: the sender's binding is merged into an
 * entry that already exists <em>before</em> asking whether we are the target; a new entry is made
 * only when we are the target of a request (the requester is about to talk to us). A reply only
 * completes or refreshes an entry we have; an unsolicited reply creates nothing.
 *
 * <p>The replies, the requests on the wire and what the cache asks of ARP are given
 * ({@link AbstractArpProtocol}); here is the reference {@code receive} and {@code solicit}.
 *
 * <p><b>Gratuitous ARP</b> (sender address = target address, request or reply form, RFC 5227 §3):
 * it updates an existing entry (a neighbour that moved to a new NIC is followed at once) but never
 * creates one, like Linux with {@code arp_accept=0}, so a host cannot fill our cache by announcing
 * itself. One that claims an address of ours is logged as an address conflict and otherwise ignored.
 */
public final class ArpProtocol extends AbstractArpProtocol<ArpCache> {
    public ArpProtocol(Ipv4Stack stack) {
        super(stack, ArpCache::new);
    }

    // ---------------------------------------------------------------- receive (arp_rcv / arp_process)

    @Override
    public void receive(SkBuff skb, NetDevice dev) {
        ArpPacket p = ArpPacket.parse(skb.buf(), skb.data(), skb.len());
        if (p == null || (dev.flags() & (NetDevice.IFF_NOARP | NetDevice.IFF_LOOPBACK)) != 0) {
            mib.drop(IpMib.ARP_MALFORMED);
            return;
        }
        if (p.sha() == dev.mac()) return; // our own request, looped back to us by the medium
        if (MacAddr.isMulticast(p.sha()) || Ip4.isMulticast(p.tpa()) || Ip4.isLoopback(p.tpa())) {
            mib.drop(IpMib.ARP_MALFORMED);
            return;
        }
        mib.inc(p.op() == ArpPacket.REQUEST ? "ArpInRequests" : "ArpInReplies");
        boolean forUs = !Ip4.isLoopback(p.tpa()) && stack.isLocalAddress(p.tpa());

        if (p.spa() == 0) {
            // An ARP probe (RFC 5227 §2.1.1): someone checks whether an address is free. Answer if it is ours; learn nothing.
            if (p.op() == ArpPacket.REQUEST && forUs) reply(dev, p);
            return;
        }
        if (p.isGratuitous()) {
            if (stack.isLocalAddress(p.spa())) {
                kernel.log().warn("arp: " + Ip4.format(p.spa()) + " is also claimed by " + MacAddr.format(p.sha())
                        + " on " + dev.name() + " (address conflict)");
                return;
            }
            cache.update(dev, p.spa(), p.sha(), false, false);
            return;
        }
        if (p.op() == ArpPacket.REQUEST) {
            // arp_process: a request for us that arp_ignore/arp_filter tell us not to answer teaches us nothing either.
            if (forUs && dontSend(dev, p.spa(), p.tpa())) return;
            cache.update(dev, p.spa(), p.sha(), false, forUs);
            if (forUs) reply(dev, p);
        } else {
            // A reply sent to our MAC proves two-way reachability (NUD REACHABLE); one we merely overheard does not.
            boolean confirmed = forUs && skb.pktType == SkBuff.PACKET_HOST;
            cache.update(dev, p.spa(), p.sha(), confirmed, false);
        }
    }

    @Override
    public void solicit(NetDevice dev, int ip, long knownMac) {
        ArpPacket req = new ArpPacket(ArpPacket.REQUEST, dev.mac(), sourceFor(dev, ip), 0, ip);
        send(dev, req, knownMac != 0 ? knownMac : MacAddr.BROADCAST);
        mib.inc("ArpOutRequests");
    }
}
