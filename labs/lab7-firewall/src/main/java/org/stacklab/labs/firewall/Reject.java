package org.stacklab.labs.firewall;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.filter.RejectWith;

/**
 * The REJECT target drops the packet and tells the sender. With ICMP (the default,
 * {@code icmp-port-unreachable}) ask the IP layer:
 * {@code kernel.symbol(IpStack.class).sendDestUnreachable(skb, code)} with the skb positioned at
 * the IP header. With {@code tcp-reset}, build a 20-byte TCP RST yourself (RFC 9293 §3.10.7.1) and
 * send it with {@code IpStack.output}.
 */
final class Reject {
    private Reject() {}

    static void send(Kernel kernel, PacketHeaders p, RejectWith how) {
        // TODO(6)
        throw new UnsupportedOperationException("TODO: Reject.send (lab 7, step 6)");
    }
}
