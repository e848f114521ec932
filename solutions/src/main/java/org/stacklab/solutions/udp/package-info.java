/**
 * The reference UDP module (RFC 768), in the pieces a student writes in the UDP lab:
 * <ul>
 * <li>{@link org.stacklab.solutions.udp.UdpModule}: the kernel module; registers IP protocol 17 with
 *     {@code IpStack} and (SOCK_DGRAM, IPPROTO_UDP) with {@code InetSockets}.</li>
 * <li>{@link org.stacklab.solutions.udp.UdpTable}: binding (EADDRINUSE, SO_REUSEADDR, ephemeral ports)
 *     and the demultiplexing lookup (exact address beats wildcard, connected beats unconnected).</li>
 * <li>{@link org.stacklab.solutions.udp.UdpInput}: length and checksum checks, delivery, broadcast,
 *     ICMP port unreachable, ICMP errors to connected sockets.</li>
 * <li>{@link org.stacklab.solutions.udp.UdpSocket}: the {@code Sock} (receive queue bounded by
 *     SO_RCVBUF, connect, shutdown, options); {@link org.stacklab.solutions.udp.UdpOutput}: sending.</li>
 * </ul>
 * The header format and the MIB counters are given ({@code org.stacklab.kernel.udp}), and so are the
 * module and the socket-family plumbing {@code Udp} and {@code UdpModule} extend
 * ({@code org.stacklab.kernel.udp.scaffold}).
 */
package org.stacklab.solutions.udp;
