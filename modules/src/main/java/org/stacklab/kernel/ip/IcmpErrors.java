package org.stacklab.kernel.ip;

import org.stacklab.kernel.socket.Errno;

/**
 * What an ICMP error means to a socket: Linux's {@code icmp_err_convert} table (net/ipv4/icmp.c)
 * and the hard/soft split of RFC 1122 §4.2.3.9 and RFC 5927 §4. A <em>hard</em> (fatal) error says
 * the peer will never answer (port or protocol unreachable, administratively prohibited); a
 * <em>soft</em> one (net or host unreachable, time exceeded) may be a passing routing problem, so an
 * established connection keeps trying and only reports it if it gives up.
 *
 * <p>Shared by the transports so TCP ({@code tcp_v4_err}) and UDP ({@code udp_err}) agree.
 */
public final class IcmpErrors {
    private IcmpErrors() {}

    public static final int DEST_UNREACH = 3, SOURCE_QUENCH = 4, TIME_EXCEEDED = 11, PARAMETER_PROBLEM = 12;
    /** Destination unreachable codes 0..15 (RFC 792, RFC 1122 §3.2.2.1, RFC 1812 §5.2.7.1). */
    public static final int NET_UNREACH = 0, HOST_UNREACH = 1, PROT_UNREACH = 2, PORT_UNREACH = 3,
            FRAG_NEEDED = 4, PKT_FILTERED = 13;

    /** icmp_err_convert[code]: errno and whether it is fatal, for destination unreachable codes 0..15. */
    private static final Errno[] UNREACH_ERRNO = {
        Errno.ENETUNREACH,  // 0 net unreachable
        Errno.EHOSTUNREACH, // 1 host unreachable
        Errno.ENOPROTOOPT,  // 2 protocol unreachable
        Errno.ECONNREFUSED, // 3 port unreachable
        Errno.EMSGSIZE,     // 4 fragmentation needed and DF set
        Errno.EOPNOTSUPP,   // 5 source route failed
        Errno.ENETUNREACH,  // 6 destination network unknown
        Errno.EHOSTDOWN,    // 7 destination host unknown
        Errno.ENONET,       // 8 source host isolated
        Errno.ENETUNREACH,  // 9 network administratively prohibited
        Errno.EHOSTUNREACH, // 10 host administratively prohibited
        Errno.ENETUNREACH,  // 11 network unreachable for TOS
        Errno.EHOSTUNREACH, // 12 host unreachable for TOS
        Errno.EHOSTUNREACH, // 13 communication administratively prohibited (a firewall)
        Errno.EHOSTUNREACH, // 14 host precedence violation
        Errno.EHOSTUNREACH, // 15 precedence cutoff in effect
    };
    private static final boolean[] UNREACH_FATAL = {
        false, false, true, true, false, false, true, true, true, true, true, false, false, true, true, true,
    };

    /**
     * The errno a socket reports for this ICMP error, or null if the message is not one a transport
     * acts on (source quench is deprecated by RFC 6633; redirects and unknown codes are ignored).
     * Time exceeded is EHOSTUNREACH and parameter problem EPROTO, as in {@code tcp_v4_err}.
     */
    public static Errno errno(int type, int code) {
        return switch (type) {
            case DEST_UNREACH -> code >= 0 && code < UNREACH_ERRNO.length ? UNREACH_ERRNO[code] : null;
            case TIME_EXCEEDED -> Errno.EHOSTUNREACH;
            case PARAMETER_PROBLEM -> Errno.EPROTO;
            default -> null;
        };
    }

    /** True for a hard error (RFC 1122 §4.2.3.9: "port unreachable ... should abort the connection"). */
    public static boolean isFatal(int type, int code) {
        if (type == PARAMETER_PROBLEM) return true;
        return type == DEST_UNREACH && code >= 0 && code < UNREACH_FATAL.length && UNREACH_FATAL[code];
    }
}
