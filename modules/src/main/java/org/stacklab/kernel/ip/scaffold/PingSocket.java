package org.stacklab.kernel.ip.scaffold;

import java.util.ArrayDeque;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SockInfo;

/**
 * One ping socket. {@link #sendmsg} takes an ICMP echo request (type 8, code 0, 8-byte header and
 * any data); the kernel sets the identifier to the socket's and fills in the checksum, as Linux
 * does. {@link #recvmsg} returns one ICMP message per call (header and data, no IP header) with the
 * sender as {@code from}: echo replies, and ICMP errors about this socket's requests. Nothing blocks.
 */
public final class PingSocket implements Sock {
    private record Datagram(byte[] data, SockAddr from, int ttl) {}

    /** The ICMP header an echo request starts with: type, code, checksum, identifier, sequence (RFC 792). */
    static final int ICMP_HEADER = 8;
    static final int ICMP_ECHO = 8;
    /** The largest ICMP message one IPv4 datagram without options carries (RFC 791: 65535 - 20). */
    private static final int MAX_MESSAGE = 65535 - 20;

    private final IpStack ip;
    private final IpMib mib;
    private final PingSockets table;
    private final long inode;
    private final ArrayDeque<Datagram> receiveQueue = new ArrayDeque<>();
    private int queuedBytes;
    private int localAddr;
    private int ident;
    private SockAddr peer;
    private int ttl = IpStack.DEFAULT_TTL;
    private int rcvbuf = 212_992;
    private int sndbuf = 212_992;
    private boolean broadcast;
    private boolean shutRd;
    private boolean shutWr;
    private boolean closed;
    private int error;
    private int lastTtl = -1;

    PingSocket(IpStack ip, IpMib mib, PingSockets table, long inode) {
        this.ip = ip;
        this.mib = mib;
        this.table = table;
        this.inode = inode;
    }

    @Override
    public int type() { return SOCK_DGRAM; }

    @Override
    public int protocol() { return IPPROTO_ICMP; }

    @Override
    public int bind(SockAddr addr) {
        if (closed) return Errno.EBADF.neg();
        if (ident != 0) return Errno.EINVAL.neg();
        if (addr.addr() != 0 && !ip.isLocalAddress(addr.addr())) return Errno.EADDRNOTAVAIL.neg();
        int id = table.bind(this, addr.port());
        if (id < 0) return addr.port() != 0 ? Errno.EADDRINUSE.neg() : Errno.EAGAIN.neg();
        localAddr = addr.addr();
        ident = id;
        return 0;
    }

    private int autobind() { return ident != 0 ? 0 : bind(SockAddr.ANY); }

    @Override
    public int listen(int backlog) { return Errno.EOPNOTSUPP.neg(); }

    @Override
    public int connect(SockAddr addr) {
        if (closed) return Errno.EBADF.neg();
        int rc = autobind();
        if (rc < 0) return rc;
        peer = addr;
        return 0;
    }

    @Override
    public Sock accept() { return null; }

    @Override
    public int sendmsg(byte[] buf, int off, int len, int flags, SockAddr to) {
        if (closed) return Errno.EBADF.neg();
        if (shutWr) return Errno.EPIPE.neg();
        SockAddr dst = to != null ? to : peer;
        if (dst == null) return Errno.EDESTADDRREQ.neg();
        if (len < ICMP_HEADER) return Errno.EINVAL.neg();
        if (len > MAX_MESSAGE) return Errno.EMSGSIZE.neg();
        if ((buf[off] & 0xff) != ICMP_ECHO || buf[off + 1] != 0) return Errno.EINVAL.neg();
        if (ip.isBroadcast(dst.addr()) && !broadcast) return Errno.EACCES.neg();
        int rc = autobind();
        if (rc < 0) return rc;
        SkBuff skb = SkBuff.allocWithHeadroom(len);
        int o = skb.put(len);
        System.arraycopy(buf, off, skb.buf(), o, len);
        skb.set16(o + 4, ident);
        skb.set16(o + 2, 0);
        skb.set16(o + 2, Checksum.compute(skb.buf(), o, len));
        skb.sk = this;
        rc = ip.output(skb, localAddr, dst.addr(), IpStack.PROTO_ICMP, ttl, 0);
        if (rc < 0) return rc;
        mib.inc("IcmpOutMsgs");
        mib.inc("IcmpOutEchos");
        return len;
    }

    @Override
    public int recvmsg(byte[] buf, int off, int len, int flags, SockAddr[] from) {
        if (closed) return Errno.EBADF.neg();
        Datagram d = (flags & MSG_PEEK) != 0 ? receiveQueue.peekFirst() : receiveQueue.pollFirst();
        if (d == null) return shutRd ? 0 : Errno.EAGAIN.neg();
        if ((flags & MSG_PEEK) == 0) queuedBytes -= d.data.length;
        lastTtl = d.ttl;
        int n = Math.min(len, d.data.length); // the rest of a longer datagram is discarded (MSG_TRUNC)
        System.arraycopy(d.data, 0, buf, off, n);
        if (from != null && from.length > 0) from[0] = d.from;
        return n;
    }

    boolean accepts(int saddr, int daddr) {
        if (closed || shutRd) return false;
        if (localAddr != 0 && localAddr != daddr) return false;
        return peer == null || peer.addr() == 0 || peer.addr() == saddr;
    }

    void enqueue(byte[] b, int off, int len, int from, int ttl) {
        if (closed || shutRd) return;
        if (queuedBytes + len > rcvbuf) {
            mib.drop(IpMib.PING_RCVBUF_FULL);
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        receiveQueue.addLast(new Datagram(copy, new SockAddr(from, 0), ttl));
        queuedBytes += len;
    }

    @Override
    public int shutdown(int how) {
        if (peer == null) return Errno.ENOTCONN.neg();
        if (how == SHUT_RD || how == SHUT_RDWR) shutRd = true;
        if (how == SHUT_WR || how == SHUT_RDWR) shutWr = true;
        return 0;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        receiveQueue.clear();
        queuedBytes = 0;
        table.release(this);
    }

    @Override
    public int setsockopt(int level, int name, int value) {
        if (level == SOL_SOCKET) {
            switch (name) {
                case SO_RCVBUF -> rcvbuf = Math.max(256, value);
                case SO_SNDBUF -> sndbuf = Math.max(256, value);
                case SO_BROADCAST -> broadcast = value != 0;
                case SO_REUSEADDR -> { }
                default -> { return Errno.ENOPROTOOPT.neg(); }
            }
            return 0;
        }
        if (level == SOL_IP && name == IP_RECVTTL) return 0; // always available, see Sock.IP_RECVTTL
        if (level == SOL_IP && name == IP_TTL) {
            if (value == -1) value = IpStack.DEFAULT_TTL;
            if (value < 1 || value > 255) return Errno.EINVAL.neg();
            ttl = value;
            return 0;
        }
        return Errno.ENOPROTOOPT.neg();
    }

    @Override
    public int getsockopt(int level, int name) {
        if (level == SOL_SOCKET) {
            return switch (name) {
                case SO_TYPE -> SOCK_DGRAM;
                case SO_ERROR -> takeError();
                case SO_RCVBUF -> rcvbuf;
                case SO_SNDBUF -> sndbuf;
                case SO_BROADCAST -> broadcast ? 1 : 0;
                default -> Errno.ENOPROTOOPT.neg();
            };
        }
        if (level == SOL_IP && name == IP_TTL) return ttl;
        if (level == SOL_IP && name == IP_RECVTTL) return lastTtl;
        return Errno.ENOPROTOOPT.neg();
    }

    @Override
    public SockAddr localAddress() { return new SockAddr(localAddr, ident); }

    @Override
    public SockAddr peerAddress() { return peer; }

    @Override
    public int poll() {
        if (closed) return POLLNVAL;
        int mask = 0;
        if (!receiveQueue.isEmpty() || shutRd) mask |= POLLIN;
        if (!shutWr) mask |= POLLOUT;
        if (error != 0) mask |= POLLERR;
        if (shutRd && shutWr) mask |= POLLHUP;
        return mask;
    }

    @Override
    public int takeError() {
        int e = error;
        error = 0;
        return e;
    }

    @Override
    public SockInfo info() {
        return new SockInfo("icmp", peer != null ? "ESTAB" : "UNCONN", queuedBytes, 0, localAddress(),
                peer != null ? peer : SockAddr.ANY, inode, 0, "");
    }

    @Override
    public String toString() {
        return "ping socket " + Ip4.format(localAddr) + " id " + ident;
    }
}
