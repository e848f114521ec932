package org.stacklab.kernel.ip;

import org.stacklab.kernel.core.SkBuff;

/**
 * A transport's receive entry ({@code struct net_protocol}): called for each IPv4 datagram addressed
 * to this host with its protocol number. {@code skb.data()} points at the transport header,
 * {@code skb.len()} is the payload length from the IP header, {@link SkBuff#networkHeader()} marks
 * the IPv4 header. The handler owns the skb and must not throw: bad segments are dropped and counted.
 */
public interface IpProtocolHandler {
    void receive(SkBuff skb, int saddr, int daddr);

    /**
     * An ICMP error arrived about a datagram this protocol sent ({@code err_handler}).
     * {@code transportHeader} holds the first bytes of the offending datagram's transport header
     * (at least 8, per RFC 792), so the protocol can find the socket.
     */
    default void icmpError(int type, int code, int saddr, int daddr, byte[] transportHeader) {}
}
