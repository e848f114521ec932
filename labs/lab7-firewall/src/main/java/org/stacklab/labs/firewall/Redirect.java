package org.stacklab.labs.firewall;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.Netfilter.Verdict;
import org.stacklab.kernel.filter.Chain;

/**
 * The nat table's REDIRECT and the connection tracking it needs. The first packet of a flow runs
 * the nat chain; a REDIRECT rule sends it to this host (the incoming interface's primary address,
 * or 127.0.0.1 on OUTPUT) at port {@code --to-ports}. Remember the flow, so that its later packets
 * are rewritten the same way and its replies get their source address and port rewritten back.
 * After any rewrite, update the IPv4 header checksum and the TCP/UDP checksum (RFC 1624).
 *
 * <p>Only new flows meet the nat chain: not the later packets of a redirected flow, not its replies,
 * and not a packet you already translated (an OUTPUT-redirected packet comes back in over lo).
 * Key your flow table by (protocol, source, source port, destination, destination port) in a
 * {@code LinkedHashMap} (never iterate a HashMap: runs must be deterministic).
 */
final class Redirect {
    private final Kernel kernel;

    Redirect(Kernel kernel) {
        this.kernel = kernel;
    }

    /** PRE_ROUTING and LOCAL_OUT: rewrite the destination of a redirected flow. */
    Verdict destination(Chain natChain, PacketHeaders p, NetDevice in, NetDevice out) {
        // TODO(7)
        throw new UnsupportedOperationException("TODO: Redirect.destination (lab 7, step 7)");
    }

    /** LOCAL_IN and POST_ROUTING: give a reply of a redirected flow its original source back. */
    void replySource(PacketHeaders p) {
        // TODO(7)
        throw new UnsupportedOperationException("TODO: Redirect.replySource (lab 7, step 7)");
    }
}
