package org.stacklab.labs.sockets;

import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;

/**
 * Lab 0, program 2: {@code udp-echo-client HOST PORT MESSAGE...} — sends each MESSAGE to the echo
 * server and prints each answer on its own line ({@code p.println}).
 *
 * <ol>
 *   <li>{@code socket(AF_INET, SOCK_DGRAM, 0)}, then {@code connect} it to HOST:PORT
 *       ({@code new SockAddr(Ip4.parse(host), port)}). A connected UDP socket sends with
 *       {@code send} and, unlike an unconnected one, is told when the server's host answers with
 *       ICMP port unreachable: the next call returns {@code -ECONNREFUSED}.
 *   <li>For each message: {@code send} it, wait for the answer with {@code poll} (POLLIN) for at
 *       most 1000 ms, {@code recv} it and print it.
 * </ol>
 * On an error print {@code udp-echo-client: CALL: } + {@code Errno.describe(rc)} to stderr and
 * return 1 (so "no server" shows as {@code udp-echo-client: recv: ECONNREFUSED (Connection refused)}).
 * No answer within the second: print {@code udp-echo-client: no reply from HOST:PORT} and return 1.
 * See {@code man 2 connect} (for UDP), {@code man 2 poll}.
 */
public final class UdpEchoClient implements Program {
    @Override
    public int main(UserProcess p, String[] argv) {
        // TODO
        throw new UnsupportedOperationException("TODO: UdpEchoClient.main (lab 0)");
    }
}
