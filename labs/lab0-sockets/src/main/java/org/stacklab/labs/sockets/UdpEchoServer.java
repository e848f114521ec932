package org.stacklab.labs.sockets;

import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;

/**
 * Lab 0, program 1: {@code udp-echo-server PORT [COUNT]} — the echo service of RFC 862 over UDP.
 *
 * <ol>
 *   <li>{@code socket(AF_INET, SOCK_DGRAM, 0)} ({@code InetSockets.AF_INET}, {@code Sock.SOCK_DGRAM}).
 *   <li>{@code bind} to {@code 0.0.0.0:PORT} ({@code new SockAddr(0, port)}).
 *   <li>Loop: {@code recvfrom} one datagram (it blocks until one arrives), {@code sendto} the same
 *       bytes back to the address {@code recvfrom} filled in. After COUNT datagrams (if given), close
 *       the socket and return 0.
 * </ol>
 * Every call returns a result or {@code -errno}. On an error print
 * {@code udp-echo-server: CALL: } + {@code Errno.describe(rc)} to stderr ({@code p.eprintln}) and
 * return 1 — e.g. {@code udp-echo-server: bind: EADDRINUSE (Address already in use)}.
 * See {@code man 2 recvfrom}, {@code man 7 udp}.
 */
public final class UdpEchoServer implements Program {
    @Override
    public int main(UserProcess p, String[] argv) {
        // TODO: argv[0] is the program name, argv[1] the port, argv[2] (optional) the count.
        throw new UnsupportedOperationException("TODO: UdpEchoServer.main (lab 0)");
    }
}
