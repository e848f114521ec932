package org.stacklab.syscall;

import java.util.function.IntSupplier;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.syscall.procfs.ProcFile;
import org.stacklab.syscall.procfs.ProcFs;

/**
 * The system calls of one process: file descriptors, files, process and time, with the errno
 * values of the Linux man pages; the socket calls are in {@link SocketCalls}. Files never block;
 * a blocking call waits, in virtual time, until the file's poll() says it can make progress.
 */
final class TaskSyscalls implements Syscalls {
    static final int AF_UNIX = 1, AF_INET6 = 10;
    /** socket(2) type flags. */
    static final int SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    /** Ports below this need root (net.ipv4.ip_unprivileged_port_start). */
    static final int UNPRIVILEGED_PORT_START = 1024;

    private static final int READABLE = SocketCalls.READABLE, WRITABLE = SocketCalls.WRITABLE;

    private final Task task;
    private final SocketCalls sockets;

    TaskSyscalls(Task task) {
        this.task = task;
        this.sockets = new SocketCalls(task, this);
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
        Vfs vfs = Vfs.of(task.kernel);
        String mount = vfs.mountPoint(path);
        if (mount != null && mount.startsWith("/proc/")) {
            // A file system mounted inside /proc (SysctlFs at /proc/sys/net) serves its own subtree.
            f = vfs.resolve(path).open(path, flags);
        } else if (proc.serves(path)) {
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
        if (f.file.sock() != null) return sockets.recvFrom(f, buf, off, len, 0, null);
        return waitFor(f, f.nonBlocking(), READABLE, () -> f.file.read(buf, off, len));
    }

    @Override
    public int write(int fd, byte[] buf, int off, int len) {
        task.syscallEntry();
        FileDescription f = task.fds.get(fd);
        if (f == null || !f.writable()) return Errno.EBADF.neg();
        if (len < 0 || off < 0 || off + len > buf.length) return Errno.EFAULT.neg();
        if (f.file.sock() != null) return sockets.sendTo(f, buf, off, len, 0, null);
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

    // ================================================================== sockets (SocketCalls)

    @Override
    public int socket(int domain, int type, int protocol) { return sockets.socket(domain, type, protocol); }

    @Override
    public int bind(int fd, SockAddr addr) { return sockets.bind(fd, addr); }

    @Override
    public int listen(int fd, int backlog) { return sockets.listen(fd, backlog); }

    @Override
    public int accept(int fd, SockAddr[] peer) { return sockets.accept(fd, peer); }

    @Override
    public int connect(int fd, SockAddr addr) { return sockets.connect(fd, addr); }

    @Override
    public int send(int fd, byte[] buf, int off, int len, int flags) { return sockets.sendto(fd, buf, off, len, flags, null); }

    @Override
    public int recv(int fd, byte[] buf, int off, int len, int flags) { return sockets.recvfrom(fd, buf, off, len, flags, null); }

    @Override
    public int sendto(int fd, byte[] buf, int off, int len, int flags, SockAddr to) { return sockets.sendto(fd, buf, off, len, flags, to); }

    @Override
    public int recvfrom(int fd, byte[] buf, int off, int len, int flags, SockAddr[] from) {
        return sockets.recvfrom(fd, buf, off, len, flags, from);
    }

    @Override
    public int shutdown(int fd, int how) { return sockets.shutdown(fd, how); }

    @Override
    public int getsockname(int fd, SockAddr[] out) { return sockets.getsockname(fd, out); }

    @Override
    public int getpeername(int fd, SockAddr[] out) { return sockets.getpeername(fd, out); }

    @Override
    public int setsockopt(int fd, int level, int name, int value) { return sockets.setsockopt(fd, level, name, value); }

    @Override
    public int getsockopt(int fd, int level, int name) { return sockets.getsockopt(fd, level, name); }

    /** Runs {@code op}; while it says EAGAIN and the call may block, waits for {@code events} and retries. */
    int waitFor(FileDescription f, boolean nonBlocking, int events, IntSupplier op) {
        while (true) {
            int rc = kernelCall("io", op);
            if (rc != Errno.EAGAIN.neg() || nonBlocking) return rc;
            task.block(() -> (f.file.poll() & events) != 0, -1);
            task.syscallEntry(); // a retry costs a time slice step, so a file that lies in poll() cannot spin forever
        }
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
    int kernelCall(String what, IntSupplier call) {
        try {
            return call.getAsInt();
        } catch (TaskExit e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            return oops(what, e);
        }
    }

    int oops(String what, Throwable e) {
        task.kernel.oops(what + " from " + task, e);
        if (task.onOwnThread()) {
            task.eprint("Segmentation fault (kernel oops in " + what + ": " + e + ")\n");
            throw new TaskExit(128 + Task.SIGSEGV);
        }
        return Errno.EFAULT.neg();
    }
}
