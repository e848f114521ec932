/**
 * The given plumbing of the IPv4 layer that the reference ({@code org.stacklab.solutions.ip}) and
 * the lab 2 starter ({@code org.stacklab.labs.ip}) share, so there is one copy of it: the Ethernet
 * header ({@link org.stacklab.kernel.ip.scaffold.Ethernet}), the ARP packet codec
 * ({@link org.stacklab.kernel.ip.scaffold.ArpPacket}), the IP/ICMP counters
 * ({@link org.stacklab.kernel.ip.scaffold.IpMib}) and the ICMP error rate limiter
 * ({@link org.stacklab.kernel.ip.scaffold.IcmpRateLimiter}). Students read these; they do not write them.
 */
package org.stacklab.kernel.ip.scaffold;
