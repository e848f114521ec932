package org.stacklab.kernel.ip.scaffold;

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
public final class Ipv4Fragmenter {
    /** More Fragments (RFC 791 §3.1). */
    private static final int MF = 0x2000;
    private static final int MIN_HEADER = 20;

    /** Where each fragment goes next: the output path's neighbour step ({@code ip_finish_output2}). */
    @FunctionalInterface
    public interface NeighOutput {
        void output(SkBuff skb, Route rt, NetDevice dev);
    }

    private final IpMib mib;
    private final Ipv4HeaderView.Parser parser;
    private final NeighOutput next;

    /** @param parser the header codec ({@code Ipv4Header::parse}) */
    public Ipv4Fragmenter(IpMib mib, Ipv4HeaderView.Parser parser, NeighOutput next) {
        this.mib = mib;
        this.parser = parser;
        this.next = next;
    }

    /** Fragments {@code skb} ({@code skb.data()} at its IPv4 header) for {@code dev}'s MTU; 0 or -EMSGSIZE. */
    public int fragment(SkBuff skb, Route rt, NetDevice dev) {
        byte[] b = skb.buf();
        int off = skb.data();
        Ipv4HeaderView h = parser.parse(b, off);
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
            if (pos > 0) keepOnlyCopiedOptions(f.buf(), fo);
            int flags = (h.flags() & ~MF) | (!last || lastHadMf ? MF : 0);
            h.withTotalLength(hl + n).withFragment(flags, h.fragOffset() + pos).writeTo(f.buf(), fo);
            f.setNetworkHeader(fo);
            f.setTransportHeader(fo + hl);
            f.dev = dev;
            f.sk = skb.sk;
            f.mark = skb.mark;
            next.output(f, rt, dev);
            mib.inc("FragCreates");
        }
        mib.inc("FragOKs");
        return 0;
    }

    /**
     * Options a fragment other than the first may carry: only those with the "copied" bit (RFC 791
     * §3.1, option-type bit 0); the others are overwritten with NOPs, as Linux's ip_options_fragment.
     */
    static void keepOnlyCopiedOptions(byte[] b, int off) {
        int end = off + (b[off] & 0xf) * 4;
        int i = off + MIN_HEADER;
        while (i < end) {
            int type = b[i] & 0xff;
            if (type == 0) break; // end of option list
            if (type == 1) { i++; continue; } // NOP
            int len = i + 1 < end ? b[i + 1] & 0xff : 0;
            if (len < 2 || i + len > end) break;
            if ((type & 0x80) == 0) for (int k = 0; k < len; k++) b[i + k] = 1;
            i += len;
        }
    }
}
