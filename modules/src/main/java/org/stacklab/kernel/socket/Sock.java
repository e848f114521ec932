package org.stacklab.kernel.socket;

/**
 * A kernel socket ({@code struct sock} with its {@code proto_ops}), as the syscall layer sees it.
 *
 * <p><b>Nothing here blocks.</b> An operation that cannot complete now returns {@code -EAGAIN} (or
 * {@code -EINPROGRESS} for connect); the syscall layer implements blocking by running the scenario's
 * event loop until {@link #poll()} reports the socket ready. Failures return {@code -errno}, the
 * value Linux's man page documents for that call and state.
 */
public interface Sock {
    // poll(2) event bits.
    int POLLIN = 0x001;
    int POLLPRI = 0x002;
    int POLLOUT = 0x004;
    int POLLERR = 0x008;
    int POLLHUP = 0x010;
    int POLLNVAL = 0x020;
    int POLLRDHUP = 0x2000;

    // recv/send flags.
    int MSG_PEEK = 0x2;
    int MSG_DONTWAIT = 0x40;
    /** recv(2): on a stream, wait for the whole {@code len} (the syscall layer loops; transports ignore it). */
    int MSG_WAITALL = 0x100;
    int MSG_NOSIGNAL = 0x4000;

    // shutdown(2).
    int SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;

    // socket levels and options (asm-generic/socket.h, netinet/tcp.h).
    int SOL_SOCKET = 1;
    int IPPROTO_TCP = 6;
    int IPPROTO_UDP = 17;
    int IPPROTO_ICMP = 1;
    int SO_REUSEADDR = 2;
    int SO_TYPE = 3;
    int SO_ERROR = 4;
    int SO_BROADCAST = 6;
    int SO_SNDBUF = 7;
    int SO_RCVBUF = 8;
    int SO_KEEPALIVE = 9;
    int TCP_NODELAY = 1;
    /** Level of IP options (IPPROTO_IP) and its IP_TTL option (the TTL of datagrams this socket sends). */
    int SOL_IP = 0;
    int IP_TTL = 2;
    /**
     * {@code getsockopt(SOL_IP, IP_RECVTTL)} on a datagram socket: the TTL of the IPv4 datagram that
     * carried the last message {@code recvmsg} returned (what Linux hands over as an IP_TTL control
     * message; this API has no control messages). {@code ping} prints it as {@code ttl=63}.
     */
    int IP_RECVTTL = 12;
    int TCP_MAXSEG = 2;

    int SOCK_STREAM = 1;
    int SOCK_DGRAM = 2;
    int SOCK_RAW = 3;

    /** SOCK_STREAM or SOCK_DGRAM. */
    int type();

    /** IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP. */
    int protocol();

    int bind(SockAddr addr);

    int listen(int backlog);

    /** Starts connecting. 0 when connected (UDP: at once), -EINPROGRESS while the handshake runs. */
    int connect(SockAddr addr);

    /** A connection from the accept queue, or null if there is none yet (caller checks the state). */
    Sock accept();

    /** Queues up to {@code len} bytes; returns bytes taken, or -errno (-EAGAIN when the buffer is full). */
    int sendmsg(byte[] buf, int off, int len, int flags, SockAddr to);

    /**
     * Copies received data; returns bytes, 0 at end of stream, or -errno (-EAGAIN when nothing is
     * queued). For datagrams, {@code from[0]} receives the sender if {@code from} is non-null.
     */
    int recvmsg(byte[] buf, int off, int len, int flags, SockAddr[] from);

    int shutdown(int how);

    /** Releases the socket (the last close of its file); a TCP connection then closes gracefully. */
    void close();

    int setsockopt(int level, int name, int value);

    /** The option's value, or -errno (ENOPROTOOPT for an unknown option). */
    int getsockopt(int level, int name);

    SockAddr localAddress();

    /** The peer, or null if not connected. */
    SockAddr peerAddress();

    /** Current readiness: a mask of POLLIN, POLLOUT, POLLERR, POLLHUP, POLLRDHUP. */
    int poll();

    /** Pending asynchronous error as a positive errno (SO_ERROR), cleared by reading; 0 if none. */
    int takeError();

    /** What {@code ss} and /proc/net show about this socket. */
    SockInfo info();

    /**
     * {@code getsockopt(IPPROTO_TCP, TCP_INFO)}: a TCP socket's congestion window, RTT, RTO and
     * counters ({@code ss -ti}); null for a socket that is not TCP.
     */
    default TcpInfo tcpInfo() { return null; }
}
