package org.stacklab.solutions.ip;

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
        if (skb.pktType == SkBuff.PACKET_OTHERHOST) {
            mib.drop(IpMib.OTHERHOST); // a frame for another MAC (promiscuous mode): not ours to look at
            return;
        }
        mib.inc("InReceives");
        byte[] b = skb.buf();
        int off = skb.data();
        int len = skb.len();
        if (len < Ipv4Header.MIN_LENGTH) {
            hdrError(IpMib.HDR_TOO_SHORT);
            return;
        }
        int version = (b[off] & 0xff) >>> 4;
        int hlen = (b[off] & 0xf) * 4;
        if (version != 4) {
            hdrError(IpMib.BAD_VERSION);
            return;
        }
        if (hlen < Ipv4Header.MIN_LENGTH || hlen > len) {
            hdrError(IpMib.BAD_IHL);
            return;
        }
        if (!Ipv4Header.checksumOk(b, off, hlen)) {
            mib.inc("InCsumErrors");
            hdrError(IpMib.BAD_CHECKSUM);
            return;
        }
        Ipv4Header h = Ipv4Header.parse(b, off);
        if (h.totalLength() > len) {
            mib.inc("InTruncatedPkts");
            mib.drop(IpMib.TRUNCATED);
            return;
        }
        if (h.totalLength() < hlen) {
            hdrError(IpMib.BAD_TOTAL_LENGTH);
            return;
        }
        skb.trim(h.totalLength());
        skb.setNetworkHeader(off);

        // RFC 1122 §3.2.1.3: a source that is a broadcast, multicast or (off lo) loopback address is discarded.
        int s = h.saddr();
        if (s == Ip4.BROADCAST || Ip4.isMulticast(s) || (Ip4.isLoopback(s) && dev.type() != NetDevice.ARPHRD_LOOPBACK)) {
            mib.inc("InAddrErrors");
            mib.drop(IpMib.MARTIAN_SOURCE);
            return;
        }

        Netfilter.Verdict v = kernel.netfilter().hook(Netfilter.Hook.PRE_ROUTING, skb, dev, null);
        if (v == Netfilter.Verdict.DROP) {
            mib.inc("InDiscards");
            mib.drop(IpMib.NETFILTER_DROP);
            return;
        }
        if (v == Netfilter.Verdict.STOLEN) return;

        // The routing decision reads the header again: PRE_ROUTING may have rewritten the destination.
        int daddr = skb.u32(skb.data() + 16);
        if (stack.isLocalAddress(daddr) || stack.isBroadcast(daddr)) {
            localDeliver(skb, dev);
        } else if (kernel.sysctl().isOn("net.ipv4.ip_forward") && !Ip4.isMulticast(daddr) && daddr != 0) {
            stack.forward().forward(skb, dev);
        } else {
            mib.inc("InAddrErrors");
            mib.drop(IpMib.NOT_LOCAL);
        }
    }

    private void hdrError(String reason) {
        mib.inc("InHdrErrors");
        mib.drop(reason);
    }

    /** {@code ip_local_deliver}: reassembly, LOCAL_IN, then the transport. */
    public void localDeliver(SkBuff skb, NetDevice dev) {
        Ipv4Header h = Ipv4Header.parse(skb.buf(), skb.data());
        if (h.isFragment()) {
            skb = stack.reassembly().add(skb, h, dev);
            if (skb == null) return; // held until the datagram is complete (or dropped and counted)
            h = Ipv4Header.parse(skb.buf(), skb.data());
        }
        Netfilter.Verdict v = kernel.netfilter().hook(Netfilter.Hook.LOCAL_IN, skb, dev, null);
        if (v == Netfilter.Verdict.DROP) {
            mib.inc("InDiscards");
            mib.drop(IpMib.NETFILTER_DROP);
            return;
        }
        if (v == Netfilter.Verdict.STOLEN) return;
        h = Ipv4Header.parse(skb.buf(), skb.data());

        skb.setNetworkHeader(skb.data());
        skb.pull(h.headerLength());
        skb.setTransportHeader(skb.data());
        IpProtocolHandler handler = stack.protocol(h.protocol());
        if (handler == null) {
            mib.inc("InUnknownProtos");
            stack.icmp().sendError(skb, Icmp.DEST_UNREACH, Icmp.PROT_UNREACH, 0);
            mib.drop(IpMib.NO_PROTOCOL);
            return;
        }
        mib.inc("InDelivers");
        handler.receive(skb, h.saddr(), h.daddr());
    }
}
