package org.stacklab.syscall;

import java.util.function.IntSupplier;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SocketProto;
import org.stacklab.syscall.procfs.ProcFile;
import org.stacklab.syscall.procfs.ProcFs;

/**
 * The system calls of one process: file descriptors, files and the socket API with the errno
 * values of the Linux man pages. Kernel sockets never block; here a blocking call waits, in
 * virtual time, until the socket's {@link Sock#poll()} says the call can make progress.
 */
final class TaskSyscalls implements Syscalls {
    static final int AF_UNIX = 1, AF_INET6 = 10;
    /** socket(2) type flags. */
    static final int SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    /** Ports below this need root (net.ipv4.ip_unprivileged_port_start). */
    static final int UNPRIVILEGED_PORT_START = 1024;

    private static final int READABLE = Sock.POLLIN | Sock.POLLERR | Sock.POLLHUP | Sock.POLLRDHUP;
    private static final int WRITABLE = Sock.POLLOUT | Sock.POLLERR | Sock.POLLHUP;

    private final Task task;

    TaskSyscalls(Task task) {
        this.task = task;
    }

    // ================================================================== files

    @Override
    public int open(String path, int flags) {
        task.syscallEntry();
        if (path == null) return Errno.EFAULT.neg();
        if (path.isEmpty()) return Errno.ENOENT.neg();
        if (!path.startsWith("/")) path = "/" + path; // every process's cwd is /
        int free = task.fds.lowestFree(0);
        if (free < 0) return free;
        OpenFile f;
        ProcFs proc = ProcFs.of(task.kernel);
        if (proc.serves(path)) {
            ProcFile pf = proc.open(path);
            f = pf == null ? null : new ProcFileAdapter(pf);
        } else {
            VirtualFs fs = Vfs.of(task.kernel).resolve(path);
            f = fs == null ? null : fs.open(path, flags);
        }
        if (f == null) return Errno.ENOENT.neg();
        if ((flags & 3) != O_RDONLY && !f.writable()) {
            f.release();
            return Errno.EACCES.neg();
        }
        return task.fds.install(new FileDescription(f, flags & (3 | O_NONBLOCK)), 0);
    }

    @Override
    public int read(int fd, byte[] buf, int off, int len) {
        task.syscallEntry();
        FileDescription f = task.fds.get(fd);
        if (f == null || !f.readable()) return Errno.EBADF.neg();
        if (len < 0 || off < 0 || off + len > buf.length) return Errno.EFAULT.neg();
        if (f.file.sock() != null) return recvFrom(f, buf, off, len, 0, null);
        return waitFor(f, f.nonBlocking(), READABLE, () -> f.file.read(buf, off, len));
    }

    @Override
    public int write(int fd, byte[] buf, int off, int len) {
        task.syscallEntry();
        FileDescription f = task.fds.get(fd);
        if (f == null || !f.writable()) return Errno.EBADF.neg();
        if (len < 0 || off < 0 || off + len > buf.length) return Errno.EFAULT.neg();
        if (f.file.sock() != null) return sendTo(f, buf, off, len, 0, null);
        return waitFor(f, f.nonBlocking(), WRITABLE, () -> f.file.write(buf, off, len));
    }

    @Override
    public int close(int fd) {
        task.syscallEntry();
        return kernelCall("close", () -> task.fds.close(fd));
    }

    @Override
    public int dup(int fd) {
        task.syscallEntry();
        FileDescription f = task.fds.get(fd);
        if (f == null) return Errno.EBADF.neg();
        return task.fds.install(f, 0);
    }

    @Override
    public int dup2(int oldfd, int newfd) {
        task.syscallEntry();
        FileDescription f = task.fds.get(oldfd);
        if (f == null) return Errno.EBADF.neg();
        if (newfd < 0 || newfd >= task.fds.rlimitNofile()) return Errno.EBADF.neg();
        if (oldfd == newfd) return newfd;
        kernelCall("dup2", () -> {
            task.fds.set(newfd, f);
            return 0;
        });
        return newfd;
    }

    @Override
    public int fcntl(int fd, int cmd, int arg) {
        task.syscallEntry();
        FileDescription f = task.fds.get(fd);
        if (f == null) return Errno.EBADF.neg();
        switch (cmd) {
            case F_DUPFD:
                if (arg < 0 || arg >= task.fds.rlimitNofile()) return Errno.EINVAL.neg();
                return task.fds.install(f, arg);
            case F_GETFD:
                return 0;
            case F_SETFD:
                return 0;
            case F_GETFL:
                return f.flags;
            case F_SETFL:
                // Only the status flags can change; the access mode is fixed at open (fcntl(2)).
                f.flags = (f.flags & 3) | (arg & O_NONBLOCK);
                return 0;
            default:
                return Errno.EINVAL.neg();
        }
    }

    @Override
    public int poll(PollFd[] fds, int timeoutMs) {
        task.syscallEntry();
        if (fds == null) return Errno.EFAULT.neg();
        if (fds.length > task.fds.rlimitNofile()) return Errno.EINVAL.neg();
        int n = scan(fds);
        if (n != 0 || timeoutMs == 0) return n;
        task.block(() -> scan(fds) > 0, timeoutMs < 0 ? -1 : timeoutMs * 1_000_000L);
        return scan(fds);
    }

    /** Fills in revents; returns how many fds have any. POLLERR, POLLHUP and POLLNVAL are always reported. */
    private int scan(PollFd[] fds) {
        int n = 0;
        for (PollFd p : fds) {
            p.revents = 0;
            if (p.fd < 0) continue;
            FileDescription f = task.fds.get(p.fd);
            if (f == null) p.revents = Sock.POLLNVAL;
            else p.revents = f.file.poll() & (p.events | Sock.POLLERR | Sock.POLLHUP);
            if (p.revents != 0) n++;
        }
        return n;
    }

    // ================================================================== sockets

    @Override
    public int socket(int domain, int type, int protocol) {
        task.syscallEntry();
        if (domain != InetSockets.AF_INET) return Errno.EAFNOSUPPORT.neg();
        int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
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
            return oops("socket", e);
        }
        FileDescription f = new FileDescription(new SocketFile(s), O_RDWR | ((type & SOCK_NONBLOCK) != 0 ? O_NONBLOCK : 0));
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

    @Override
    public int bind(int fd, SockAddr addr) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        if (addr == null) return Errno.EFAULT.neg();
        if (addr.port() < 0 || addr.port() > 65535) return Errno.EINVAL.neg();
        // inet_bind: ports below ip_unprivileged_port_start need CAP_NET_BIND_SERVICE.
        long unpriv = task.kernel.sysctl().get("net.ipv4.ip_unprivileged_port_start", UNPRIVILEGED_PORT_START);
        if (addr.port() != 0 && addr.port() < unpriv && task.uid() != Task.ROOT) return Errno.EACCES.neg();
        Sock s = f.file.sock();
        return kernelCall("bind", () -> s.bind(addr));
    }

    @Override
    public int listen(int fd, int backlog) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        Sock s = f.file.sock();
        if (s.type() != Sock.SOCK_STREAM) return Errno.EOPNOTSUPP.neg();
        // somaxconn caps the backlog silently (listen(2)).
        int max = (int) task.kernel.sysctl().get("net.core.somaxconn", 4096);
        int b = backlog < 0 || backlog > max ? max : backlog;
        return kernelCall("listen", () -> s.listen(b));
    }

    @Override
    public int accept(int fd, SockAddr[] peer) {
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
                return oops("accept", e);
            }
            if (c != null) {
                FileDescription cf = new FileDescription(new SocketFile(c), O_RDWR);
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
    @Override
    public int connect(int fd, SockAddr addr) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        Sock s = f.file.sock();
        if (s.type() != Sock.SOCK_STREAM) return kernelCall("connect", () -> s.connect(addr));
        if (addr == null) return Errno.EFAULT.neg();
        switch (f.socketState) {
            case CONNECTED:
                return Errno.EISCONN.neg();
            case CONNECTING:
                if ((s.poll() & WRITABLE) == 0 && f.nonBlocking()) return Errno.EALREADY.neg();
                break;
            case UNCONNECTED:
                int rc = kernelCall("connect", () -> s.connect(addr));
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

    @Override
    public int send(int fd, byte[] buf, int off, int len, int flags) { return sendto(fd, buf, off, len, flags, null); }

    @Override
    public int recv(int fd, byte[] buf, int off, int len, int flags) { return recvfrom(fd, buf, off, len, flags, null); }

    @Override
    public int sendto(int fd, byte[] buf, int off, int len, int flags, SockAddr to) {
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
    private int sendTo(FileDescription f, byte[] buf, int off, int len, int flags, SockAddr to) {
        Sock s = f.file.sock();
        boolean nonBlocking = f.nonBlocking() || (flags & Sock.MSG_DONTWAIT) != 0;
        boolean stream = s.type() == Sock.SOCK_STREAM;
        SockAddr dest = stream ? null : to; // a connected stream ignores the address (send(2))
        int sent = 0;
        while (true) {
            int done = sent;
            int rc = kernelCall("sendmsg", () -> s.sendmsg(buf, off + done, len - done, flags, dest));
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

    @Override
    public int recvfrom(int fd, byte[] buf, int off, int len, int flags, SockAddr[] from) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        if (buf == null || len < 0 || off < 0 || off + len > buf.length) return Errno.EFAULT.neg();
        return recvFrom(f, buf, off, len, flags, from);
    }

    private int recvFrom(FileDescription f, byte[] buf, int off, int len, int flags, SockAddr[] from) {
        Sock s = f.file.sock();
        boolean nonBlocking = f.nonBlocking() || (flags & Sock.MSG_DONTWAIT) != 0;
        return waitFor(f, nonBlocking, READABLE, () -> s.recvmsg(buf, off, len, flags, from));
    }

    /** Runs {@code op}; while it says EAGAIN and the call may block, waits for {@code events} and retries. */
    private int waitFor(FileDescription f, boolean nonBlocking, int events, IntSupplier op) {
        while (true) {
            int rc = kernelCall("io", op);
            if (rc != Errno.EAGAIN.neg() || nonBlocking) return rc;
            task.block(() -> (f.file.poll() & events) != 0, -1);
            task.syscallEntry(); // a retry costs a time slice step, so a file that lies in poll() cannot spin forever
        }
    }

    @Override
    public int shutdown(int fd, int how) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        if (how < Sock.SHUT_RD || how > Sock.SHUT_RDWR) return Errno.EINVAL.neg();
        Sock s = f.file.sock();
        return kernelCall("shutdown", () -> s.shutdown(how));
    }

    @Override
    public int getsockname(int fd, SockAddr[] out) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        if (out == null || out.length == 0) return Errno.EFAULT.neg();
        out[0] = f.file.sock().localAddress();
        return 0;
    }

    @Override
    public int getpeername(int fd, SockAddr[] out) {
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

    @Override
    public int setsockopt(int fd, int level, int name, int value) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        Sock s = f.file.sock();
        return kernelCall("setsockopt", () -> s.setsockopt(level, name, value));
    }

    @Override
    public int getsockopt(int fd, int level, int name) {
        task.syscallEntry();
        int[] err = new int[1];
        FileDescription f = sockFd(fd, err);
        if (f == null) return err[0];
        Sock s = f.file.sock();
        if (level == Sock.SOL_SOCKET && name == Sock.SO_TYPE) return s.type();
        return kernelCall("getsockopt", () -> s.getsockopt(level, name));
    }

    // ================================================================== process and time

    @Override
    public int getpid() {
        task.syscallEntry();
        return task.pid();
    }

    @Override
    public int getuid() {
        task.syscallEntry();
        return task.uid();
    }

    @Override
    public long clockGettime() {
        task.syscallEntry();
        return task.kernel.now();
    }

    @Override
    public int nanosleep(long ns) {
        task.syscallEntry();
        if (ns < 0) return Errno.EINVAL.neg();
        if (ns == 0) return 0;
        long wake = task.kernel.now() + ns;
        task.block(() -> task.kernel.now() >= wake, ns);
        return 0;
    }

    @Override
    public int initModule(String name, String params) {
        task.syscallEntry();
        return kernelCall("init_module", () -> ModuleCalls.initModule(task.kernel, task.uid(), name, params));
    }

    @Override
    public int deleteModule(String name, int flags) {
        task.syscallEntry();
        return kernelCall("delete_module", () -> ModuleCalls.deleteModule(task.kernel, task.uid(), name));
    }

    /** A procfs snapshot as an fd's file: read-only, always ready. */
    private record ProcFileAdapter(ProcFile pf) implements OpenFile {
        @Override public int read(byte[] buf, int off, int len) { return pf.read(buf, off, len); }
        @Override public int write(byte[] buf, int off, int len) { return Errno.EBADF.neg(); }
        @Override public int poll() { return Sock.POLLIN | Sock.POLLOUT; }
        @Override public void release() {}
        @Override public String toString() { return pf.path(); }
    }

    // ================================================================== kernel entry

    /**
     * Calls into kernel code. An exception there is a kernel bug, not the program's: it is recorded
     * as an oops, and the process dies as it would on Linux (SIGSEGV), leaving the others running.
     */
    private int kernelCall(String what, IntSupplier call) {
        try {
            return call.getAsInt();
        } catch (TaskExit e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            return oops(what, e);
        }
    }

    private int oops(String what, Throwable e) {
        task.kernel.oops(what + " from " + task, e);
        if (task.onOwnThread()) {
            task.eprint("Segmentation fault (kernel oops in " + what + ": " + e + ")\n");
            throw new TaskExit(128 + Task.SIGSEGV);
        }
        return Errno.EFAULT.neg();
    }
}
