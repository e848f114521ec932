package org.stacklab.kernel.ip.scaffold;

import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpProtocolHandler;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Route;

/**
 * ICMP (RFC 792), IP protocol 1: answers echo requests, hands echo replies to ping sockets, passes
 * received errors (destination unreachable, time exceeded, parameter problem) to the transport
 * that sent the offending datagram, and sends errors for the IP layer and for UDP.
 *
 * <p>The given part of ICMP: everything but the echo reply, which {@link #echoReply} leaves to the
 * implementation.
 *
 * <p>Errors are never sent (RFC 1122 §3.2.2) about an ICMP error, a non-first fragment, a datagram
 * to a broadcast or multicast address (IP or link layer), or one whose source does not name a single
 * host; and at most one per second per destination after a burst of six ({@link IcmpRateLimiter}),
 * except over loopback. An error quotes as much of the offending datagram as fits in 576 bytes
 * (RFC 1812 §4.3.2.3). Echo requests to a broadcast address are ignored
 * ({@code icmp_echo_ignore_broadcasts=1}, RFC 1122 §3.2.2.6 allows it).
 */
public abstract class AbstractIcmp implements IpProtocolHandler {
    public static final int ECHO_REPLY = 0;
    public static final int DEST_UNREACH = 3;
    public static final int SOURCE_QUENCH = 4;
    public static final int REDIRECT = 5;
    public static final int ECHO = 8;
    public static final int TIME_EXCEEDED = 11;
    public static final int PARAMETER_PROBLEM = 12;
    // Destination unreachable codes.
    public static final int NET_UNREACH = 0;
    public static final int HOST_UNREACH = 1;
    public static final int PROT_UNREACH = 2;
    public static final int PORT_UNREACH = 3;
    public static final int FRAG_NEEDED = 4;
    // Time exceeded codes.
    public static final int EXC_TTL = 0;
    public static final int EXC_FRAGTIME = 1;

    public static final int HEADER = 8;
    private static final int MAX_ERROR_DATAGRAM = 576;

    public static final int MIN_IP_HEADER = 20;

    protected final AbstractIpv4Stack stack;
    protected final Kernel kernel;
    protected final IpMib mib;
    private final Ipv4HeaderView.Parser parser;
    private final IcmpRateLimiter rateLimiter;

    /** @param parser the header codec ({@code Ipv4Header::parse}), to read quoted and offending headers */
    protected AbstractIcmp(AbstractIpv4Stack stack, Ipv4HeaderView.Parser parser) {
        this.stack = stack;
        this.kernel = stack.kernel();
        this.mib = stack.mib();
        this.parser = parser;
        this.rateLimiter = new IcmpRateLimiter(kernel);
    }

    // ---------------------------------------------------------------- receive (icmp_rcv)

    @Override
    public void receive(SkBuff skb, int saddr, int daddr) {
        mib.inc("IcmpInMsgs");
        byte[] b = skb.buf();
        int off = skb.data();
        int len = skb.len();
        if (len < HEADER) {
            mib.inc("IcmpInErrors");
            mib.drop(IpMib.ICMP_TOO_SHORT);
            return;
        }
        if (Checksum.compute(b, off, len) != 0) {
            mib.inc("IcmpInCsumErrors");
            mib.inc("IcmpInErrors");
            mib.drop(IpMib.ICMP_BAD_CHECKSUM);
            return;
        }
        int type = b[off] & 0xff;
        switch (type) {
            case ECHO -> {
                mib.inc("IcmpInEchos");
                if (stack.isBroadcast(daddr) || Ip4.isMulticast(daddr)) return;
                if (kernel.sysctl().isOn("net.ipv4.icmp_echo_ignore_all")) return;
                echoReply(skb, saddr, daddr);
            }
            case ECHO_REPLY -> {
                mib.inc("IcmpInEchoReps");
                stack.pingSockets().deliverReply(skb, saddr, daddr);
            }
            case DEST_UNREACH, TIME_EXCEEDED, PARAMETER_PROBLEM, SOURCE_QUENCH -> {
                mib.inc(type == DEST_UNREACH ? "IcmpInDestUnreachs" : type == TIME_EXCEEDED ? "IcmpInTimeExcds" : "IcmpInErrors");
                errorReceived(skb, saddr);
            }
            default -> { } // timestamps, redirects, router adverts: not acted on
        }
    }

    /**
     * RFC 792 echo: the same identifier, sequence and data back, type 0, from the address it was
     * sent to. {@code request.data()} is at the ICMP header; {@code saddr} sent it to our {@code daddr}.
     */
    protected abstract void echoReply(SkBuff request, int saddr, int daddr);

    /**
     * An error about a datagram we sent: the quoted IP header names the protocol, and its first 8
     * transport bytes (ports, or the echo identifier) let that protocol find the socket.
     */
    private void errorReceived(SkBuff skb, int from) {
        byte[] b = skb.buf();
        int off = skb.data() + HEADER;
        int avail = skb.len() - HEADER;
        if (avail < MIN_IP_HEADER || ((b[off] & 0xff) >>> 4) != 4) {
            mib.drop(IpMib.ICMP_TOO_SHORT);
            return;
        }
        int ihl = (b[off] & 0xf) * 4;
        if (ihl < MIN_IP_HEADER || avail < ihl + 8) {
            mib.drop(IpMib.ICMP_TOO_SHORT);
            return;
        }
        Ipv4HeaderView inner = parser.parse(b, off);
        int type = skb.u8(skb.data());
        int code = skb.u8(skb.data() + 1);
        if (inner.protocol() == IpStack.PROTO_ICMP) {
            stack.pingSockets().deliverError(skb, from, off + ihl);
            return;
        }
        IpProtocolHandler h = stack.protocol(inner.protocol());
        if (h == null) return;
        byte[] th = new byte[Math.min(avail - ihl, 64)];
        System.arraycopy(b, off + ihl, th, 0, th.length);
        h.icmpError(type, code, inner.saddr(), inner.daddr(), th);
    }

    // ---------------------------------------------------------------- send (icmp_send)

    /**
     * Sends an ICMP error about {@code original}, a datagram whose IPv4 header is at
     * {@link SkBuff#networkHeader()} (as on receive). {@code info} is the next-hop MTU for
     * "fragmentation needed" (RFC 1191), else 0. Silently does nothing where RFC 1122 forbids an error.
     */
    public void sendError(SkBuff original, int type, int code, int info) {
        int nh = original.networkHeader();
        if (nh < 0 || original.tail() - nh < MIN_IP_HEADER) return;
        byte[] b = original.buf();
        Ipv4HeaderView h = parser.parse(b, nh);
        if (!mayReplyTo(original, h, nh)) return;
        Route back = stack.outputRoute(h.saddr());
        if (back == null) return;
        boolean overLoopback = "lo".equals(back.dev());
        if (!overLoopback && !rateLimiter.allow(h.saddr())) {
            mib.inc("IcmpOutRateLimited");
            mib.drop(IpMib.ICMP_RATELIMIT);
            return;
        }
        int quoted = Math.min(Math.min(h.totalLength(), original.tail() - nh),
                MAX_ERROR_DATAGRAM - MIN_IP_HEADER - HEADER);
        SkBuff skb = SkBuff.allocWithHeadroom(HEADER + quoted);
        int off = skb.put(HEADER + quoted);
        skb.set8(off, type);
        skb.set8(off + 1, code);
        skb.set32(off + 4, type == DEST_UNREACH && code == FRAG_NEEDED ? info & 0xffff : 0);
        System.arraycopy(b, nh, skb.buf(), off + HEADER, quoted);
        skb.set16(off + 2, Checksum.compute(skb.buf(), off, HEADER + quoted));
        // Answer from the address the datagram was sent to if it is ours, else from the route's source.
        int src = stack.isLocalAddress(h.daddr()) && !stack.isBroadcast(h.daddr()) ? h.daddr() : 0;
        int tos = (h.tos() & 0x1e) | 0xc0; // precedence "internetwork control" (RFC 1812 §4.3.2.5)
        if (stack.output(skb, src, h.saddr(), IpStack.PROTO_ICMP, IpStack.DEFAULT_TTL, tos) == 0) {
            mib.inc("IcmpOutMsgs");
            if (type == DEST_UNREACH) mib.inc("IcmpOutDestUnreachs");
            if (type == TIME_EXCEEDED) mib.inc("IcmpOutTimeExcds");
        }
    }

    private boolean mayReplyTo(SkBuff original, Ipv4HeaderView h, int nh) {
        if (original.pktType == SkBuff.PACKET_BROADCAST || original.pktType == SkBuff.PACKET_MULTICAST) return false;
        if (h.fragOffset() != 0) return false;
        int s = h.saddr();
        if (s == 0 || s == Ip4.BROADCAST || Ip4.isMulticast(s) || stack.isBroadcast(s)) return false;
        if (stack.isBroadcast(h.daddr()) || Ip4.isMulticast(h.daddr())) return false;
        if (h.protocol() == IpStack.PROTO_ICMP) {
            int t = nh + h.headerLength();
            if (t >= original.tail()) return false;
            int type = original.u8(t);
            // Only queries (echo, timestamp, ...) may provoke an error; errors and unknown types never do.
            return type == ECHO || type == ECHO_REPLY || type == 13 || type == 14;
        }
        return true;
    }
}
