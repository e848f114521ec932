/**
 * The reference firewall ({@code filter=reference}): iptables' filter and nat tables on the
 * netfilter hooks ({@link org.stacklab.solutions.filter.FilterModule}), header parsing in place
 * ({@link org.stacklab.solutions.filter.Ipv4Packet}), rule matching, the LOG line, REJECT's
 * ICMP error and TCP RST, and the connection tracking REDIRECT needs, with RFC 1624 checksum updates.
 */
package org.stacklab.solutions.filter;
