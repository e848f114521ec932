package org.stacklab.labs.firewall;

import org.stacklab.kernel.core.SkBuff;

/**
 * The header fields the firewall matches on, read straight from the packet's bytes.
 *
 * <p>The IPv4 header (RFC 791 §3.1) starts at {@code skb.networkHeader()} on every hook (do not use
 * {@code skb.data()}: on the output hooks the IP layer may already have pushed a link header in
 * front). Read big-endian fields with {@code skb.u8/u16/u32(offset)}; offsets are absolute.
 */
public final class PacketHeaders {
    public SkBuff skb;
    /** Offset of the IPv4 header in skb.buf(). */
    public int nh;
    /** IPv4 header length in bytes (IHL * 4). */
    public int ihl;
    /** IPv4 total length: what the counters count. */
    public int totalLength;
    public int ttl;
    public int protocol;
    public int saddr;
    public int daddr;
    /** Offset of the TCP/UDP/ICMP header, or -1 if the packet has none (a later fragment, or too short). */
    public int th = -1;
    /** TCP/UDP ports (0 for other protocols). */
    public int sport;
    public int dport;

    /**
     * Reads the headers of {@code skb}. Returns false if the IPv4 header is malformed: shorter than
     * 20 bytes, version not 4, IHL below 5, or a total length that does not fit the buffer. A TCP or
     * UDP header that is cut short leaves {@code th = -1} (port rules then cannot match).
     */
    public boolean parse(SkBuff skb) {
        // TODO(2): fill in every field above from the bytes; never throw on a short packet.
        throw new UnsupportedOperationException("TODO: PacketHeaders.parse (lab 7, step 2)");
    }

    /** TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20). */
    public int tcpFlags() { return skb.u8(th + 13); }
}
