package org.stacklab.kernel.tcp;

import java.util.List;

/**
 * What a TCP module exports for observers ({@code nstat}, {@code ss -i}, tests): the host-wide
 * counters. Exported as a kernel symbol by whichever TCP module is loaded.
 */
public interface TcpStats {
    /** The drop reason ({@code kernel.drops()}) for a segment whose checksum failed. */
    String DROP_BAD_CHECKSUM = "TCP_CSUM";

    /** Host-wide counters: those of every connection, live or gone, plus host-only ones (bad checksums). */
    TcpCounters counters();

    /**
     * The control blocks of the connections that exist now, in creation order ({@code ss -ti}: state,
     * cwnd, ssthresh, srtt, rto and per-connection counters). Read-only for observers.
     */
    List<TcpControlBlock> connections();
}
