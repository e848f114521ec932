package org.stacklab.labs.ip;

import org.stacklab.kernel.ip.scaffold.IpMib;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.Netfilter;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.Route;

/**
 * Forwarding between interfaces ({@code ip_forward}), when {@code net.ipv4.ip_forward} is 1
 * (RFC 1812 §5.2). A datagram to forward must have arrived in a frame for our MAC (a link-layer
 * broadcast or multicast is never forwarded, §5.3.4), must have TTL > 1 (else ICMP time exceeded,
 * §5.3.1), must have a route (else ICMP net unreachable) and must fit the outgoing MTU or be
 * allowed to be fragmented (else ICMP fragmentation needed with the next-hop MTU, RFC 1191).
 * Then the TTL is decremented with an incremental checksum update, FORWARD runs, and the
 * datagram joins the output path at POST_ROUTING.
 *
 * <p>Not done: ICMP redirects (when the datagram leaves by the interface it came in on) and source
 * route options.
 */
public final class Ipv4Forward {
    private final Ipv4Stack stack;
    private final Kernel kernel;
    private final IpMib mib;

    public Ipv4Forward(Ipv4Stack stack) {
        this.stack = stack;
        this.kernel = stack.kernel();
        this.mib = stack.mib();
    }

    public void forward(SkBuff skb, NetDevice in) {
        // TODO(6): TTL, route, MTU/DF, decrement TTL, FORWARD, finish (RFC 1812 §5.2, §5.3.1)
        throw new UnsupportedOperationException("TODO: Ipv4Forward.forward (lab 2, step 6)");
    }
}
