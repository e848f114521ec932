package org.stacklab.solutions.ip;

import org.stacklab.kernel.ip.scaffold.IpMib;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.Route;
import org.stacklab.kernel.socket.Errno;

/**
 * Splits a datagram larger than the outgoing MTU into fragments (RFC 791 §3.2, "Fragmentation",
 * and {@code ip_fragment}). Each fragment carries the header (options without the copied bit
 * only in the first), a payload that is a multiple of 8 bytes except in the last, the offset in
 * 8-byte units and MF on all but the last. A datagram with DF set is refused with -EMSGSIZE
 * (the forwarding path has already answered it with ICMP "fragmentation needed").
 */
final class Ipv4Fragmenter {
    private final Ipv4Stack stack;
    private final Ipv4Output output;

    Ipv4Fragmenter(Ipv4Stack stack, Ipv4Output output) {
        this.stack = stack;
        this.output = output;
    }

    int fragment(SkBuff skb, Route rt, NetDevice dev) {
        IpMib mib = stack.mib();
        byte[] b = skb.buf();
        int off = skb.data();
        Ipv4Header h = Ipv4Header.parse(b, off);
        int hl = h.headerLength();
        int chunk = (dev.mtu() - hl) & ~7;
        if (h.dontFragment() || chunk < 8) {
            mib.inc("FragFails");
            mib.drop(IpMib.FRAG_NEEDED);
            return Errno.EMSGSIZE.neg();
        }
        int payload = h.totalLength() - hl;
        // A datagram that is itself a fragment keeps its offset base and its MF on the last piece.
        boolean lastHadMf = h.moreFragments();
        for (int pos = 0; pos < payload; pos += chunk) {
            int n = Math.min(chunk, payload - pos);
            boolean last = pos + n >= payload;
            SkBuff f = SkBuff.allocWithHeadroom(hl + n);
            int fo = f.put(hl + n);
            System.arraycopy(b, off, f.buf(), fo, hl);
            System.arraycopy(b, off + hl + pos, f.buf(), fo + hl, n);
            if (pos > 0) Ipv4Header.keepOnlyCopiedOptions(f.buf(), fo);
            int flags = (h.flags() & ~Ipv4Header.MF) | (!last || lastHadMf ? Ipv4Header.MF : 0);
            h.withTotalLength(hl + n).withFragment(flags, h.fragOffset() + pos).writeTo(f.buf(), fo);
            f.setNetworkHeader(fo);
            f.setTransportHeader(fo + hl);
            f.dev = dev;
            f.sk = skb.sk;
            f.mark = skb.mark;
            output.neighOutput(f, rt, dev);
            mib.inc("FragCreates");
        }
        mib.inc("FragOKs");
        return 0;
    }
}
