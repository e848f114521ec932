package org.stacklab.labs.sockets;

import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;

/**
 * Lab 0, program 3: {@code tcp-echo-server PORT [COUNT]} — a TCP server that sends back every
 * complete line, to many clients at once.
 *
 * <ol>
 *   <li>{@code socket(AF_INET, SOCK_STREAM, 0)}, {@code setsockopt(SO_REUSEADDR)}, {@code bind}
 *       to 0.0.0.0:PORT, {@code listen}.
 *   <li>One loop with {@code poll} over the listening socket and every client: a readable listening
 *       socket means {@code accept} will not block; a readable client means {@code read} will not.
 *       (A server that blocks in {@code read} on one client cannot accept the next: the tests
 *       connect two clients at once.)
 *   <li>TCP is a <em>byte stream</em>: one read may hold half a line, or three lines. Keep each
 *       client's unfinished line; whenever it holds a '\n', send the line through the '\n' back
 *       (send may write less than asked: loop until all of it is sent).
 *   <li>{@code read} returning 0 is end of file: the client closed its side. Send back what is left
 *       of its unfinished line (if anything), then {@code close} the client.
 *   <li>After COUNT clients (if given) have been accepted and closed, close the listening socket
 *       and return 0.
 * </ol>
 * On an error of socket/bind/listen print {@code tcp-echo-server: CALL: } + {@code Errno.describe(rc)}
 * and return 1. See {@code man 2 accept}, {@code man 2 poll}, {@code man 7 tcp}.
 */
public final class TcpLineEchoServer implements Program {
    @Override
    public int main(UserProcess p, String[] argv) {
        // TODO
        throw new UnsupportedOperationException("TODO: TcpLineEchoServer.main (lab 0)");
    }
}
