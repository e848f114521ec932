package org.stacklab.solutions.tcp;

import org.stacklab.kernel.ip.IcmpErrors;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.tcp.SeqNum;
import org.stacklab.kernel.tcp.TcpState;

/**
 * {@code tcp_v4_err}: an ICMP error about a segment this host sent (RFC 1122 §4.2.3.9, RFC 5927).
 *
 * <ul>
 *   <li>The quoted sequence number must lie in [SND.UNA, SND.MAX], or the message is ignored:
 *       a blind attacker who cannot see the connection cannot guess it (RFC 5927 §4.1).</li>
 *   <li>SYN-SENT: any error aborts the connect at once with its errno (ECONNREFUSED for port
 *       unreachable, EHOSTUNREACH, ENETUNREACH...), as Linux does; there is no connection to keep.</li>
 *   <li>A passive SYN-RECEIVED connection is dropped on a hard error about its SYN-ACK
 *       ({@code tcp_req_err}).</li>
 *   <li>Otherwise the error is only remembered ({@code sk_err_soft}): RFC 1122 says an established
 *       connection must not be aborted by a soft error, and Linux treats hard ones the same way
 *       (without IP_RECVERR). It is reported by {@code SO_ERROR}, or as the reason instead of
 *       ETIMEDOUT if the retransmission timer gives up ({@code tcp_write_err}).</li>
 * </ul>
 * Source quench (deprecated, RFC 6633), redirects and "fragmentation needed" (path MTU discovery,
 * not modelled here) change nothing.
 */
final class TcpErr {
    private TcpErr() {}

    /**
     * @param local  the source of the offending datagram (this host)
     * @param remote its destination
     * @param th     the first bytes of its TCP header: RFC 792 quotes only 8, fewer than the fixed
     *               header, so ports and sequence number are read here rather than by the codec
     */
    static void handle(TcpStack stack, int type, int code, int local, int remote, byte[] th) {
        if (th == null || th.length < 8) return;
        if (type == IcmpErrors.DEST_UNREACH && code == IcmpErrors.FRAG_NEEDED) return;
        Errno err = IcmpErrors.errno(type, code);
        if (err == null) return;
        int sport = u16(th, 0), dport = u16(th, 2);
        int seq = (u16(th, 4) << 16) | u16(th, 6);
        TcpSocket sk = stack.ehash.lookup(local, sport, remote, dport);
        if (sk == null) return;
        var tcb = sk.tcb;
        if (tcb.state == TcpState.CLOSED || tcb.state == TcpState.TIME_WAIT || tcb.state == TcpState.LISTEN) return;
        if (!(SeqNum.leq(tcb.sndUna, seq) && SeqNum.leq(seq, tcb.sndMax))) {
            tcb.counters.outOfWindowIcmps++;
            return;
        }
        sk.guarded(() -> sk.icmpError(err, IcmpErrors.isFatal(type, code)));
    }

    private static int u16(byte[] b, int at) { return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff); }
}
