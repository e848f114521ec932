package org.stacklab.syscall;

import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SocketProto;

/**
 * The socket system calls of one process ({@code net/socket.c} with {@code inet_stream_connect}):
 * fd checks (EBADF, ENOTSOCK), the checks Linux makes above the transport (EAFNOSUPPORT, EACCES for
 * privileged ports, EOPNOTSUPP), the connect state machine, and the blocking loops: a call the
 * socket answers with -EAGAIN waits, in virtual time, until the socket's poll() says to retry.
 */
final class SocketCalls {
    static final int READABLE = Sock.POLLIN | Sock.POLLERR | Sock.POLLHUP | Sock.POLLRDHUP;
    static final int WRITABLE = Sock.POLLOUT | Sock.POLLERR | Sock.POLLHUP;

    private final Task task;
    private final TaskSyscalls sys;

    SocketCalls(Task task, TaskSyscalls sys) {
        this.task = task;
        this.sys = sys;
    }

    int socket(int domain, int type, int protocol) {
        task.syscallEntry();
        if (domain != InetSockets.AF_INET) return Errno.EAFNOSUPPORT.neg();
        int base = type & ~(TaskSyscalls.SOCK_NONBLOCK | TaskSyscalls.SOCK_CLOEXEC);
        if (base < Sock.SOCK_STREAM || base > 10) return Errno.EINVAL.neg();
        if (base == Sock.SOCK_RAW && task.uid() != Task.ROOT) return Errno.EPERM.neg();
        InetSockets family = InetSockets.of(task.kernel);
        // inet_create: no transport of this type at all → ESOCKTNOSUPPORT; the type exists but not
        // with this protocol → EPROTONOSUPPORT.
        if (!family.hasType(base)) return protocol == 0 ? Errno.ESOCKTNOSUPPORT.neg() : Errno.EPROTONOSUPPORT.neg();
        SocketProto proto = family.lookup(base, protocol);
        if (proto == null) return Errno.EPROTONOSUPPORT.neg();
        int free = task.fds.lowestFree(0);
        if (free < 0) return free;
        Sock s;
        try {
            s = proto.create();
        } catch (RuntimeException e) {
            return sys.oops("socket", e);
        }
        int flags = Syscalls.O_RDWR | ((type & TaskSyscalls.SOCK_NONBLOCK) != 0 ? Syscalls.O_NONBLOCK : 0);
        FileDescription f = new FileDescription(new SocketFile(s), flags);
        return task.fds.install(f, 0);
    }

    /** The socket file at {@code fd}: null with {@code err[0]} = -EBADF or -ENOTSOCK. */
    private FileDescription sockFd(int fd, int[] err) {
        FileDescription f = task.fds.get(fd);
        if (f == null) {
            err[0] = Errno.EBADF.neg();
            return null;
        }
        if (f.file.sock() == null) {
            err[0] = Errno.ENOTSOCK.neg();
            return null;
        }
        return f;
    }

    int bind(int fd, SockAddr addr) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        if (addr == null) return Errno.EFAULT.neg();
        if (addr.port() < 0 || addr.port() > 65535) return Errno.EINVAL.neg();
        // inet_bind: ports below ip_unprivileged_port_start need CAP_NET_BIND_SERVICE.
        long unpriv = task.kernel.sysctl().get("net.ipv4.ip_unprivileged_port_start", TaskSyscalls.UNPRIVILEGED_PORT_START);
        if (addr.port() != 0 && addr.port() < unpriv && task.uid() != Task.ROOT) return Errno.EACCES.neg();
        Sock s = f.file.sock();
        return sys.kernelCall("bind", () -> s.bind(addr));
    }

    int listen(int fd, int backlog) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        Sock s = f.file.sock();
        if (s.type() != Sock.SOCK_STREAM) return Errno.EOPNOTSUPP.neg();
        // somaxconn caps the backlog silently (listen(2)).
        int max = (int) task.kernel.sysctl().get("net.core.somaxconn", 4096);
        int b = backlog < 0 || backlog > max ? max : backlog;
        return sys.kernelCall("listen", () -> s.listen(b));
    }

    int accept(int fd, SockAddr[] peer) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        Sock s = f.file.sock();
        if (s.type() != Sock.SOCK_STREAM) return Errno.EOPNOTSUPP.neg();
        while (true) {
            if (!"LISTEN".equals(s.info().state())) return Errno.EINVAL.neg();
            int free = task.fds.lowestFree(0);
            if (free < 0) return free; // the connection stays queued for a later accept
            Sock c;
            try {
                c = s.accept();
            } catch (RuntimeException e) {
                return sys.oops("accept", e);
            }
            if (c != null) {
                FileDescription cf = new FileDescription(new SocketFile(c), Syscalls.O_RDWR);
                cf.socketState = FileDescription.SocketState.CONNECTED;
                if (peer != null && peer.length > 0) peer[0] = c.peerAddress();
                return task.fds.install(cf, 0);
            }
            if (f.nonBlocking()) return Errno.EAGAIN.neg();
            // Only poll() in the wait condition: it is checked after every event of the scenario.
            task.block(() -> (s.poll() & READABLE) != 0, -1);
        }
    }

    /**
     * connect(2). For a stream socket this is inet_stream_connect's state machine: a second call
     * while the handshake runs gives EALREADY, one after it completed EISCONN; a blocking call
     * waits for the handshake and returns its outcome (ECONNREFUSED, ETIMEDOUT, ...).
     */
    int connect(int fd, SockAddr addr) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        Sock s = f.file.sock();
        if (s.type() != Sock.SOCK_STREAM) return sys.kernelCall("connect", () -> s.connect(addr));
        if (addr == null) return Errno.EFAULT.neg();
        switch (f.socketState) {
            case CONNECTED:
                return Errno.EISCONN.neg();
            case CONNECTING:
                if ((s.poll() & WRITABLE) == 0 && f.nonBlocking()) return Errno.EALREADY.neg();
                break;
            case UNCONNECTED:
                int rc = sys.kernelCall("connect", () -> s.connect(addr));
                if (rc == 0) {
                    f.socketState = FileDescription.SocketState.CONNECTED;
                    return 0;
                }
                if (rc != Errno.EINPROGRESS.neg()) return rc;
                f.socketState = FileDescription.SocketState.CONNECTING;
                if (f.nonBlocking()) return rc;
                break;
            default:
                break;
        }
        task.block(() -> (s.poll() & WRITABLE) != 0, -1);
        return finishConnect(f, s);
    }

    private static int finishConnect(FileDescription f, Sock s) {
        int e = s.takeError();
        if (e == 0 && s.peerAddress() != null && (s.poll() & Sock.POLLOUT) != 0) {
            f.socketState = FileDescription.SocketState.CONNECTED;
            return 0;
        }
        f.socketState = FileDescription.SocketState.UNCONNECTED;
        return e != 0 ? -e : Errno.ECONNABORTED.neg();
    }

    int send(int fd, byte[] buf, int off, int len, int flags) { return sendto(fd, buf, off, len, flags, null); }

    int recv(int fd, byte[] buf, int off, int len, int flags) { return recvfrom(fd, buf, off, len, flags, null); }

    int sendto(int fd, byte[] buf, int off, int len, int flags, SockAddr to) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        if (buf == null || len < 0 || off < 0 || off + len > buf.length) return Errno.EFAULT.neg();
        return sendTo(f, buf, off, len, flags, to);
    }

    /**
     * A datagram goes whole or not at all. On a stream a blocking send returns only when all
     * {@code len} bytes are queued (or an error ends it: then the bytes queued so far count); a
     * non-blocking one queues what fits.
     */
    int sendTo(FileDescription f, byte[] buf, int off, int len, int flags, SockAddr to) {
        Sock s = f.file.sock();
        boolean nonBlocking = f.nonBlocking() || (flags & Sock.MSG_DONTWAIT) != 0;
        boolean stream = s.type() == Sock.SOCK_STREAM;
        SockAddr dest = stream ? null : to; // a connected stream ignores the address (send(2))
        int sent = 0;
        while (true) {
            int done = sent;
            int rc = sys.kernelCall("sendmsg", () -> s.sendmsg(buf, off + done, len - done, flags, dest));
            if (rc == Errno.EAGAIN.neg()) {
                if (nonBlocking) return sent > 0 ? sent : rc;
                task.block(() -> (s.poll() & WRITABLE) != 0, -1);
                continue;
            }
            if (rc < 0) return sent > 0 ? sent : rc;
            if (!stream) return rc;
            sent += rc;
            if (sent >= len || nonBlocking) return sent;
        }
    }

    int recvfrom(int fd, byte[] buf, int off, int len, int flags, SockAddr[] from) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        if (buf == null || len < 0 || off < 0 || off + len > buf.length) return Errno.EFAULT.neg();
        return recvFrom(f, buf, off, len, flags, from);
    }

    int recvFrom(FileDescription f, byte[] buf, int off, int len, int flags, SockAddr[] from) {
        Sock s = f.file.sock();
        boolean nonBlocking = f.nonBlocking() || (flags & Sock.MSG_DONTWAIT) != 0;
        int kflags = flags & ~Sock.MSG_WAITALL;
        if ((flags & Sock.MSG_WAITALL) == 0 || nonBlocking || (flags & Sock.MSG_PEEK) != 0 || s.type() != Sock.SOCK_STREAM) {
            return sys.waitFor(f, nonBlocking, READABLE, () -> s.recvmsg(buf, off, len, kflags, from));
        }
        // MSG_WAITALL (recv(2)): keep reading until len bytes, end of stream or an error; an
        // error after some data returns the data, and the error comes with the next call.
        int got = 0;
        while (got < len) {
            int done = got;
            int n = sys.waitFor(f, false, READABLE, () -> s.recvmsg(buf, off + done, len - done, kflags, from));
            if (n <= 0) return got > 0 ? got : n;
            got += n;
        }
        return got;
    }


    int shutdown(int fd, int how) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        if (how < Sock.SHUT_RD || how > Sock.SHUT_RDWR) return Errno.EINVAL.neg();
        Sock s = f.file.sock();
        return sys.kernelCall("shutdown", () -> s.shutdown(how));
    }

    int getsockname(int fd, SockAddr[] out) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        if (out == null || out.length == 0) return Errno.EFAULT.neg();
        out[0] = f.file.sock().localAddress();
        return 0;
    }

    int getpeername(int fd, SockAddr[] out) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        if (out == null || out.length == 0) return Errno.EFAULT.neg();
        SockAddr p = f.file.sock().peerAddress();
        if (p == null) return Errno.ENOTCONN.neg();
        out[0] = p;
        return 0;
    }

    int setsockopt(int fd, int level, int name, int value) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        Sock s = f.file.sock();
        return sys.kernelCall("setsockopt", () -> s.setsockopt(level, name, value));
    }

    int getsockopt(int fd, int level, int name) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        Sock s = f.file.sock();
        if (level == Sock.SOL_SOCKET && name == Sock.SO_TYPE) return s.type();
        return sys.kernelCall("getsockopt", () -> s.getsockopt(level, name));
    }
}
