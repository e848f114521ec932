package org.stacklab.solutions.tcp;

import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.tcp.TcpFlags;
import org.stacklab.kernel.tcp.TcpHeader;
import org.stacklab.kernel.tcp.TcpSegment;

/**
 * {@code tcp_transmit_skb}: builds one segment in a fresh sk_buff (header, then data copied straight
 * from the send ring), fills in the checksum over the pseudo-header and hands it to IP.
 */
final class TcpOutput {
    private TcpOutput() {}

    /**
     * Sends a segment of {@code len} bytes taken from {@code ring} at {@code ringOff} (or none when
     * {@code ring} is null). Returns IP's result (0 or -errno).
     */
    static int transmit(TcpStack stack, int saddr, int daddr, TcpHeader h, ByteRing ring, int ringOff, int len) {
        int hlen = h.length();
        SkBuff skb = SkBuff.allocWithHeadroom(hlen + len);
        int at = skb.put(hlen + len);
        byte[] b = skb.buf();
        h.writeTo(b, at);
        if (len > 0) ring.peek(ringOff, b, at + hlen, len);
        TcpHeader.setChecksum(b, at, Checksum.transport(saddr, daddr, IpStack.PROTO_TCP, b, at, hlen + len));
        skb.resetTransportHeader();
        return stack.ip.output(skb, saddr, daddr, IpStack.PROTO_TCP, IpStack.DEFAULT_TTL, 0);
    }

    /**
     * The reply to a segment for no connection (RFC 9293 §3.10.7.1, "If the state is CLOSED"): an
     * incoming RST is dropped; if the segment has ACK, {@code <SEQ=SEG.ACK><CTL=RST>}; otherwise
     * {@code <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>}.
     */
    static void resetForUnknown(TcpStack stack, TcpSegment seg) {
        if (seg.rst()) return;
        if (stack.ip.isBroadcast(seg.daddr)) return; // RFC 1122 §4.2.3.10: never answer a broadcast
        TcpHeader h = seg.hasAck()
                ? TcpHeader.of(seg.header.dstPort(), seg.header.srcPort(), seg.ack(), 0, TcpFlags.RST, 0)
                : TcpHeader.of(seg.header.dstPort(), seg.header.srcPort(), 0, seg.seq() + seg.segLen(),
                        TcpFlags.RST | TcpFlags.ACK, 0);
        stack.hostCounters.outRsts++;
        stack.hostCounters.outSegs++;
        transmit(stack, seg.daddr, seg.saddr, h, null, 0, 0);
    }
}
