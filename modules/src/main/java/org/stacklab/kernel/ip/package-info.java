/**
 * The network layer's contract: what transports (UDP, TCP) and userland may use of IPv4, ARP,
 * ICMP and routing. The implementation is a kernel module (reference in {@code solutions}, or the
 * student's in lab 2) that exports {@link org.stacklab.kernel.ip.IpStack} as a kernel symbol.
 */
package org.stacklab.kernel.ip;
