package org.stacklab.kernel.socket;

/**
 * {@code getsockopt(IPPROTO_TCP, TCP_INFO)}: Linux's {@code struct tcp_info} (include/uapi/linux/tcp.h),
 * the fields StackLab's TCP keeps, in Linux's units: times in microseconds, windows in segments.
 * It is what {@code ss -ti} prints and what /proc/net/tcp's rto, cwnd and ssthresh columns show;
 * it reaches the syscall layer through the socket contract ({@link Sock#tcpInfo()}), never through
 * TCP's internals.
 *
 * @param congestion    the congestion control's name ({@code cubic}, {@code reno}), as INET_DIAG_CONG
 * @param timestamps    both SYNs carried the timestamps option (RFC 7323), TCPI_OPT_TIMESTAMPS
 * @param windowScaling window scaling is in use (RFC 7323 §2.2), TCPI_OPT_WSCALE
 * @param rto           tcpi_rto: the retransmission timeout, µs
 * @param backoff       tcpi_backoff: exponential backoff steps of the RTO now in force
 * @param rtt           tcpi_rtt: the smoothed RTT, µs (0 before the first sample)
 * @param rttvar        tcpi_rttvar: the RTT variation, µs
 * @param sndMss        tcpi_snd_mss: the MSS we send
 * @param advMss        tcpi_advmss: the MSS we announced
 * @param sndCwnd       tcpi_snd_cwnd: the congestion window, in segments
 * @param sndSsthresh   tcpi_snd_ssthresh: in segments; {@link #INFINITE_SSTHRESH} before the first loss
 * @param unacked       tcpi_unacked: segments in flight (for a listener: the accept queue length)
 * @param retrans       tcpi_retrans: retransmitted segments not yet acknowledged
 * @param totalRetrans  tcpi_total_retrans: segments retransmitted over the connection's life
 * @param bytesSent     tcpi_bytes_sent: data bytes sent, retransmissions included
 * @param bytesAcked    tcpi_bytes_acked (RFC 4898 tcpEStatsAppHCThruOctetsAcked)
 * @param bytesReceived tcpi_bytes_received (RFC 4898 tcpEStatsAppHCThruOctetsReceived)
 * @param segsOut       tcpi_segs_out (RFC 4898 tcpEStatsPerfSegsOut)
 * @param segsIn        tcpi_segs_in (RFC 4898 tcpEStatsPerfSegsIn)
 * @param notsentBytes  tcpi_notsent_bytes: queued, never sent
 * @param sndWnd        tcpi_snd_wnd: the peer's offered window, bytes
 * @param rcvSpace      tcpi_rcv_space: the receive buffer's data space, bytes
 */
public record TcpInfo(String congestion, boolean timestamps, boolean windowScaling, int sndWscale, int rcvWscale,
                      long rto, int backoff, long rtt, long rttvar, int sndMss, int advMss, int sndCwnd,
                      int sndSsthresh, int unacked, int retrans, long totalRetrans, long bytesSent, long bytesAcked,
                      long bytesReceived, long segsOut, long segsIn, int notsentBytes, int sndWnd, int rcvSpace) {
    /** TCP_INFINITE_SSTHRESH: no loss seen yet, slow start has no ceiling. */
    public static final int INFINITE_SSTHRESH = 0x7fffffff;

    /** tcp_in_initial_slowstart: still in the first slow start (ssthresh never set). */
    public boolean inInitialSlowStart() { return sndSsthresh >= INFINITE_SSTHRESH; }
}
