package org.stacklab.solutions.ip;

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
        if (skb.pktType != SkBuff.PACKET_HOST) {
            mib.inc("InAddrErrors");
            mib.drop(IpMib.BCAST_NOT_FORWARDED);
            return;
        }
        byte[] b = skb.buf();
        int off = skb.data();
        Ipv4Header h = Ipv4Header.parse(b, off);
        if (h.ttl() <= 1) {
            stack.icmp().sendError(skb, Icmp.TIME_EXCEEDED, Icmp.EXC_TTL, 0);
            mib.inc("InHdrErrors");
            mib.drop(IpMib.TTL_EXPIRED);
            return;
        }
        Route rt = stack.fib().lookup(h.daddr());
        NetDevice out = rt == null ? null : kernel.device(rt.dev());
        if (out == null || !out.isUp()) {
            stack.icmp().sendError(skb, Icmp.DEST_UNREACH, Icmp.NET_UNREACH, 0);
            mib.inc("InNoRoutes");
            mib.drop(IpMib.NO_ROUTE);
            return;
        }
        if (h.totalLength() > out.mtu() && h.dontFragment()) {
            stack.icmp().sendError(skb, Icmp.DEST_UNREACH, Icmp.FRAG_NEEDED, out.mtu());
            mib.inc("FragFails");
            mib.drop(IpMib.FRAG_NEEDED);
            return;
        }
        Ipv4Header.decrementTtl(b, off);
        Netfilter.Verdict v = kernel.netfilter().hook(Netfilter.Hook.FORWARD, skb, in, out);
        if (v == Netfilter.Verdict.DROP) {
            mib.inc("InDiscards");
            mib.drop(IpMib.NETFILTER_DROP);
            return;
        }
        if (v == Netfilter.Verdict.STOLEN) return;
        mib.inc("ForwDatagrams");
        stack.ipOutput().finish(skb, rt, out);
    }
}
