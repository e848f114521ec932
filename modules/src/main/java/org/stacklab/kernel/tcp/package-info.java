/**
 * The TCP module's contracts: the wire types ({@link org.stacklab.kernel.tcp.TcpHeader},
 * {@link org.stacklab.kernel.tcp.SeqNum}, {@link org.stacklab.kernel.tcp.TcpState}), the control
 * block, and the four components a lab can hand a student one at a time while the reference supplies
 * the rest:
 * <ul>
 *   <li>{@code tcp.connection} — {@link org.stacklab.kernel.tcp.ConnectionManagement} (lab 4)</li>
 *   <li>{@code tcp.reliability} — {@link org.stacklab.kernel.tcp.ReliableDelivery} (lab 5)</li>
 *   <li>{@code tcp.flow} — {@link org.stacklab.kernel.tcp.FlowControl} (lab 6)</li>
 *   <li>{@code tcp.congestion} — {@link org.stacklab.kernel.tcp.CongestionControl} (lab 6)</li>
 * </ul>
 * Each is created with {@code Components.create(name, Type.class, kernel.moduleSet())}, so
 * {@code --use tcp.congestion=student} swaps only that part.
 */
package org.stacklab.kernel.tcp;
