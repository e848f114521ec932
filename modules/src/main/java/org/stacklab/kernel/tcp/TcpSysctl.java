package org.stacklab.kernel.tcp;

/**
 * The TCP tunables under {@code net.ipv4.} with their defaults (Linux's where Linux has one). Read
 * through {@code kernel.sysctl().get(NAME, DEFAULT)} each time they are needed, so a test or the
 * shell may change them at any moment.
 */
public final class TcpSysctl {
    private TcpSysctl() {}

    /** Maximum segment lifetime; TIME-WAIT lasts 2×MSL (RFC 9293 §3.4.2). Linux hardcodes 60 s TIME-WAIT. */
    public static final String MSL_MS = "net.ipv4.tcp_msl_ms";
    public static final long MSL_MS_DEFAULT = 30_000;
    /** RFC 6298 §2.4 says 1 s; Linux uses 200 ms (TCP_RTO_MIN). */
    public static final String RTO_MIN_MS = "net.ipv4.tcp_rto_min_ms";
    public static final long RTO_MIN_MS_DEFAULT = 200;
    /** RFC 6298 §2.5: a maximum of at least 60 s; Linux's TCP_RTO_MAX is 120 s. */
    public static final String RTO_MAX_MS = "net.ipv4.tcp_rto_max_ms";
    public static final long RTO_MAX_MS_DEFAULT = 120_000;
    /** RFC 6298 §2.1: initial RTO 1 s. */
    public static final String RTO_INITIAL_MS = "net.ipv4.tcp_rto_initial_ms";
    public static final long RTO_INITIAL_MS_DEFAULT = 1_000;
    /** Retransmissions of a SYN before connect() fails with ETIMEDOUT. */
    public static final String SYN_RETRIES = "net.ipv4.tcp_syn_retries";
    public static final long SYN_RETRIES_DEFAULT = 6;
    public static final String SYNACK_RETRIES = "net.ipv4.tcp_synack_retries";
    public static final long SYNACK_RETRIES_DEFAULT = 5;
    /** Retransmissions of data before the connection is dropped with ETIMEDOUT (RFC 1122 R2). */
    public static final String RETRIES2 = "net.ipv4.tcp_retries2";
    public static final long RETRIES2_DEFAULT = 15;
    /** Delayed ACK on (1) or off (0) (RFC 1122 §4.2.3.2). */
    public static final String DELAYED_ACK = "net.ipv4.tcp_delayed_ack";
    public static final long DELAYED_ACK_DEFAULT = 1;
    /** How long an ACK may be delayed; RFC 1122 allows up to 500 ms, Linux's minimum is 40 ms. */
    public static final String DELACK_MS = "net.ipv4.tcp_delack_ms";
    public static final long DELACK_MS_DEFAULT = 40;
    /** Window scaling on/off (RFC 7323). */
    public static final String WINDOW_SCALING = "net.ipv4.tcp_window_scaling";
    public static final long WINDOW_SCALING_DEFAULT = 1;
    /** Timestamps on/off (RFC 7323 §3): RTT measurement from every ACK. */
    public static final String TIMESTAMPS = "net.ipv4.tcp_timestamps";
    public static final long TIMESTAMPS_DEFAULT = 1;
    /** Default receive and send buffer sizes (tcp_rmem[1], tcp_wmem[1]) and the setsockopt ceilings. */
    public static final String RMEM_DEFAULT = "net.ipv4.tcp_rmem_default";
    public static final long RMEM_DEFAULT_DEFAULT = 131_072;
    public static final String WMEM_DEFAULT = "net.ipv4.tcp_wmem_default";
    public static final long WMEM_DEFAULT_DEFAULT = 16_384;
    public static final String RMEM_MAX = "net.core.rmem_max";
    public static final long RMEM_MAX_DEFAULT = 6_291_456;
    public static final String WMEM_MAX = "net.core.wmem_max";
    public static final long WMEM_MAX_DEFAULT = 4_194_304;
    /** Initial congestion window in segments (RFC 6928, Linux TCP_INIT_CWND). */
    public static final String INIT_CWND = "net.ipv4.tcp_init_cwnd";
    public static final long INIT_CWND_DEFAULT = 10;
    /** How long an orphaned connection may stay in FIN-WAIT-2 (Linux tcp_fin_timeout). */
    public static final String FIN_TIMEOUT_MS = "net.ipv4.tcp_fin_timeout_ms";
    public static final long FIN_TIMEOUT_MS_DEFAULT = 60_000;
    /** Challenge ACKs per second (RFC 5961 §7). */
    public static final String CHALLENGE_ACK_LIMIT = "net.ipv4.tcp_challenge_ack_limit";
    public static final long CHALLENGE_ACK_LIMIT_DEFAULT = 1000;
    /** Upper bound on the SYN queue of one listener. */
    public static final String MAX_SYN_BACKLOG = "net.ipv4.tcp_max_syn_backlog";
    public static final long MAX_SYN_BACKLOG_DEFAULT = 128;
    /**
     * What a listener does when the accept queue is full as a handshake completes (Linux's
     * tcp_abort_on_overflow): 0 drops the final ACK and keeps the request, so the client's next ACK
     * (or data) completes it once accept() has made room; 1 answers with a reset.
     */
    public static final String ABORT_ON_OVERFLOW = "net.ipv4.tcp_abort_on_overflow";
    public static final long ABORT_ON_OVERFLOW_DEFAULT = 0;
    /** listen() backlog ceiling. */
    public static final String SOMAXCONN = "net.core.somaxconn";
    public static final long SOMAXCONN_DEFAULT = 4096;
    /** Ephemeral port range (ip_local_port_range). */
    public static final String PORT_LOW = "net.ipv4.ip_local_port_range_low";
    public static final long PORT_LOW_DEFAULT = 32768;
    public static final String PORT_HIGH = "net.ipv4.ip_local_port_range_high";
    public static final long PORT_HIGH_DEFAULT = 60999;
    /** SO_KEEPALIVE (RFC 1122 §4.2.3.6): idle time before the first probe, probe interval, probes before giving up. */
    public static final String KEEPALIVE_TIME_MS = "net.ipv4.tcp_keepalive_time_ms";
    public static final long KEEPALIVE_TIME_MS_DEFAULT = 7_200_000;
    public static final String KEEPALIVE_INTVL_MS = "net.ipv4.tcp_keepalive_intvl_ms";
    public static final long KEEPALIVE_INTVL_MS_DEFAULT = 75_000;
    public static final String KEEPALIVE_PROBES = "net.ipv4.tcp_keepalive_probes";
    public static final long KEEPALIVE_PROBES_DEFAULT = 9;
}
