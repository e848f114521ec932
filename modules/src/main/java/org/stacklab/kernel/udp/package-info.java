/**
 * What every UDP implementation shares, given to the student in the UDP lab: the RFC 768 header
 * format with its checksum ({@link org.stacklab.kernel.udp.UdpHeader}) and the MIB counters
 * ({@link org.stacklab.kernel.udp.UdpMib}). The module itself (port table, receive path, sockets)
 * is the lab's work; the reference is in {@code org.stacklab.solutions.udp}.
 */
package org.stacklab.kernel.udp;
