package org.stacklab.solutions.ip;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stacklab.kernel.core.Kernel;

/**
 * The IP and ICMP counters of one host, as {@code /proc/net/snmp} and {@code nstat} show them
 * (RFC 4293's ipSystemStats names: InReceives, InHdrErrors, ForwDatagrams, ...; ICMP ones prefixed
 * {@code Icmp}), plus one counter per drop reason. Every dropped datagram goes through
 * {@link #drop}, which also tells the kernel's drop monitor ({@link Kernel#drop}).
 */
public final class IpMib {
    // Drop reasons (kernel.drop and counters()): one per rule a datagram can break.
    public static final String OTHERHOST = "IP_OTHERHOST";
    public static final String HDR_TOO_SHORT = "IP_HDR_TOO_SHORT";
    public static final String BAD_VERSION = "IP_BAD_VERSION";
    public static final String BAD_IHL = "IP_BAD_IHL";
    public static final String BAD_CHECKSUM = "IP_BAD_CHECKSUM";
    public static final String TRUNCATED = "IP_TRUNCATED";
    public static final String BAD_TOTAL_LENGTH = "IP_BAD_TOTAL_LENGTH";
    public static final String MARTIAN_SOURCE = "IP_MARTIAN_SOURCE";
    public static final String NOT_LOCAL = "IP_NOT_LOCAL";
    public static final String NO_ROUTE = "IP_NO_ROUTE";
    public static final String TTL_EXPIRED = "IP_TTL_EXPIRED";
    public static final String BCAST_NOT_FORWARDED = "IP_BCAST_NOT_FORWARDED";
    public static final String FRAG_NEEDED = "IP_FRAG_NEEDED";
    public static final String NO_PROTOCOL = "IP_NO_PROTOCOL";
    public static final String NETFILTER_DROP = "IP_NETFILTER_DROP";
    public static final String FRAG_BAD = "IP_FRAG_BAD";
    public static final String FRAG_OVERLAP = "IP_FRAG_OVERLAP";
    public static final String FRAG_NOMEM = "IP_FRAG_NOMEM";
    public static final String FRAG_TIMEOUT = "IP_FRAG_TIMEOUT";
    public static final String NO_DEVICE = "IP_NO_DEVICE";
    public static final String NEIGH_QUEUEFULL = "NEIGH_QUEUEFULL";
    public static final String NEIGH_FAILED = "NEIGH_FAILED";
    public static final String ARP_MALFORMED = "ARP_MALFORMED";
    public static final String ICMP_TOO_SHORT = "ICMP_TOO_SHORT";
    public static final String ICMP_BAD_CHECKSUM = "ICMP_BAD_CHECKSUM";
    public static final String ICMP_RATELIMIT = "ICMP_RATELIMIT";

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
    private final Map<String, Long> counters = new LinkedHashMap<>();

    public IpMib(Kernel kernel) {
        this.kernel = kernel;
        for (String m : MIB) counters.put(m, 0L);
    }

    public void inc(String counter) { counters.merge(counter, 1L, Long::sum); }

    /** Counts a dropped datagram under {@code reason} here and in the kernel's drop monitor. */
    public void drop(String reason) {
        inc(reason);
        kernel.drop(reason);
    }

    public long get(String counter) { return counters.getOrDefault(counter, 0L); }

    /** A snapshot, MIB counters first in /proc/net/snmp order, then drop reasons as they appeared. */
    public Map<String, Long> snapshot() { return new LinkedHashMap<>(counters); }
}
