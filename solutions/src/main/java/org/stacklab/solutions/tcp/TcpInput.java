package org.stacklab.solutions.tcp;

import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpProtocolHandler;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.tcp.SeqNum;
import org.stacklab.kernel.tcp.TcpHeader;
import org.stacklab.kernel.tcp.TcpSegment;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.kernel.tcp.TcpStats;

/**
 * {@code tcp_v4_rcv}: verifies the checksum, parses the header, finds the connection (four-tuple
 * first, then a listener) and hands the segment to the connection's state machine; a segment for
 * no connection is answered with a reset (RFC 9293 §3.10.7.1).
 */
final class TcpInput implements IpProtocolHandler {
    static final String DROP_CSUM = TcpStats.DROP_BAD_CHECKSUM;
    static final String DROP_HDR = "TCP_HDR";
    static final String DROP_OPTION = "TCP_OPTION";
    static final String DROP_NO_SOCKET = "NO_SOCKET";
    static final String DROP_LISTEN_OVERFLOW = "TCP_LISTEN_OVERFLOW";

    private final TcpStack stack;

    TcpInput(TcpStack stack) { this.stack = stack; }

    @Override
    public void receive(SkBuff skb, int saddr, int daddr) {
        var host = stack.hostCounters;
        byte[] buf = skb.buf();
        int off = skb.data(), len = skb.len();
        // RFC 9293 §3.1: the checksum covers pseudo-header, header and data; a bad one is dropped silently.
        // A device that vouches for it (loopback) spares the pass over the data (tcp_checksum_complete).
        if (skb.ipSummed != SkBuff.CHECKSUM_UNNECESSARY
                && Checksum.transport(saddr, daddr, IpStack.PROTO_TCP, buf, off, len) != 0) {
            host.badChecksum++;
            host.inErrs++;
            stack.kernel.drop(DROP_CSUM);
            return;
        }
        TcpHeader h = TcpHeader.parse(buf, off, len);
        if (h == null) {
            // RFC 9293 §3.1: a data offset below 5 or past the segment, or an option whose length
            // cannot be right, leaves no trustworthy place where the data starts: drop and count.
            host.inErrs++;
            if (TcpHeader.malformed(buf, off, len) == TcpHeader.Malformed.BAD_OPTION) {
                host.badOptions++;
                stack.kernel.drop(DROP_OPTION);
            } else {
                stack.kernel.drop(DROP_HDR);
            }
            return;
        }
        // The data starts at the data offset as received (dataOffset * 4), whatever the options were.
        TcpSegment seg = new TcpSegment(h, saddr, daddr, buf, off + h.length(), len - h.length());
        TcpSocket sk = stack.ehash.lookup(daddr, h.dstPort(), saddr, h.srcPort());
        if (sk != null && sk.tcb.state == TcpState.TIME_WAIT && h.syn() && !h.hasAck() && !h.rst()
                && SeqNum.gt(h.seq(), sk.tcb.rcvNxt) && stack.ports.listener(daddr, h.dstPort()) != null) {
            // A new incarnation of the connection (RFC 9293 §3.6.1, RFC 6191): its SYN lies beyond
            // everything the old one used, so TIME-WAIT ends early and the listener takes the SYN.
            sk.tcb.counters.inSegs++;
            sk.closed();
            sk = null;
        }
        if (sk != null) {
            sk.tcb.counters.inSegs++;
            sk.segmentArrives(seg);
            return;
        }
        TcpSocket listener = stack.ports.listener(daddr, h.dstPort());
        if (listener != null) {
            listener.tcb.counters.inSegs++;
            listener.listenerSegment(seg);
            return;
        }
        host.inSegs++;
        stack.kernel.drop(DROP_NO_SOCKET);
        TcpOutput.resetForUnknown(stack, seg);
    }

    /** An ICMP error about a segment we sent ({@code tcp_v4_err}); see {@link TcpErr}. */
    @Override
    public void icmpError(int type, int code, int saddr, int daddr, byte[] transportHeader) {
        TcpErr.handle(stack, type, code, saddr, daddr, transportHeader);
    }

    /** True for states that may still send data or a FIN. */
    static boolean canOutput(TcpState s) {
        return s == TcpState.ESTABLISHED || s == TcpState.CLOSE_WAIT || s == TcpState.FIN_WAIT_1
                || s == TcpState.CLOSING || s == TcpState.LAST_ACK;
    }
}
