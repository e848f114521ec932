package org.stacklab.labs.ip;

import org.stacklab.kernel.ip.scaffold.IpMib;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.Netfilter;
import org.stacklab.kernel.core.PacketHandler;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpProtocolHandler;

/**
 * The IPv4 receive path ({@code ip_rcv} → {@code ip_rcv_finish} → {@code ip_local_deliver}),
 * registered for ethertype 0x0800.
 *
 * <ol>
 *   <li>Validate (RFC 1122 §3.2.1.1-3.2.1.3, RFC 791 §3.1): at least 20 bytes, version 4, IHL ≥ 5 and
 *       within the frame, header checksum, total length within the frame and ≥ the header. Each
 *       failure is dropped and counted under its own reason (see {@link IpMib}).</li>
 *   <li>Trim the Ethernet padding: the datagram is total-length bytes, whatever the frame holds.</li>
 *   <li>PRE_ROUTING, <em>before</em> the routing decision, so a DNAT/REDIRECT rule there decides where the datagram goes.</li>
 *   <li>Route: to us (our address, a broadcast) → local delivery; otherwise forward if
 *       {@code net.ipv4.ip_forward} is 1, else drop (RFC 1122 §3.3.4.2: a host does not forward).</li>
 *   <li>Local delivery: reassemble fragments, LOCAL_IN, then the transport registered for the protocol
 *       with data at its header; none registered → ICMP protocol unreachable (RFC 1122 §3.2.2.1).</li>
 * </ol>
 * The TTL is not checked on input: a datagram for us is accepted whatever its TTL; the forwarding
 * path refuses TTL ≤ 1.
 */
public final class Ipv4Input implements PacketHandler {
    private final Ipv4Stack stack;
    private final Kernel kernel;
    private final IpMib mib;

    public Ipv4Input(Ipv4Stack stack) {
        this.stack = stack;
        this.kernel = stack.kernel();
        this.mib = stack.mib();
    }

    @Override
    public void receive(SkBuff skb, NetDevice dev) {
        // TODO(4): validate, trim, PRE_ROUTING, then local delivery or forwarding (RFC 1122 §3.2.1)
        throw new UnsupportedOperationException("TODO: Ipv4Input.receive (lab 2, step 4)");
    }

    private void hdrError(String reason) {
        mib.inc("InHdrErrors");
        mib.drop(reason);
    }

    /** {@code ip_local_deliver}: reassembly, LOCAL_IN, then the transport. */
    public void localDeliver(SkBuff skb, NetDevice dev) {
        // TODO(4): reassemble, LOCAL_IN, pull the IP header, hand to the protocol handler
        throw new UnsupportedOperationException("TODO: Ipv4Input.localDeliver (lab 2, step 4)");
    }
}
