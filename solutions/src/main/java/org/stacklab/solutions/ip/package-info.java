/**
 * The reference network layer, kernel module {@code ip} (component {@code ip}, impl {@code reference}).
 *
 * <pre>
 *  ethertype 0x0806 ─> ArpProtocol ─> ArpCache (NUD states, timers, resolution queue)
 *  ethertype 0x0800 ─> Ipv4Input ──PRE_ROUTING──> local? ──> Reassembly ──LOCAL_IN──> IpProtocolHandler (Icmp, UDP, TCP)
 *                                         └──> Ipv4Forward ──FORWARD──┐
 *  IpStack.output ──> Ipv4Output ──LOCAL_OUT──> finish ──POST_ROUTING──> Ipv4Fragmenter? ──> ArpCache / lo / broadcast
 *  routing: FibTable (component ip.routing)   wire format: Ipv4Header, ArpPacket, Ethernet   counters: IpMib
 *  ICMP: Icmp (+ IcmpRateLimiter)             sockets: PingSockets / PingSocket (SOCK_DGRAM, IPPROTO_ICMP)
 * </pre>
 *
 * {@link org.stacklab.solutions.ip.IpModule} creates one {@link org.stacklab.solutions.ip.Ipv4Stack}
 * per kernel, which implements {@link org.stacklab.kernel.ip.IpStack} and holds the parts; each
 * part reaches the others only through the stack.
 *
 * <p><b>Lab 2.</b> The parts a student writes are whole classes with small public surfaces:
 * {@code Ipv4Header} (parse, writeTo, checksum, decrementTtl), {@code FibTable} (the
 * {@link org.stacklab.kernel.ip.RoutingTable} contract; already swappable alone as component
 * {@code ip.routing}), {@code ArpCache}/{@code ArpProtocol} (receive, solicit, output),
 * {@code Ipv4Input} (receive, localDeliver), {@code Ipv4Output} (output, finish, neighOutput),
 * {@code Ipv4Forward} (forward) and the echo part of {@code Icmp}. The plumbing stays given and
 * lives once, in {@code org.stacklab.kernel.ip.scaffold}: {@code AbstractIpv4Stack} (which
 * {@code Ipv4Stack} extends), {@code AbstractIpModule}, {@code AbstractArpCache},
 * {@code AbstractArpProtocol} and {@code AbstractIcmp} (which {@code ArpCache}, {@code ArpProtocol}
 * and {@code Icmp} extend), {@code IpMib}, {@code Reassembly},
 * {@code Ipv4Fragmenter}, {@code IcmpRateLimiter}, {@code Ethernet}, {@code ArpPacket}, the ping sockets.
 */
package org.stacklab.solutions.ip;
