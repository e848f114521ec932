package org.stacklab.userland;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SocketProto;
import org.stacklab.syscall.ModuleCalls;
import org.stacklab.syscall.PollFd;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;
import org.stacklab.syscall.procfs.ProcFile;
import org.stacklab.syscall.procfs.ProcFs;

/**
 * A single process on one kernel for testing user programs before (and independently of) the
 * real syscall layer: files from procfs, sockets straight from InetSockets, blocking by running
 * the event loop in place. Only what the programs under test call is implemented.
 */
final class DirectProcess implements UserProcess, Syscalls {
    private final Kernel kernel;
    private final int uid;
    private final java.util.function.Consumer<String> stdout, stderr;
    private final Map<Integer, Object> fds = new TreeMap<>();

    DirectProcess(Kernel kernel, int uid, java.util.function.Consumer<String> stdout, java.util.function.Consumer<String> stderr) {
        this.kernel = kernel;
        this.uid = uid;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs argv as root; returns stdout, then stderr, then "[exit N]" if N is not 0. */
    static String run(Kernel k, String... argv) { return runAs(k, 0, argv); }

    static String runAs(Kernel k, int uid, String... argv) {
        StringBuilder out = new StringBuilder(), err = new StringBuilder();
        DirectProcess p = new DirectProcess(k, uid, out::append, err::append);
        int rc = Programs.lookup(argv[0]).main(p, argv);
        return out.toString() + err + (rc == 0 ? "" : "[exit " + rc + "]\n");
    }

    @Override public Syscalls sys() { return this; }
    @Override public int pid() { return 100; }
    @Override public String hostname() { return kernel.hostname(); }
    @Override public void print(String s) { stdout.accept(s); }
    @Override public void eprint(String s) { stderr.accept(s); }

    private int allocFd(Object o) {
        int fd = 3;
        while (fds.containsKey(fd)) fd++;
        fds.put(fd, o);
        return fd;
    }

    @Override public int open(String path, int flags) {
        ProcFs fs = ProcFs.of(kernel);
        if (!fs.serves(path)) return Errno.ENOENT.neg();
        ProcFile f = fs.open(path);
        if (f == null) return fs.isDirectory(path) ? Errno.EISDIR.neg() : Errno.ENOENT.neg();
        return allocFd(f);
    }

    @Override public int read(int fd, byte[] buf, int off, int len) {
        Object o = fds.get(fd);
        if (o instanceof ProcFile f) return f.read(buf, off, len);
        if (o instanceof Sock) return recv(fd, buf, off, len, 0);
        return Errno.EBADF.neg();
    }

    @Override public int write(int fd, byte[] buf, int off, int len) {
        String s = new String(buf, off, len, StandardCharsets.UTF_8);
        if (fd == 1) stdout.accept(s);
        else if (fd == 2) stderr.accept(s);
        else return Errno.EBADF.neg();
        return len;
    }

    @Override public int close(int fd) {
        Object o = fds.remove(fd);
        if (o == null) return Errno.EBADF.neg();
        if (o instanceof Sock s) s.close();
        return 0;
    }

    @Override public int dup(int fd) { return Errno.ENOSYS.neg(); }
    @Override public int dup2(int oldfd, int newfd) { return Errno.ENOSYS.neg(); }
    @Override public int fcntl(int fd, int cmd, int arg) { return Errno.ENOSYS.neg(); }

    @Override public int poll(PollFd[] pfds, int timeoutMs) {
        long timeout = timeoutMs < 0 ? Long.MAX_VALUE : timeoutMs * 1_000_000L;
        kernel.loop().runUntil(() -> ready(pfds) > 0, timeout);
        return ready(pfds);
    }

    private int ready(PollFd[] pfds) {
        int n = 0;
        for (PollFd p : pfds) {
            Object o = fds.get(p.fd);
            p.revents = o instanceof Sock s ? s.poll() & (p.events | Sock.POLLERR | Sock.POLLHUP) : Sock.POLLNVAL;
            if (p.revents != 0) n++;
        }
        return n;
    }

    @Override public int socket(int domain, int type, int protocol) {
        if (domain != InetSockets.AF_INET) return Errno.EAFNOSUPPORT.neg();
        SocketProto p = InetSockets.of(kernel).lookup(type, protocol);
        if (p == null) return Errno.EPROTONOSUPPORT.neg();
        Sock s = p.create();
        return s == null ? Errno.ENOBUFS.neg() : allocFd(s);
    }

    private Sock sock(int fd) { return fds.get(fd) instanceof Sock s ? s : null; }

    @Override public int bind(int fd, SockAddr addr) { return sock(fd).bind(addr); }
    @Override public int listen(int fd, int backlog) { return sock(fd).listen(backlog); }
    @Override public int accept(int fd, SockAddr[] peer) { return Errno.ENOSYS.neg(); }
    @Override public int connect(int fd, SockAddr addr) { return sock(fd).connect(addr); }
    @Override public int send(int fd, byte[] b, int off, int len, int flags) { return sendto(fd, b, off, len, flags, null); }
    @Override public int recv(int fd, byte[] b, int off, int len, int flags) { return recvfrom(fd, b, off, len, flags, null); }

    @Override public int sendto(int fd, byte[] b, int off, int len, int flags, SockAddr to) {
        Sock s = sock(fd);
        return s == null ? Errno.EBADF.neg() : s.sendmsg(b, off, len, flags, to);
    }

    @Override public int recvfrom(int fd, byte[] b, int off, int len, int flags, SockAddr[] from) {
        Sock s = sock(fd);
        if (s == null) return Errno.EBADF.neg();
        int rc = s.recvmsg(b, off, len, flags, from);
        if (rc != Errno.EAGAIN.neg() || (flags & Sock.MSG_DONTWAIT) != 0) return rc;
        kernel.loop().runUntil(() -> (s.poll() & Sock.POLLIN) != 0, Long.MAX_VALUE);
        return s.recvmsg(b, off, len, flags, from);
    }

    @Override public int shutdown(int fd, int how) { return sock(fd).shutdown(how); }
    @Override public int getsockname(int fd, SockAddr[] out) { out[0] = sock(fd).localAddress(); return 0; }
    @Override public int getpeername(int fd, SockAddr[] out) { out[0] = sock(fd).peerAddress(); return 0; }
    @Override public int setsockopt(int fd, int level, int name, int value) { return sock(fd).setsockopt(level, name, value); }
    @Override public int getsockopt(int fd, int level, int name) { return sock(fd).getsockopt(level, name); }
    @Override public int getpid() { return 100; }
    @Override public int getuid() { return uid; }
    @Override public long clockGettime() { return kernel.now(); }

    @Override public int nanosleep(long ns) {
        kernel.loop().runFor(ns);
        return 0;
    }

    @Override public int initModule(String name, String params) { return ModuleCalls.initModule(kernel, uid, name, params); }
    @Override public int deleteModule(String name, int flags) { return ModuleCalls.deleteModule(kernel, uid, name); }
}
