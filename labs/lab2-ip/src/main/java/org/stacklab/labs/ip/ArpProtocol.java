package org.stacklab.labs.ip;

import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.scaffold.AbstractArpProtocol;

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
 * ({@link AbstractArpProtocol}); here is your {@code receive} and {@code solicit}.
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
        // TODO(3): parse, learn the sender (merge flag), reply to a request for one of our addresses (RFC 826)
        throw new UnsupportedOperationException("TODO: ArpProtocol.receive (lab 2, step 3)");
    }

    @Override
    public void solicit(NetDevice dev, int ip, long knownMac) {
        // TODO(3): send a who-has request, broadcast unless knownMac is given
        throw new UnsupportedOperationException("TODO: ArpProtocol.solicit (lab 2, step 3)");
    }
}
