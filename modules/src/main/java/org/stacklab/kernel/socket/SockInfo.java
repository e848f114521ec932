package org.stacklab.kernel.socket;

/**
 * One row of {@code ss}: the socket's state and queues. For a LISTEN socket {@code recvQ} is the
 * accept-queue length and {@code sendQ} the backlog, as Linux reports them.
 *
 * @param state RFC 9293 state name in Linux's spelling for TCP (ESTABLISHED, SYN_SENT, ..., LISTEN,
 *              CLOSE_WAIT), or UNCONN/ESTABLISHED for UDP
 */
public record SockInfo(String netid, String state, int recvQ, int sendQ, SockAddr local, SockAddr peer,
                       long inode, int uid, String owner) {
}
