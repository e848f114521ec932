/**
 * The reference TCP (RFC 9293 with RFC 5681, 5961, 6298, 6582, 6691, 7323, 3042, 1122 §4.2.3, 896;
 * CUBIC per RFC 9438 as an alternative congestion controller).
 *
 * <p>Where things are: {@link org.stacklab.solutions.tcp.TcpModule} loads it;
 * {@link org.stacklab.solutions.tcp.TcpInput} verifies, parses and demultiplexes segments;
 * {@link org.stacklab.solutions.tcp.TcpSocket} is the socket and the connection the components act on,
 * {@link org.stacklab.solutions.tcp.TcpSender} its sending half, {@link org.stacklab.solutions.tcp.TcpOutput}
 * builds segments. The four swappable parts: {@link org.stacklab.solutions.tcp.TcpStateMachine}
 * ({@code tcp.connection}), {@link org.stacklab.solutions.tcp.TcpReliability} with
 * {@link org.stacklab.solutions.tcp.Reassembly} and {@link org.stacklab.solutions.tcp.RetransmissionTimer}
 * ({@code tcp.reliability}), {@link org.stacklab.solutions.tcp.TcpFlowControl} ({@code tcp.flow}),
 * {@link org.stacklab.solutions.tcp.NewReno} / {@link org.stacklab.solutions.tcp.Cubic} ({@code tcp.congestion}).
 */
package org.stacklab.solutions.tcp;
