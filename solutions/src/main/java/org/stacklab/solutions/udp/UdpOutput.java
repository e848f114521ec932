package org.stacklab.solutions.udp;

import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Errno;

/** The UDP send path ({@code udp_send_skb}): one skb per datagram, header and checksum, then IP. */
final class UdpOutput {
    private UdpOutput() {}

    /** Returns {@code len}, or the -errno IP reported (ENETUNREACH, EMSGSIZE, EPERM, ENOBUFS). */
    static int send(Udp udp, int saddr, int sport, int daddr, int dport, int ttl, byte[] buf, int off, int len) {
        SkBuff skb = SkBuff.allocWithHeadroom(UdpHeader.LEN + len);
        int at = skb.put(UdpHeader.LEN + len);
        System.arraycopy(buf, off, skb.buf(), at + UdpHeader.LEN, len);
        skb.setTransportHeader(at);
        // Linux always computes the checksum on send; zero is legal on IPv4 but would hide corruption.
        UdpHeader.write(skb, at, sport, dport, len, saddr, daddr);
        int rc = udp.ip.output(skb, saddr, daddr, IpStack.PROTO_UDP, ttl, 0);
        if (rc < 0) {
            if (rc == Errno.ENOBUFS.neg()) udp.mib.sndbufErrors++;
            return rc;
        }
        udp.mib.outDatagrams++;
        return len;
    }
}
