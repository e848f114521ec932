package org.stacklab.kernel.ip.scaffold;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.sim.Time;
import org.stacklab.sim.Timer;

/**
 * Reassembly of incoming fragments ({@code ip_defrag}; RFC 791 §3.2, RFC 815, RFC 1122 §3.3.2).
 *
 * <p>Fragments are grouped by (source, destination, protocol, identification). Each queue keeps
 * its pieces ordered by offset; the datagram is complete when the last fragment (MF clear) has
 * fixed the total length and the pieces cover it without a gap. Then one datagram is built from
 * the first fragment's header and the pieces, and goes on to LOCAL_IN as if it had arrived whole.
 *
 * <p>Rules, as Linux applies them:
 * <ul>
 *   <li>An exact duplicate of a piece already held is ignored (a retransmitted or duplicated frame).</li>
 *   <li>Any other overlap discards the whole datagram (counted ReasmOverlaps, {@code IP_FRAG_OVERLAP}):
 *       overlapping fragments are a known way to slip data past filters, and no sender needs them.</li>
 *   <li>A fragment that is not the last must carry a multiple of 8 bytes; none may end past 65535
 *       ({@code IP_FRAG_BAD}, the "ping of death").</li>
 *   <li>Memory is bounded ({@code net.ipv4.ipfrag_high_thresh}, 4 MB, and at most 1024 queues): a
 *       fragment that would exceed it is dropped ({@code IP_FRAG_NOMEM}).</li>
 *   <li>A queue not complete after {@code net.ipv4.ipfrag_time} (30 s) is dropped (ReasmTimeout);
 *       if its first fragment had arrived, the sender gets ICMP time exceeded, code 1 (RFC 792).</li>
 * </ul>
 */
public final class Reassembly {
    private static final int MAX_QUEUES = 1024;
    private static final int MAX_DATAGRAM = 65535;
    private static final int ICMP_TIME_EXCEEDED = 11;
    /** Time exceeded code 1: fragment reassembly time exceeded (RFC 792). */
    private static final int ICMP_EXC_FRAGTIME = 1;

    private record Key(int saddr, int daddr, int protocol, int id) {}

    private static final class Queue {
        final Key key;
        final TreeMap<Integer, byte[]> pieces = new TreeMap<>();
        byte[] firstHeader;
        int end = -1;
        int maxEnd;
        int meat;
        int pktType;
        Timer timer;

        Queue(Key key) { this.key = key; }
    }

    private final Kernel kernel;
    private final IpMib mib;
    private final Ipv4HeaderView.Parser parser;
    private final IcmpErrorSender icmp;
    private final Map<Key, Queue> queues = new LinkedHashMap<>();
    private long memory;

    /**
     * @param parser the header codec ({@code Ipv4Header::parse}), to rewrite the completed datagram's header
     * @param icmp   where "time exceeded" for an expired queue goes
     */
    public Reassembly(Kernel kernel, IpMib mib, Ipv4HeaderView.Parser parser, IcmpErrorSender icmp) {
        this.kernel = kernel;
        this.mib = mib;
        this.parser = parser;
        this.icmp = icmp;
    }

    /**
     * Takes one fragment ({@code skb.data()} at its IP header, length trimmed). Returns the whole
     * datagram when this fragment completes it, else null (held, or dropped and counted).
     */
    public SkBuff add(SkBuff skb, Ipv4HeaderView h, NetDevice dev) {
        mib.inc("ReasmReqds");
        int hl = h.headerLength();
        int start = h.fragOffset();
        int len = h.totalLength() - hl;
        int end = start + len;
        if (end + hl > MAX_DATAGRAM || (h.moreFragments() && (len == 0 || len % 8 != 0))) {
            mib.inc("ReasmFails");
            mib.drop(IpMib.FRAG_BAD);
            return null;
        }
        Key key = new Key(h.saddr(), h.daddr(), h.protocol(), h.id());
        Queue q = queues.get(key);
        if (q == null) {
            if (queues.size() >= MAX_QUEUES || memory + len > kernel.sysctl().get("net.ipv4.ipfrag_high_thresh", 4 << 20)) {
                mib.inc("ReasmFails");
                mib.drop(IpMib.FRAG_NOMEM);
                return null;
            }
            Queue nq = new Queue(key);
            q = nq;
            queues.put(key, q);
            q.timer = kernel.timer(kernel.sysctl().get("net.ipv4.ipfrag_time", 30) * Time.SEC, () -> expire(nq), "ipfrag");
        } else if (memory + len > kernel.sysctl().get("net.ipv4.ipfrag_high_thresh", 4 << 20)) {
            kill(q, IpMib.FRAG_NOMEM);
            return null;
        }

        // The last fragment fixes the length; nothing may contradict it (RFC 815 §6 handles only consistent input).
        if (!h.moreFragments()) {
            if ((q.end >= 0 && q.end != end) || end < q.maxEnd) {
                kill(q, IpMib.FRAG_BAD);
                return null;
            }
            q.end = end;
        } else if (q.end >= 0 && end > q.end) {
            kill(q, IpMib.FRAG_BAD);
            return null;
        }

        Map.Entry<Integer, byte[]> before = q.pieces.floorEntry(start);
        Map.Entry<Integer, byte[]> after = q.pieces.higherEntry(start);
        if (before != null && before.getKey() == start && before.getValue().length == len) {
            return null; // an exact duplicate
        }
        if ((before != null && before.getKey() + before.getValue().length > start) || (after != null && after.getKey() < end)) {
            mib.inc("ReasmOverlaps");
            kill(q, IpMib.FRAG_OVERLAP);
            return null;
        }
        byte[] piece = new byte[len];
        System.arraycopy(skb.buf(), skb.data() + hl, piece, 0, len);
        q.pieces.put(start, piece);
        q.meat += len;
        q.maxEnd = Math.max(q.maxEnd, end);
        q.pktType = skb.pktType;
        memory += len;
        if (start == 0) {
            q.firstHeader = new byte[hl];
            System.arraycopy(skb.buf(), skb.data(), q.firstHeader, 0, hl);
        }
        if (q.end < 0 || q.meat != q.end || q.firstHeader == null) return null;
        return complete(q, dev);
    }

    private SkBuff complete(Queue q, NetDevice dev) {
        remove(q);
        int hl = q.firstHeader.length;
        SkBuff skb = SkBuff.allocWithHeadroom(hl + q.end);
        int off = skb.put(hl + q.end);
        byte[] b = skb.buf();
        System.arraycopy(q.firstHeader, 0, b, off, hl);
        for (Map.Entry<Integer, byte[]> p : q.pieces.entrySet()) {
            System.arraycopy(p.getValue(), 0, b, off + hl + p.getKey(), p.getValue().length);
        }
        parser.parse(b, off).withTotalLength(hl + q.end).withFragment(0, 0).writeTo(b, off);
        skb.setNetworkHeader(off);
        skb.dev = dev;
        skb.pktType = q.pktType;
        skb.tstamp = kernel.now();
        mib.inc("ReasmOKs");
        return skb;
    }

    private void expire(Queue q) {
        if (queues.get(q.key) != q) return;
        remove(q);
        mib.inc("ReasmTimeout");
        mib.inc("ReasmFails");
        mib.drop(IpMib.FRAG_TIMEOUT);
        if (q.firstHeader != null) {
            // RFC 792: time exceeded, code 1, quoting the first fragment's header and first 8 data bytes.
            byte[] first = q.pieces.get(0);
            int n = Math.min(8, first.length);
            SkBuff orig = SkBuff.allocWithHeadroom(q.firstHeader.length + n);
            int off = orig.put(q.firstHeader.length + n);
            System.arraycopy(q.firstHeader, 0, orig.buf(), off, q.firstHeader.length);
            System.arraycopy(first, 0, orig.buf(), off + q.firstHeader.length, n);
            orig.setNetworkHeader(off);
            orig.pktType = q.pktType;
            icmp.sendError(orig, ICMP_TIME_EXCEEDED, ICMP_EXC_FRAGTIME, 0);
        }
    }

    private void kill(Queue q, String reason) {
        remove(q);
        mib.inc("ReasmFails");
        mib.drop(reason);
    }

    private void remove(Queue q) {
        queues.remove(q.key);
        if (q.timer != null) q.timer.cancel();
        memory -= q.meat;
    }

    /** Drops every queue without counting (module exit). */
    public void flush() {
        for (Queue q : new ArrayList<>(queues.values())) remove(q);
    }

    /** Datagrams being reassembled now. */
    public int pending() { return queues.size(); }

    /** Bytes held in fragment queues now. */
    public long memory() { return memory; }
}
