package org.stacklab.kernel.core;

/**
 * Receives frames of one ethertype ({@code struct packet_type}): ARP registers 0x0806, IPv4 0x0800.
 * The skb arrives with {@code data()} just past the Ethernet header and {@link SkBuff#macHeader()}
 * pointing at it. The handler owns the skb; it must not throw: malformed input is dropped and counted.
 */
@FunctionalInterface
public interface PacketHandler {
    void receive(SkBuff skb, NetDevice dev);
}
