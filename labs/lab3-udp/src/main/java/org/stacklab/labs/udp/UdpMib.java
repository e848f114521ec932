package org.stacklab.labs.udp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The UDP counters of RFC 4113 (UDP-MIB) as Linux shows them in the {@code Udp:} lines of
 * /proc/net/snmp, in Linux's column order.
 */
public final class UdpMib {
    /** Datagrams handed to a user (Linux counts in recvmsg, not on arrival). */
    public long inDatagrams;
    /** Datagrams for a port nobody listens on (answered with ICMP port unreachable). */
    public long noPorts;
    /** Datagrams that could not be delivered: bad length, bad checksum, full receive buffer. */
    public long inErrors;
    public long outDatagrams;
    /** Dropped because the socket's receive buffer was full. */
    public long rcvbufErrors;
    /** Sends refused for lack of buffer space (-ENOBUFS from below). */
    public long sndbufErrors;
    /** Dropped for a bad checksum (also counted in inErrors). */
    public long inCsumErrors;
    /** Broadcasts no socket wanted (no ICMP error is sent for those, RFC 1122 §3.2.2). */
    public long ignoredMulti;

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("InDatagrams", inDatagrams);
        m.put("NoPorts", noPorts);
        m.put("InErrors", inErrors);
        m.put("OutDatagrams", outDatagrams);
        m.put("RcvbufErrors", rcvbufErrors);
        m.put("SndbufErrors", sndbufErrors);
        m.put("InCsumErrors", inCsumErrors);
        m.put("IgnoredMulti", ignoredMulti);
        return m;
    }
}
