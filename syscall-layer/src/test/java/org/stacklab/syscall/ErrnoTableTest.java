package org.stacklab.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;

/**
 * Every errno the socket API documents, each provoked the way a program would meet it, over the
 * reference TCP/UDP/IP on two kernels joined by a veth pair. One row:
 * the expected errno, the situation (as the man page words it), and the calls that produce it;
 * the last call's return value must be exactly -errno.
 */
class ErrnoTableTest {
    static final int AF = InetSockets.AF_INET;
    static final int DGRAM = Sock.SOCK_DGRAM, STREAM = Sock.SOCK_STREAM;

    record Row(Errno errno, String situation, int uid, ToIntFunction<Ctx> calls) {}

    /** What a row's calls get: a fresh pair of hosts (reference ip, udp, tcp) and a process on h1. */
    static final class Ctx {
        final RealHosts net;
        final Task task;
        final Syscalls sys;

        Ctx(int uid) {
            net = new RealHosts(99);
            task = Processes.on(net.h1).foreground("errno", uid);
            sys = task.sys();
        }

        int udp() { return sys.socket(AF, DGRAM, 0); }

        int tcp() { return sys.socket(AF, STREAM, 0); }

        /** A listening stream socket on h2:80, served by nobody (connections wait in its queue). */
        void listenerOnH2() {
            Task srv = Processes.on(net.h2).foreground("srv", Task.ROOT);
            int l = srv.sys().socket(AF, STREAM, 0);
            srv.sys().bind(l, new SockAddr(0, 80));
            srv.sys().listen(l, 8);
        }

        int connectedTcp() {
            listenerOnH2();
            int s = tcp();
            int rc = sys.connect(s, SockAddr.of("10.0.0.2", 80));
            if (rc != 0) throw new AssertionError("connect: " + Errno.describe(rc));
            return s;
        }
    }

    static final SockAddr H2_80 = SockAddr.of("10.0.0.2", 80);

    static List<Row> rows() {
        int root = Task.ROOT;
        return List.of(
            new Row(Errno.EBADF, "close of an fd that is not open", root, c -> c.sys.close(42)),
            new Row(Errno.EBADF, "read from a closed socket fd", root, c -> {
                int s = c.udp();
                c.sys.close(s);
                return c.sys.read(s, new byte[1], 0, 1);
            }),
            new Row(Errno.ENOTSOCK, "bind on stdout", root, c -> c.sys.bind(1, SockAddr.ANY)),
            new Row(Errno.EINVAL, "bind on a socket already bound", root, c -> {
                int s = c.udp();
                c.sys.bind(s, new SockAddr(0, 5000));
                return c.sys.bind(s, new SockAddr(0, 5001));
            }),
            new Row(Errno.EINVAL, "accept on a stream socket that is not listening", root, c -> c.sys.accept(c.tcp(), null)),
            new Row(Errno.EINVAL, "shutdown with an unknown how", root, c -> c.sys.shutdown(c.udp(), 7)),
            new Row(Errno.EAFNOSUPPORT, "socket(AF_INET6, ...) on an IPv4-only kernel", root, c -> c.sys.socket(10, DGRAM, 0)),
            new Row(Errno.EPROTONOSUPPORT, "socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP)", root, c -> c.sys.socket(AF, DGRAM, Sock.IPPROTO_TCP)),
            new Row(Errno.ESOCKTNOSUPPORT, "socket(AF_INET, SOCK_SEQPACKET, 0)", root, c -> c.sys.socket(AF, 5, 0)),
            new Row(Errno.EPERM, "a raw socket without root", Task.USER, c -> c.sys.socket(AF, Sock.SOCK_RAW, 1)),
            new Row(Errno.EADDRINUSE, "a second bind to a UDP port", root, c -> {
                c.sys.bind(c.udp(), new SockAddr(0, 5353));
                return c.sys.bind(c.udp(), new SockAddr(0, 5353));
            }),
            new Row(Errno.EADDRNOTAVAIL, "bind to an address this host does not have", root,
                c -> c.sys.bind(c.udp(), SockAddr.of("10.9.9.9", 5000))),
            new Row(Errno.EACCES, "bind to port 80 as an ordinary user", Task.USER, c -> c.sys.bind(c.udp(), new SockAddr(0, 80))),
            new Row(Errno.EACCES, "sendto a broadcast address without SO_BROADCAST", root,
                c -> c.sys.sendto(c.udp(), new byte[1], 0, 1, 0, SockAddr.of("255.255.255.255", 67))),
            new Row(Errno.EISCONN, "connect on a connected stream socket", root, c -> c.sys.connect(c.connectedTcp(), H2_80)),
            new Row(Errno.ENOTCONN, "getpeername of an unconnected socket", root, c -> c.sys.getpeername(c.udp(), new SockAddr[1])),
            new Row(Errno.ENOTCONN, "recv on a stream socket never connected", root, c -> c.sys.recv(c.tcp(), new byte[1], 0, 1, 0)),
            new Row(Errno.ECONNREFUSED, "connect to a port nobody listens on", root, c -> c.sys.connect(c.tcp(), H2_80)),
            new Row(Errno.ECONNREFUSED, "recv on a connected UDP socket after ICMP port unreachable", root, c -> {
                int s = c.udp();
                c.sys.connect(s, SockAddr.of("10.0.0.2", 9));
                c.sys.send(s, new byte[1], 0, 1, 0);
                return c.sys.recv(s, new byte[1], 0, 1, 0);
            }),
            new Row(Errno.ECONNRESET, "recv after the peer closed with unread data (RST)", root, c -> {
                c.listenerOnH2();
                int s = c.tcp();
                c.sys.connect(s, H2_80);
                Task srv = Processes.on(c.net.h2).tasks().get(0);
                int a = srv.sys().accept(3, null);
                c.sys.send(s, new byte[10], 0, 10, 0);
                c.sys.nanosleep(5_000_000);
                srv.sys().close(a); // 10 bytes unread: RST, not FIN
                return c.sys.recv(s, new byte[1], 0, 1, 0);
            }),
            new Row(Errno.ETIMEDOUT, "connect to a host that never answers", root, c -> {
                c.net.dropTcpFromH1();
                c.net.h1.sysctl().set("net.ipv4.tcp_syn_retries", 1);
                return c.sys.connect(c.tcp(), H2_80);
            }),
            new Row(Errno.EPIPE, "send after shutdown(SHUT_WR)", root, c -> {
                int s = c.connectedTcp();
                c.sys.shutdown(s, Sock.SHUT_WR);
                return c.sys.send(s, new byte[1], 0, 1, 0);
            }),
            new Row(Errno.EPIPE, "send on a UDP socket after shutdown(SHUT_WR)", root, c -> {
                int s = c.udp();
                c.sys.connect(s, SockAddr.of("10.0.0.2", 9));
                c.sys.shutdown(s, Sock.SHUT_WR);
                return c.sys.send(s, new byte[1], 0, 1, 0);
            }),
            new Row(Errno.EAGAIN, "recv with MSG_DONTWAIT and nothing queued", root,
                c -> c.sys.recv(c.udp(), new byte[1], 0, 1, Sock.MSG_DONTWAIT)),
            new Row(Errno.EAGAIN, "accept on a non-blocking listener with an empty queue", root, c -> {
                int l = c.tcp();
                c.sys.bind(l, new SockAddr(0, 8080));
                c.sys.listen(l, 1);
                c.sys.fcntl(l, Syscalls.F_SETFL, Syscalls.O_NONBLOCK);
                return c.sys.accept(l, null);
            }),
            new Row(Errno.EINPROGRESS, "non-blocking connect", root, c -> {
                c.listenerOnH2();
                int s = c.sys.socket(AF, STREAM | TaskSyscalls.SOCK_NONBLOCK, 0);
                return c.sys.connect(s, H2_80);
            }),
            new Row(Errno.EALREADY, "a second non-blocking connect while the first is in progress", root, c -> {
                c.listenerOnH2();
                int s = c.tcp();
                c.sys.fcntl(s, Syscalls.F_SETFL, Syscalls.O_NONBLOCK);
                c.sys.connect(s, H2_80);
                return c.sys.connect(s, H2_80);
            }),
            new Row(Errno.EMFILE, "socket when RLIMIT_NOFILE is reached", root, c -> {
                c.task.fds().setRlimitNofile(4);
                c.udp();
                return c.udp();
            }),
            new Row(Errno.EMSGSIZE, "a UDP datagram above 65507 bytes", root,
                c -> c.sys.sendto(c.udp(), new byte[65508], 0, 65508, 0, SockAddr.of("10.0.0.2", 9))),
            new Row(Errno.EDESTADDRREQ, "send on an unconnected UDP socket", root, c -> c.sys.send(c.udp(), new byte[1], 0, 1, 0)),
            new Row(Errno.EOPNOTSUPP, "listen on a UDP socket", root, c -> c.sys.listen(c.udp(), 5)),
            new Row(Errno.EOPNOTSUPP, "accept on a UDP socket", root, c -> c.sys.accept(c.udp(), null)),
            new Row(Errno.ENOENT, "open of a file that does not exist", root, c -> c.sys.open("/etc/nothing", Syscalls.O_RDONLY)),
            new Row(Errno.EINVAL, "nanosleep with a negative time", root, c -> c.sys.nanosleep(-1)));
    }

    @TestFactory
    Stream<DynamicTest> eachErrno() {
        return rows().stream().map(r -> DynamicTest.dynamicTest(r.errno + ": " + r.situation, () -> {
            Ctx c = new Ctx(r.uid);
            int rc = r.calls.applyAsInt(c);
            assertEquals(r.errno.neg(), rc, r.situation + ": got " + Errno.describe(rc) + "\n" + c.net.diagnostics());
            assertTrue(c.net.h1.oopses().isEmpty() && c.net.h2.oopses().isEmpty());
        }));
    }

    @Test
    void theTableCoversEveryErrnoTheIssueNames() {
        Set<Errno> named = EnumSet.of(Errno.EBADF, Errno.ENOTSOCK, Errno.EINVAL, Errno.EAFNOSUPPORT, Errno.EPROTONOSUPPORT,
                Errno.EADDRINUSE, Errno.EADDRNOTAVAIL, Errno.EACCES, Errno.EISCONN, Errno.ENOTCONN, Errno.ECONNREFUSED,
                Errno.ECONNRESET, Errno.ETIMEDOUT, Errno.EPIPE, Errno.EAGAIN, Errno.EINPROGRESS, Errno.EALREADY,
                Errno.EMFILE, Errno.EMSGSIZE, Errno.EDESTADDRREQ, Errno.EOPNOTSUPP);
        Set<Errno> covered = EnumSet.noneOf(Errno.class);
        for (Row r : rows()) covered.add(r.errno);
        named.removeAll(covered);
        assertTrue(named.isEmpty(), "no row for " + named);
    }
}
