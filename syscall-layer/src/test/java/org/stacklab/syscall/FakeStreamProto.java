package org.stacklab.syscall;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SockInfo;
import org.stacklab.kernel.socket.SocketProto;
import org.stacklab.sim.EventLoop;

/**
 * A hand-written stand-in for TCP in syscall-layer tests: connections between kernels of one
 * scenario with a fixed one-way delay, a bounded receive buffer, FIN on close, RST when closing
 * with unread data or connecting to a closed port, and a black-holed address whose connects time
 * out. It obeys the {@link Sock} contract (never blocks), so the syscall layer's blocking and
 * errno logic can be tested before, and independently of, the real TCP.
 */
public final class FakeStreamProto implements SocketProto {
    static final long DELAY = 1_000_000; // 1 ms one way
    static final long CONNECT_TIMEOUT = 3_000_000_000L;
    static final int RCVBUF = 65536;

    /** All fake TCP endpoints of a scenario, by kernel. */
    static final class Net {
        final EventLoop loop;
        final Map<Integer, FakeStreamProto> byAddr = new LinkedHashMap<>();
        int blackhole = -1;

        Net(EventLoop loop) { this.loop = loop; }
    }

    final Net net;
    final Kernel kernel;
    final int addr;
    final List<S> sockets = new ArrayList<>();
    int nextPort = 40000;

    FakeStreamProto(Net net, Kernel kernel, int addr) {
        this.net = net;
        this.kernel = kernel;
        this.addr = addr;
        net.byAddr.put(addr, this);
        InetSockets.of(kernel).register(this);
    }

    @Override public int type() { return Sock.SOCK_STREAM; }
    @Override public int protocol() { return Sock.IPPROTO_TCP; }
    @Override public S create() {
        S s = new S();
        sockets.add(s);
        return s;
    }
    @Override public List<S> sockets() { return List.copyOf(sockets); }

    S listener(int port) {
        for (S s : sockets) if (s.state.equals("LISTEN") && s.lport == port) return s;
        return null;
    }

    boolean portInUse(int port) {
        for (S s : sockets) if (s.lport == port && !s.state.equals("CLOSE")) return true;
        return false;
    }

    final class S implements Sock {
        String state = "CLOSE";
        int lport, backlog;
        SockAddr peerAddr;
        S peer;
        final ArrayDeque<S> acceptQueue = new ArrayDeque<>();
        final ArrayDeque<byte[]> rx = new ArrayDeque<>();
        int rxBytes, inFlight;
        boolean finReceived, finSent, reset;
        int error;

        @Override public int type() { return SOCK_STREAM; }
        @Override public int protocol() { return IPPROTO_TCP; }

        @Override
        public int bind(SockAddr a) {
            if (lport != 0) return Errno.EINVAL.neg();
            if (a.addr() != 0 && a.addr() != addr && a.addr() != 0x7f000001) return Errno.EADDRNOTAVAIL.neg();
            if (a.port() != 0 && portInUse(a.port())) return Errno.EADDRINUSE.neg();
            lport = a.port() == 0 ? nextPort++ : a.port();
            return 0;
        }

        @Override
        public int listen(int b) {
            if (!state.equals("CLOSE") && !state.equals("LISTEN")) return Errno.EINVAL.neg();
            if (lport == 0) lport = nextPort++;
            state = "LISTEN";
            backlog = b;
            return 0;
        }

        @Override
        public int connect(SockAddr to) {
            if (state.equals("SYN_SENT")) return Errno.EALREADY.neg();
            if (!state.equals("CLOSE")) return Errno.EISCONN.neg();
            if (lport == 0) lport = nextPort++;
            state = "SYN_SENT";
            peerAddr = to;
            if (to.addr() == net.blackhole) {
                net.loop.schedule(CONNECT_TIMEOUT, () -> fail(Errno.ETIMEDOUT.code), "fake SYN timeout");
                return Errno.EINPROGRESS.neg();
            }
            net.loop.schedule(2 * DELAY, () -> {
                FakeStreamProto dst = net.byAddr.get(to.addr() == 0x7f000001 ? addr : to.addr());
                S l = dst == null ? null : dst.listener(to.port());
                if (l == null || l.acceptQueue.size() > l.backlog) {
                    fail(Errno.ECONNREFUSED.code);
                    return;
                }
                S c = dst.create();
                c.state = "ESTABLISHED";
                c.lport = to.port();
                c.peerAddr = new SockAddr(addr, lport);
                c.peer = this;
                peer = c;
                l.acceptQueue.add(c);
                state = "ESTABLISHED";
            }, "fake handshake");
            return Errno.EINPROGRESS.neg();
        }

        void fail(int errno) {
            if (!state.equals("SYN_SENT")) return;
            state = "CLOSE";
            error = errno;
        }

        @Override
        public Sock accept() { return acceptQueue.pollFirst(); }

        @Override
        public int sendmsg(byte[] buf, int off, int len, int flags, SockAddr to) {
            if (error != 0) return -takeError();
            if (reset || finSent || !state.equals("ESTABLISHED") && !state.equals("CLOSE_WAIT")) return Errno.EPIPE.neg();
            int room = RCVBUF - peer.rxBytes - inFlight;
            if (room <= 0) return Errno.EAGAIN.neg();
            int n = Math.min(room, len);
            byte[] chunk = new byte[n];
            System.arraycopy(buf, off, chunk, 0, n);
            inFlight += n;
            S p = peer;
            net.loop.schedule(DELAY, () -> {
                inFlight -= n;
                if (p.reset || p.state.equals("CLOSE")) return;
                p.rx.add(chunk);
                p.rxBytes += n;
            }, "fake data");
            return n;
        }

        @Override
        public int recvmsg(byte[] buf, int off, int len, int flags, SockAddr[] from) {
            if (error != 0) return -takeError();
            if (state.equals("CLOSE") && peer == null || state.equals("LISTEN")) return Errno.ENOTCONN.neg();
            byte[] head = rx.peekFirst();
            if (head == null) return finReceived ? 0 : Errno.EAGAIN.neg();
            int n = Math.min(len, head.length);
            System.arraycopy(head, 0, buf, off, n);
            if ((flags & MSG_PEEK) != 0) return n;
            rx.pollFirst();
            if (n < head.length) {
                byte[] rest = new byte[head.length - n];
                System.arraycopy(head, n, rest, 0, rest.length);
                rx.addFirst(rest);
            }
            rxBytes -= n;
            return n;
        }

        @Override
        public int shutdown(int how) {
            if (peer == null) return Errno.ENOTCONN.neg();
            if (how != SHUT_RD && !finSent) sendFin();
            return 0;
        }

        private void sendFin() {
            finSent = true;
            S p = peer;
            net.loop.schedule(DELAY + 1, () -> {
                p.finReceived = true;
                if (p.state.equals("ESTABLISHED")) p.state = "CLOSE_WAIT";
            }, "fake FIN");
        }

        @Override
        public void close() {
            sockets.remove(this);
            if (peer != null && !reset) {
                if (rxBytes > 0) { // RFC 9293 §3.10.7: closing with unread data resets the connection
                    S p = peer;
                    net.loop.schedule(DELAY, () -> {
                        p.reset = true;
                        p.error = Errno.ECONNRESET.code;
                    }, "fake RST");
                } else if (!finSent) {
                    sendFin();
                }
            }
            state = "CLOSE";
        }

        @Override public int setsockopt(int level, int name, int value) { return 0; }
        @Override public int getsockopt(int level, int name) { return name == SO_ERROR ? takeError() : 0; }
        @Override public SockAddr localAddress() { return new SockAddr(lport == 0 ? 0 : addr, lport); }
        @Override public SockAddr peerAddress() { return state.equals("ESTABLISHED") || state.equals("CLOSE_WAIT") ? peerAddr : null; }

        @Override
        public int poll() {
            int m = 0;
            if (error != 0) m |= POLLERR;
            if (state.equals("LISTEN")) return acceptQueue.isEmpty() ? m : m | POLLIN;
            if (state.equals("SYN_SENT")) return m;
            if (state.equals("CLOSE") && peer == null) return m | POLLOUT | POLLHUP;
            if (!rx.isEmpty() || finReceived) m |= POLLIN;
            if (finReceived) m |= POLLRDHUP;
            if (reset) m |= POLLHUP | POLLERR;
            if (RCVBUF - (peer == null ? 0 : peer.rxBytes) - inFlight > 0) m |= POLLOUT;
            return m;
        }

        @Override
        public int takeError() {
            int e = error;
            error = 0;
            return e;
        }

        @Override
        public SockInfo info() {
            return new SockInfo("tcp", state, rxBytes, 0, localAddress(), peerAddr == null ? SockAddr.ANY : peerAddr, 0, 0, null);
        }
    }
}
