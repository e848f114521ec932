package org.stacklab.labs.udp;

import java.util.ArrayDeque;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SockInfo;

/**
 * One UDP socket ({@code struct udp_sock}): its local and (if connected) remote address, options,
 * and the receive queue of whole datagrams, bounded by SO_RCVBUF the way Linux bounds it: each
 * queued datagram charges its buffer's true size (data plus sk_buff overhead) to the socket, and
 * a datagram arriving while the charge exceeds the limit is dropped and counted.
 *
 * <p>Nothing blocks: an empty queue returns -EAGAIN; readiness is in {@link #poll()}.
 */
public final class UdpSocket implements Sock {
    /** Linux's net.core.rmem_default / wmem_default and rmem_max / wmem_max. */
    public static final int DEFAULT_RCVBUF = 212992, DEFAULT_SNDBUF = 212992, MAX_BUF = 212992;
    /** SOCK_MIN_RCVBUF and SOCK_MIN_SNDBUF on 64-bit Linux. */
    public static final int MIN_RCVBUF = 2304, MIN_SNDBUF = 4608;
    /** What Linux's truesize adds to the data: sizeof(struct sk_buff) + sizeof(struct skb_shared_info), rounded. */
    public static final int SKB_OVERHEAD = 576;

    private static final int RCV_SHUTDOWN = 1, SEND_SHUTDOWN = 2;

    /** A queued datagram: the skb (data at the payload), its sender, and what it charges to the buffer. */
    private record Datagram(SkBuff skb, int saddr, int sport, int truesize) {}

    private final Udp udp;
    private final long inode;
    private int localAddr, localPort, peerAddr, peerPort;
    private boolean connected;
    /** Whether bind() chose the address / port, so disconnect keeps them (Linux's sk_userlocks). */
    private boolean userBoundAddr, userBoundPort;
    private boolean reuseAddr, broadcast, keepAlive;
    /** IP_TTL of this socket's datagrams; -1 means net.ipv4.ip_default_ttl (see {@link #ttl()}). */
    private int ttl = -1;
    private int rcvbuf, sndbuf;
    private final ArrayDeque<Datagram> receiveQueue = new ArrayDeque<>();
    private int rmemAlloc;
    private long drops;
    private int error;
    private int shutdown;
    private boolean closed;

    UdpSocket(Udp udp, long inode) {
        this.udp = udp;
        this.inode = inode;
        this.rcvbuf = (int) udp.kernel.sysctl().get("net.core.rmem_default", DEFAULT_RCVBUF);
        this.sndbuf = (int) udp.kernel.sysctl().get("net.core.wmem_default", DEFAULT_SNDBUF);
    }

    @Override
    public int type() { return SOCK_DGRAM; }

    @Override
    public int protocol() { return IPPROTO_UDP; }

    int localAddr() { return localAddr; }
    int localPort() { return localPort; }
    int peerAddr() { return peerAddr; }
    int peerPort() { return peerPort; }
    boolean reuseAddr() { return reuseAddr; }
    boolean isConnected() { return connected; }
    /** Datagrams dropped because the receive buffer was full (the "drops" column of /proc/net/udp). */
    public long drops() { return drops; }
    /** Bytes charged to the receive buffer (what ss shows as Recv-Q). */
    public int rmemAlloc() { return rmemAlloc; }

    // ------------------------------------------------------------------ binding and connecting

    @Override
    public int bind(SockAddr addr) {
        // TODO(4): EBADF, EINVAL (already bound), EADDRNOTAVAIL (not our address), then udp.table.bind
        throw new UnsupportedOperationException("TODO: UdpSocket.bind (lab 3, step 4)");
    }

    /** Binds to a wildcard ephemeral port (inet_autobind), as sendto/connect on an unbound socket do. */
    private int autobind() {
        if (localPort != 0) return 0;
        int port = udp.table.bind(this, 0, 0);
        if (port < 0) return Errno.EAGAIN.neg();
        localPort = port;
        return 0;
    }

    @Override
    public int listen(int backlog) { return Errno.EOPNOTSUPP.neg(); }

    /**
     * Fixes the peer: sends without an address go there and only its datagrams are received. A null
     * address dissolves the association (connect with AF_UNSPEC).
     */
    @Override
    public int connect(SockAddr addr) {
        // TODO(4): null: disconnect; else fix the peer (autobind, choose localAddr); ENETUNREACH without a route
        throw new UnsupportedOperationException("TODO: UdpSocket.connect (lab 3, step 4)");
    }

    private void disconnect() {
        connected = false;
        peerAddr = 0;
        peerPort = 0;
        if (!userBoundAddr) localAddr = 0;
        if (!userBoundPort && localPort != 0) {
            udp.table.unhash(this);
            localPort = 0;
        }
    }

    @Override
    public Sock accept() { return null; }

    private boolean isBroadcast(int daddr) { return daddr == Ip4.BROADCAST || udp.ip.isBroadcast(daddr); }

    // ------------------------------------------------------------------ sending

    /** One datagram per call (udp_sendmsg): the whole of {@code len} or an error, never part. */
    @Override
    public int sendmsg(byte[] buf, int off, int len, int flags, SockAddr to) {
        // TODO(4): pending error, EMSGSIZE, destination (to, or the peer, else EDESTADDRREQ), autobind, source address, UdpOutput.send with ttl()
        throw new UnsupportedOperationException("TODO: UdpSocket.sendmsg (lab 3, step 4)");
    }

    // ------------------------------------------------------------------ receiving

    /** Called by {@link UdpInput} with {@code skb.data()} at the UDP header. */
    void enqueue(SkBuff skb, int saddr, int sport) {
        // TODO(3): over rcvbuf: drop and count; else pull the header and queue (saddr, sport) with the payload
        throw new UnsupportedOperationException("TODO: UdpSocket.enqueue (lab 3, step 3)");
    }

    /** The buffer the datagram occupies (its frame, rounded to a cache line) plus sk_buff overhead. */
    private static int truesize(SkBuff skb) {
        int frame = Math.min(skb.end(), 65536 + SkBuff.DEFAULT_HEADROOM);
        return ((frame + 63) & ~63) + SKB_OVERHEAD;
    }

    /**
     * Takes (or with MSG_PEEK, copies) the next datagram. A datagram longer than {@code len} is
     * truncated and the rest is lost, as in Linux; returns the bytes copied.
     */
    @Override
    public int recvmsg(byte[] buf, int off, int len, int flags, SockAddr[] from) {
        // TODO(4): pending error first; empty: EAGAIN; copy at most len (the rest of the datagram is lost), fill from[0], MSG_PEEK keeps it
        throw new UnsupportedOperationException("TODO: UdpSocket.recvmsg (lab 3, step 4)");
    }

    // ------------------------------------------------------------------ the rest of proto_ops

    @Override
    public int shutdown(int how) {
        if (how < SHUT_RD || how > SHUT_RDWR) return Errno.EINVAL.neg();
        shutdown |= how + 1; // SHUT_RD → RCV_SHUTDOWN, SHUT_WR → SEND_SHUTDOWN, SHUT_RDWR → both
        // inet_shutdown still records it on an unconnected socket (so poll wakes), but reports ENOTCONN.
        return connected ? 0 : Errno.ENOTCONN.neg();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (localPort != 0) udp.table.unhash(this);
        receiveQueue.clear();
        rmemAlloc = 0;
        udp.forget(this);
    }

    @Override
    public int setsockopt(int level, int name, int value) {
        if (level == SOL_IP && name == IP_TTL) {
            // ip(7): 1..255, or -1 for the system default.
            if (value != -1 && (value < 1 || value > 255)) return Errno.EINVAL.neg();
            ttl = value;
            return 0;
        }
        if (level != SOL_SOCKET) return Errno.ENOPROTOOPT.neg();
        switch (name) {
            case SO_REUSEADDR -> reuseAddr = value != 0;
            case SO_BROADCAST -> broadcast = value != 0;
            case SO_KEEPALIVE -> keepAlive = value != 0;
            // Linux doubles the request to leave room for bookkeeping, capped by rmem_max (socket(7)).
            case SO_RCVBUF -> rcvbuf = Math.max(Math.min(Math.max(value, 0), maxBuf("net.core.rmem_max")) * 2, MIN_RCVBUF);
            case SO_SNDBUF -> sndbuf = Math.max(Math.min(Math.max(value, 0), maxBuf("net.core.wmem_max")) * 2, MIN_SNDBUF);
            default -> {
                return Errno.ENOPROTOOPT.neg();
            }
        }
        return 0;
    }

    /** The TTL this socket's datagrams leave with (given): IP_TTL if set, else net.ipv4.ip_default_ttl. */
    int ttl() { return ttl > 0 ? ttl : (int) udp.kernel.sysctl().get("net.ipv4.ip_default_ttl", IpStack.DEFAULT_TTL); }

    private int maxBuf(String sysctl) { return (int) udp.kernel.sysctl().get(sysctl, MAX_BUF); }

    @Override
    public int getsockopt(int level, int name) {
        if (level == SOL_IP && name == IP_TTL) return ttl();
        if (level != SOL_SOCKET) return Errno.ENOPROTOOPT.neg();
        return switch (name) {
            case SO_REUSEADDR -> reuseAddr ? 1 : 0;
            case SO_BROADCAST -> broadcast ? 1 : 0;
            case SO_KEEPALIVE -> keepAlive ? 1 : 0;
            case SO_RCVBUF -> rcvbuf;
            case SO_SNDBUF -> sndbuf;
            case SO_TYPE -> SOCK_DGRAM;
            case SO_ERROR -> takeError();
            default -> Errno.ENOPROTOOPT.neg();
        };
    }

    @Override
    public SockAddr localAddress() { return new SockAddr(localAddr, localPort); }

    @Override
    public SockAddr peerAddress() { return connected ? new SockAddr(peerAddr, peerPort) : null; }

    @Override
    public int poll() {
        int mask = POLLOUT;
        if (error != 0) mask |= POLLERR;
        if (!receiveQueue.isEmpty()) mask |= POLLIN;
        if ((shutdown & RCV_SHUTDOWN) != 0) mask |= POLLIN | POLLRDHUP;
        if (shutdown == (RCV_SHUTDOWN | SEND_SHUTDOWN)) mask |= POLLHUP;
        return mask;
    }

    void setError(int errno) { error = errno; }

    @Override
    public int takeError() {
        int e = error;
        error = 0;
        return e;
    }

    @Override
    public SockInfo info() {
        return new SockInfo("udp", connected ? "ESTABLISHED" : "UNCONN", rmemAlloc, 0,
                localAddress(), connected ? new SockAddr(peerAddr, peerPort) : SockAddr.ANY, inode, 0, null);
    }

    @Override
    public String toString() {
        return "udp " + localAddress() + (connected ? " -> " + Ip4.format(peerAddr) + ":" + peerPort : "");
    }
}
