package org.stacklab.kernel.socket;

import java.util.List;
import java.util.Map;

/**
 * A transport's entry in the AF_INET family ({@code struct inet_protosw}): which (type, protocol)
 * it serves, how to make a socket, and the sockets it has (for ss and /proc/net).
 */
public interface SocketProto {
    int type();

    int protocol();

    /** A new, unbound socket. */
    Sock create();

    /** All sockets that exist now, including ones no process holds (TIME-WAIT, SYN-RECV). */
    List<? extends Sock> sockets();

    /** The protocol's MIB counters by their /proc/net/snmp names (InDatagrams, NoPorts, ...); empty if none. */
    default Map<String, Long> counters() { return Map.of(); }
}
