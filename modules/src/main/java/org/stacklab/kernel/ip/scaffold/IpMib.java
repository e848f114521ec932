package org.stacklab.kernel.ip.scaffold;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.ip.IpDropReason;

/**
 * The IP and ICMP counters of one host, as {@code /proc/net/snmp} and {@code nstat} show them
 * (RFC 4293's ipSystemStats names: InReceives, InHdrErrors, ForwDatagrams, ...; ICMP ones prefixed
 * {@code Icmp}), plus one counter per drop reason. Every dropped datagram goes through
 * {@link #drop}, which also tells the kernel's drop monitor ({@link Kernel#drop}).
 */
public final class IpMib {
    // Drop reasons (kernel.drop and counters()), as the shared contract names them.
    public static final String OTHERHOST = IpDropReason.OTHERHOST;
    public static final String HDR_TOO_SHORT = IpDropReason.HDR_TOO_SHORT;
    public static final String BAD_VERSION = IpDropReason.BAD_VERSION;
    public static final String BAD_IHL = IpDropReason.BAD_IHL;
    public static final String BAD_CHECKSUM = IpDropReason.BAD_CHECKSUM;
    public static final String TRUNCATED = IpDropReason.TRUNCATED;
    public static final String BAD_TOTAL_LENGTH = IpDropReason.BAD_TOTAL_LENGTH;
    public static final String MARTIAN_SOURCE = IpDropReason.MARTIAN_SOURCE;
    public static final String MARTIAN_DESTINATION = IpDropReason.MARTIAN_DESTINATION;
    public static final String RPFILTER = IpDropReason.RPFILTER;
    public static final String SOURCE_ROUTE = IpDropReason.SOURCE_ROUTE;
    public static final String LOOPBACK_OFF_LO = IpDropReason.LOOPBACK_OFF_LO;
    public static final String NOT_LOCAL = IpDropReason.NOT_LOCAL;
    public static final String NO_ROUTE = IpDropReason.NO_ROUTE;
    public static final String TTL_EXPIRED = IpDropReason.TTL_EXPIRED;
    public static final String BCAST_NOT_FORWARDED = IpDropReason.BCAST_NOT_FORWARDED;
    public static final String FRAG_NEEDED = IpDropReason.FRAG_NEEDED;
    public static final String NO_PROTOCOL = IpDropReason.NO_PROTOCOL;
    public static final String NETFILTER_DROP = IpDropReason.NETFILTER_DROP;
    public static final String FRAG_BAD = IpDropReason.FRAG_BAD;
    public static final String FRAG_OVERLAP = IpDropReason.FRAG_OVERLAP;
    public static final String FRAG_NOMEM = IpDropReason.FRAG_NOMEM;
    public static final String FRAG_TIMEOUT = IpDropReason.FRAG_TIMEOUT;
    public static final String NO_DEVICE = IpDropReason.NO_DEVICE;
    public static final String NEIGH_QUEUEFULL = IpDropReason.NEIGH_QUEUEFULL;
    public static final String NEIGH_FAILED = IpDropReason.NEIGH_FAILED;
    public static final String ARP_MALFORMED = IpDropReason.ARP_MALFORMED;
    public static final String ICMP_TOO_SHORT = IpDropReason.ICMP_TOO_SHORT;
    public static final String ICMP_BAD_CHECKSUM = IpDropReason.ICMP_BAD_CHECKSUM;
    public static final String ICMP_RATELIMIT = IpDropReason.ICMP_RATELIMIT;

    /** A ping socket's receive buffer was full (a socket-level drop, not part of the shared list). */
    public static final String PING_RCVBUF_FULL = "ICMP_RCVBUF_FULL";

    private static final String[] MIB = {
        "InReceives", "InHdrErrors", "InAddrErrors", "InNoRoutes", "InTruncatedPkts", "InCsumErrors",
        "InUnknownProtos", "InDiscards", "InDelivers", "ForwDatagrams", "OutRequests", "OutDiscards",
        "OutNoRoutes", "ReasmTimeout", "ReasmReqds", "ReasmOKs", "ReasmFails", "ReasmOverlaps",
        "FragOKs", "FragFails", "FragCreates",
        "IcmpInMsgs", "IcmpInErrors", "IcmpInCsumErrors", "IcmpInEchos", "IcmpInEchoReps",
        "IcmpInDestUnreachs", "IcmpInTimeExcds", "IcmpOutMsgs", "IcmpOutEchos", "IcmpOutEchoReps",
        "IcmpOutDestUnreachs", "IcmpOutTimeExcds", "IcmpOutRateLimited",
        "ArpInRequests", "ArpInReplies", "ArpOutRequests", "ArpOutReplies",
    };

    private final Kernel kernel;
    /** One mutable cell per counter, so counting a packet boxes nothing. Insertion order is the output order. */
    private final Map<String, long[]> counters = new LinkedHashMap<>();

    public IpMib(Kernel kernel) {
        this.kernel = kernel;
        for (String m : MIB) counters.put(m, new long[1]);
    }

    public void inc(String counter) {
        long[] cell = counters.get(counter);
        if (cell == null) counters.put(counter, cell = new long[1]);
        cell[0]++;
    }

    /** Counts a dropped datagram under {@code reason} here and in the kernel's drop monitor. */
    public void drop(String reason) {
        inc(reason);
        kernel.drop(reason);
    }

    public long get(String counter) {
        long[] cell = counters.get(counter);
        return cell == null ? 0 : cell[0];
    }

    /** A snapshot, MIB counters first in /proc/net/snmp order, then drop reasons as they appeared. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        counters.forEach((name, cell) -> out.put(name, cell[0]));
        return out;
    }
}
