package org.stacklab.solutions.filter;

import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.filter.RejectWith;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.tcp.TcpFlags;
import org.stacklab.kernel.tcp.TcpHeader;

/**
 * The REJECT target's answer (Linux's nf_reject_ipv4): an ICMP destination unreachable through the
 * IP layer, or a TCP RST built here, addressed as the rejected segment's peer would have sent it.
 */
final class Reject {
    private Reject() {}

    /** Answers {@code p}; returns false if no answer is due or possible (the packet is dropped anyway). */
    static boolean send(Kernel kernel, Ipv4Packet p, RejectWith how) {
        IpStack ip = kernel.findSymbol(IpStack.class);
        if (ip == null) return false;
        if (how == RejectWith.TCP_RESET) return sendReset(ip, p);
        // ICMP errors are only sent about the first fragment, and never about an ICMP error (RFC 1122 §3.2.2).
        if (p.fragOffset() != 0) return false;
        if (p.protocol == 1 && (p.th < 0 || isIcmpError(p.icmpType()))) return false;
        SkBuff copy = p.skb.copy();
        // sendDestUnreachable wants the skb as on receive: data at the IP header.
        if (copy.data() < p.nh) copy.pull(p.nh - copy.data());
        else if (copy.data() > p.nh) copy.push(copy.data() - p.nh);
        copy.setNetworkHeader(p.nh);
        ip.sendDestUnreachable(copy, how.icmpCode());
        return true;
    }

    private static boolean isIcmpError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /**
     * RFC 9293 §3.10.7.1: a RST for a segment that carried an ACK takes its sequence number from that
     * ACK; otherwise it has sequence 0 and acknowledges everything the segment occupied. Never in
     * answer to a RST.
     */
    static boolean sendReset(IpStack ip, Ipv4Packet p) {
        if (p.protocol != 6 || p.th < 0) return false;
        int flags = p.tcpFlags();
        if ((flags & Ipv4Packet.TCP_RST) != 0) return false;
        // Built with the one TCP codec (a bare 20-byte header, no options, as nf_reject_ipv4 sends).
        TcpHeader h;
        if ((flags & Ipv4Packet.TCP_ACK) != 0) {
            h = TcpHeader.of(p.dport, p.sport, (int) p.tcpAck(), 0, TcpFlags.RST, 0);
        } else {
            // SEG.LEN counts the data after the data offset as received, plus SYN and FIN.
            long segLen = p.totLen - p.ihl - p.tcpDataOffset();
            if ((flags & Ipv4Packet.TCP_SYN) != 0) segLen++;
            if ((flags & Ipv4Packet.TCP_FIN) != 0) segLen++;
            h = TcpHeader.of(p.dport, p.sport, 0, (int) (p.tcpSeq() + segLen), TcpFlags.RST | TcpFlags.ACK, 0);
        }
        SkBuff rst = SkBuff.allocWithHeadroom(20);
        int t = rst.put(h.length());
        rst.resetTransportHeader();
        h.writeTo(rst.buf(), t);
        TcpHeader.setChecksum(rst.buf(), t, Checksum.transport(p.daddr, p.saddr, 6, rst.buf(), t, h.length()));
        ip.output(rst, p.daddr, p.saddr, IpStack.PROTO_TCP, IpStack.DEFAULT_TTL, 0);
        return true;
    }
}
