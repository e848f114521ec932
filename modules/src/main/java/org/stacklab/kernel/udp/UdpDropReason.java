package org.stacklab.kernel.udp;

/**
 * The reasons a UDP implementation drops a datagram under, in {@code Kernel.drop(reason)} (Linux's
 * skb drop reason names). Shared so graded tests can check any UDP module for the same names.
 */
public final class UdpDropReason {
    private UdpDropReason() {}

    /** Shorter than the header, or a UDP length that does not fit what IP delivered (InErrors). */
    public static final String PKT_TOO_SMALL = "PKT_TOO_SMALL";
    /** Checksum does not verify (InCsumErrors and InErrors). */
    public static final String UDP_CSUM = "UDP_CSUM";
    /** No socket for the port (NoPorts; ICMP port unreachable unless broadcast: IgnoredMulti). */
    public static final String NO_SOCKET = "NO_SOCKET";
    /** The socket's receive buffer is full (RcvbufErrors and InErrors). */
    public static final String SOCKET_RCVBUFF = "SOCKET_RCVBUFF";
}
