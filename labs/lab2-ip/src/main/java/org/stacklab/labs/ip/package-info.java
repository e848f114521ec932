/**
 * Lab 2: your network layer, kernel module {@code ip} (component {@code ip}, impl {@code student}).
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
 * What you write is marked {@code TODO(n)}: {@code Ipv4Header} (1), {@code FibTable} (2),
 * {@code ArpCache}/{@code ArpProtocol} (3), {@code Ipv4Input} (4), {@code Ipv4Output} (5),
 * {@code Ipv4Forward} and {@code Ipv4Header.decrementTtl} (6), {@code Icmp.echoReply} (7). The
 * rest is given: {@code IpModule} and {@code Ipv4Stack} here (the wiring of your parts), and in
 * {@code org.stacklab.kernel.ip.scaffold} (shared with the reference): {@code AbstractIpv4Stack},
 * {@code AbstractIpModule}, {@code AbstractArpCache}, {@code AbstractArpProtocol},
 * {@code AbstractIcmp} (ICMP errors),
 * {@code IpMib}, {@code Reassembly},
 * {@code Ipv4Fragmenter}, {@code IcmpRateLimiter}, {@code Ethernet}, {@code ArpPacket} and the ping sockets.
 */
package org.stacklab.labs.ip;
