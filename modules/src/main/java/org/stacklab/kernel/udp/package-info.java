/**
 * What every UDP implementation shares: the MIB counters ({@link org.stacklab.kernel.udp.UdpMib}),
 * the drop reasons ({@link org.stacklab.kernel.udp.UdpDropReason}) and the module plumbing in
 * {@code scaffold}. The header with its checksum, the port table, the receive path and the sockets
 * are the UDP lab's work; the reference is in {@code org.stacklab.solutions.udp}.
 */
package org.stacklab.kernel.udp;
