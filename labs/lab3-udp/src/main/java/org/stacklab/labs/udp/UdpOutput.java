package org.stacklab.labs.udp;

import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Errno;

/** The UDP send path ({@code udp_send_skb}): one skb per datagram, header and checksum, then IP. */
final class UdpOutput {
    private UdpOutput() {}

    /** Returns {@code len}, or the -errno IP reported (ENETUNREACH, EMSGSIZE, EPERM, ENOBUFS). */
    static int send(Udp udp, int saddr, int sport, int daddr, int dport, int ttl, byte[] buf, int off, int len) {
        // TODO(5): one skb: header + payload, UdpHeader.write, ip.output(..., PROTO_UDP, ttl, 0); len or the -errno
        throw new UnsupportedOperationException("TODO: UdpOutput.send (lab 3, step 5)");
    }
}
