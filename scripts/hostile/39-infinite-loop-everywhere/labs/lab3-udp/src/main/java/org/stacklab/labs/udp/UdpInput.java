package org.stacklab.labs.udp;

import java.util.List;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpProtocolHandler;
import org.stacklab.kernel.socket.Errno;

/**
 * The UDP receive path ({@code __udp4_lib_rcv}): length and checksum checks, demultiplexing by
 * port to one socket (unicast) or every interested socket (broadcast), and ICMP port unreachable
 * when nobody listens. Also the ICMP error handler ({@code __udp4_lib_err}).
 */
public final class UdpInput implements IpProtocolHandler {
    public static final String DROP_SHORT = "PKT_TOO_SMALL";
    public static final String DROP_CSUM = "UDP_CSUM";
    public static final String DROP_NO_SOCKET = "NO_SOCKET";
    public static final String DROP_RCVBUF = "SOCKET_RCVBUFF";

    /** ICMP destination unreachable, code 3: port unreachable (RFC 792). */
    static final int ICMP_DEST_UNREACH = 3, ICMP_PORT_UNREACH = 3;

    private final Udp udp;

    UdpInput(Udp udp) {
        this.udp = udp;
    }

    @Override
    public void receive(SkBuff skb, int saddr, int daddr) {
        // TODO(3): length checks, trim, checksum, then broadcast or lookup; nobody on the port: ICMP port unreachable (RFC 1122 §4.1.3.1)
        for (;;) { }
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
        // TODO(6): find the socket the quoted ports name; a connected one gets hardError(type, code) as its pending error
        for (;;) { }
    }

    /** Linux's icmp_err_convert, keeping the errors marked fatal; 0 for soft errors. */
    static int hardError(int type, int code) {
        if (type == 12) return Errno.EPROTO.code;
        if (type != ICMP_DEST_UNREACH) return 0;
        return switch (code) {
            case 2 -> Errno.ENOPROTOOPT.code;
            case 3 -> Errno.ECONNREFUSED.code;
            case 6 -> Errno.ENETUNREACH.code;
            case 7 -> Errno.EHOSTDOWN.code;
            case 9, 10 -> Errno.ECONNREFUSED.code;
            case 13 -> Errno.EHOSTUNREACH.code;
            default -> 0;
        };
    }
}
