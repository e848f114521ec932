package org.stacklab.kernel.ip;

/**
 * The reasons an IPv4/ARP/ICMP implementation drops a packet under, in {@code Kernel.drop(reason)}
 * and {@link IpStack#counters()} (like Linux's skb drop reasons). Shared so that graded tests can
 * check any implementation of the ip module for the same names.
 */
public final class IpDropReason {
    private IpDropReason() {}

    /** Frame addressed to another MAC (promiscuous receive); not counted in InReceives. */
    public static final String OTHERHOST = "IP_OTHERHOST";
    /** Fewer than 20 bytes: no room for an IPv4 header (InHdrErrors). */
    public static final String HDR_TOO_SHORT = "IP_HDR_TOO_SHORT";
    /** Version field is not 4 (InHdrErrors). */
    public static final String BAD_VERSION = "IP_BAD_VERSION";
    /** IHL below 5 or past the end of the frame (InHdrErrors). */
    public static final String BAD_IHL = "IP_BAD_IHL";
    /** Header checksum does not verify (InCsumErrors and InHdrErrors). */
    public static final String BAD_CHECKSUM = "IP_BAD_CHECKSUM";
    /** Total length larger than the frame (InTruncatedPkts). */
    public static final String TRUNCATED = "IP_TRUNCATED";
    /** Total length smaller than the header (InHdrErrors). */
    public static final String BAD_TOTAL_LENGTH = "IP_BAD_TOTAL_LENGTH";
    /**
     * Source is no host's unicast address: broadcast, multicast, class E, 0/8, 127/8 off lo, or one of
     * our own addresses arriving from outside (RFC 1122 §3.2.1.3, RFC 1812 §5.3.7; InAddrErrors).
     */
    public static final String MARTIAN_SOURCE = "IP_MARTIAN_SOURCE";
    /** Destination in 0/8, class E, or 127/8 arriving off lo (RFC 1122 §3.2.1.3, RFC 1812 §5.3.7; InAddrErrors). */
    public static final String MARTIAN_DESTINATION = "IP_MARTIAN_DESTINATION";
    /** Reverse-path filter ({@code rp_filter}, RFC 3704): no route back to the source (by the arrival device, if strict). */
    public static final String RPFILTER = "IP_RPFILTER";
    /** A loose or strict source route option (LSRR/SSRR) with {@code accept_source_route} off. */
    public static final String SOURCE_ROUTE = "IP_SOURCE_ROUTE";
    /** A datagram from or to 127/8 about to leave by a device other than lo (RFC 1122 §3.2.1.3 (g)); OutDiscards. */
    public static final String LOOPBACK_OFF_LO = "IP_LOOPBACK_OFF_LO";
    /** Not for this host and forwarding is off (InAddrErrors). */
    public static final String NOT_LOCAL = "IP_NOT_LOCAL";
    /** No route to forward by (InNoRoutes; ICMP net unreachable sent). */
    public static final String NO_ROUTE = "IP_NO_ROUTE";
    /** TTL would reach 0 when forwarding (InHdrErrors; ICMP time exceeded sent). */
    public static final String TTL_EXPIRED = "IP_TTL_EXPIRED";
    /** Arrived in a link-layer broadcast/multicast frame: never forwarded. */
    public static final String BCAST_NOT_FORWARDED = "IP_BCAST_NOT_FORWARDED";
    /** Larger than the MTU with DF set (FragFails; ICMP fragmentation needed when forwarding). */
    public static final String FRAG_NEEDED = "IP_FRAG_NEEDED";
    /** No transport registered for the protocol (InUnknownProtos; ICMP protocol unreachable sent). */
    public static final String NO_PROTOCOL = "IP_NO_PROTOCOL";
    /** A netfilter hook returned DROP. */
    public static final String NETFILTER_DROP = "IP_NETFILTER_DROP";
    /** Malformed fragment (bad length, past 65535, inconsistent last fragment). */
    public static final String FRAG_BAD = "IP_FRAG_BAD";
    /** Fragments overlapping: the whole datagram is discarded. */
    public static final String FRAG_OVERLAP = "IP_FRAG_OVERLAP";
    /** Reassembly memory limit reached. */
    public static final String FRAG_NOMEM = "IP_FRAG_NOMEM";
    /** Datagram not complete within the reassembly timeout. */
    public static final String FRAG_TIMEOUT = "IP_FRAG_TIMEOUT";
    /** Output device down or gone. */
    public static final String NO_DEVICE = "IP_NO_DEVICE";
    /** A packet waiting for ARP was pushed out of the full resolution queue. */
    public static final String NEIGH_QUEUEFULL = "NEIGH_QUEUEFULL";
    /** ARP resolution failed for a waiting packet. */
    public static final String NEIGH_FAILED = "NEIGH_FAILED";
    /** ARP packet too short, not Ethernet/IPv4, or with impossible addresses. */
    public static final String ARP_MALFORMED = "ARP_MALFORMED";
    /** ICMP message shorter than its header, or an error quoting too little. */
    public static final String ICMP_TOO_SHORT = "ICMP_TOO_SHORT";
    /** ICMP checksum does not verify. */
    public static final String ICMP_BAD_CHECKSUM = "ICMP_BAD_CHECKSUM";
    /** ICMP error not sent: rate limit. */
    public static final String ICMP_RATELIMIT = "ICMP_RATELIMIT";
}
