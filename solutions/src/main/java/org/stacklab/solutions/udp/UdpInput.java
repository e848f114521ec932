package org.stacklab.solutions.udp;

import java.util.List;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IcmpErrors;
import org.stacklab.kernel.ip.IpProtocolHandler;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.udp.UdpDropReason;
import org.stacklab.kernel.udp.UdpMib;

/**
 * The UDP receive path ({@code __udp4_lib_rcv}): length and checksum checks, demultiplexing by
 * port to one socket (unicast) or every interested socket (broadcast), and ICMP port unreachable
 * when nobody listens. Also the ICMP error handler ({@code __udp4_lib_err}).
 */
public final class UdpInput implements IpProtocolHandler {
    static final String DROP_SHORT = UdpDropReason.PKT_TOO_SMALL;
    static final String DROP_CSUM = UdpDropReason.UDP_CSUM;
    static final String DROP_NO_SOCKET = UdpDropReason.NO_SOCKET;
    static final String DROP_RCVBUF = UdpDropReason.SOCKET_RCVBUFF;

    /** ICMP destination unreachable, code 3: port unreachable (RFC 792). */
    static final int ICMP_DEST_UNREACH = 3, ICMP_PORT_UNREACH = 3;

    private final Udp udp;

    UdpInput(Udp udp) {
        this.udp = udp;
    }

    @Override
    public void receive(SkBuff skb, int saddr, int daddr) {
        UdpMib mib = udp.mib;
        int off = skb.data();
        if (skb.len() < UdpHeader.LEN) {
            mib.inErrors++;
            udp.kernel.drop(DROP_SHORT);
            return;
        }
        int ulen = UdpHeader.length(skb, off);
        // The UDP length must cover the header and fit in what IP delivered; IP may carry padding after it.
        if (ulen < UdpHeader.LEN || ulen > skb.len()) {
            mib.inErrors++;
            udp.kernel.drop(DROP_SHORT);
            return;
        }
        if (ulen < skb.len()) skb.trim(ulen);
        if (!UdpHeader.checksumOk(skb, off, ulen, saddr, daddr)) {
            mib.inCsumErrors++;
            mib.inErrors++;
            udp.kernel.drop(DROP_CSUM);
            return;
        }
        skb.setTransportHeader(off);
        int sport = UdpHeader.sourcePort(skb, off);
        int dport = UdpHeader.destPort(skb, off);

        if (daddr == Ip4.BROADCAST || Ip4.isMulticast(daddr) || udp.ip.isBroadcast(daddr)) {
            deliverBroadcast(skb, saddr, sport, daddr, dport);
            return;
        }
        UdpSocket sk = udp.table.lookup(saddr, sport, daddr, dport);
        if (sk == null) {
            // RFC 1122 §4.1.3.1: a datagram for a port with no listener gets ICMP port unreachable.
            mib.noPorts++;
            udp.kernel.drop(DROP_NO_SOCKET);
            udp.ip.sendDestUnreachable(skb, ICMP_PORT_UNREACH);
            return;
        }
        sk.enqueue(skb, saddr, sport);
    }

    /** Each matching socket gets its own copy; no ICMP error answers a broadcast (RFC 1122 §3.2.2). */
    private void deliverBroadcast(SkBuff skb, int saddr, int sport, int daddr, int dport) {
        List<UdpSocket> to = udp.table.broadcastReceivers(saddr, sport, daddr, dport);
        if (to.isEmpty()) {
            udp.mib.ignoredMulti++;
            udp.kernel.drop(DROP_NO_SOCKET);
            return;
        }
        for (int i = 0; i < to.size(); i++) {
            to.get(i).enqueue(i == to.size() - 1 ? skb : skb.copy(), saddr, sport);
        }
    }

    /**
     * An ICMP error about a datagram we sent from {@code saddr} to {@code daddr}. As Linux does
     * without IP_RECVERR, only a connected socket hears of it, and only of a hard error (port or
     * protocol unreachable...): it becomes the socket's pending error, so the next call returns it
     * (ECONNREFUSED for port unreachable).
     */
    @Override
    public void icmpError(int type, int code, int saddr, int daddr, byte[] transportHeader) {
        if (transportHeader == null || transportHeader.length < 4) return;
        int sport = ((transportHeader[0] & 0xff) << 8) | (transportHeader[1] & 0xff);
        int dport = ((transportHeader[2] & 0xff) << 8) | (transportHeader[3] & 0xff);
        UdpSocket sk = udp.table.lookup(daddr, dport, saddr, sport);
        if (sk == null || !sk.isConnected()) return;
        int err = hardError(type, code);
        if (err != 0) sk.setError(err);
    }

    /** Linux's icmp_err_convert ({@link IcmpErrors}), keeping the errors marked fatal; 0 for soft errors. */
    static int hardError(int type, int code) {
        Errno e = IcmpErrors.errno(type, code);
        return e != null && IcmpErrors.isFatal(type, code) ? e.code : 0;
    }
}
