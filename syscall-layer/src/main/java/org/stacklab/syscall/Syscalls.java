package org.stacklab.syscall;

import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.SockAddr;

/**
 * The system calls a user program may make, as the raw Linux syscalls behave: each returns a
 * non-negative result or {@code -errno} ({@code -Errno.EBADF.code}); nothing throws for a bad
 * argument. A blocking call (accept, recv, connect, poll with a timeout) blocks in <i>virtual</i>
 * time: the process sleeps and the scenario runs until the call can complete.
 *
 * <p>"Everything is a file": sockets, the console (fds 0/1/2) and /proc files share one fd table,
 * and {@link #read}/{@link #write}/{@link #close} work on all of them.
 */
public interface Syscalls {
    int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_TRUNC = 0x200, O_APPEND = 0x400, O_NONBLOCK = 0x800;
    int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4;

    // ---- files ----
    int open(String path, int flags);
    int read(int fd, byte[] buf, int off, int len);
    int write(int fd, byte[] buf, int off, int len);
    int close(int fd);
    int dup(int fd);
    int dup2(int oldfd, int newfd);
    int fcntl(int fd, int cmd, int arg);

    /** Waits until one of {@code fds} is ready or {@code timeoutMs} passes (-1 = forever); returns how many are ready. */
    int poll(PollFd[] fds, int timeoutMs);

    // ---- sockets ----
    int socket(int domain, int type, int protocol);
    int bind(int fd, SockAddr addr);
    int listen(int fd, int backlog);
    /** Returns the new fd; if {@code peer} is non-null, {@code peer[0]} receives the peer's address. */
    int accept(int fd, SockAddr[] peer);
    int connect(int fd, SockAddr addr);
    int send(int fd, byte[] buf, int off, int len, int flags);
    int recv(int fd, byte[] buf, int off, int len, int flags);
    int sendto(int fd, byte[] buf, int off, int len, int flags, SockAddr to);
    int recvfrom(int fd, byte[] buf, int off, int len, int flags, SockAddr[] from);
    int shutdown(int fd, int how);
    int getsockname(int fd, SockAddr[] out);
    int getpeername(int fd, SockAddr[] out);
    int setsockopt(int fd, int level, int name, int value);
    /** The option's value (non-negative), or -errno. */
    int getsockopt(int fd, int level, int name);

    // ---- process and time ----
    int getpid();
    int getuid();
    /** CLOCK_MONOTONIC in nanoseconds (virtual time). */
    long clockGettime();
    /** Sleeps {@code ns} of virtual time. */
    int nanosleep(long ns);

    // ---- kernel modules (init_module(2), delete_module(2)); the kernel half is ModuleCalls ----

    /**
     * Loads module {@code name} with {@code params} ("impl=student"); root only. 0, or -EPERM,
     * -EEXIST (already loaded), -ENOENT (no such module, or a module it needs is not loaded), -EINVAL.
     * Default: -ENOSYS, for a syscall layer that does not offer module loading.
     */
    default int initModule(String name, String params) { return Errno.ENOSYS.neg(); }

    /** Unloads module {@code name}; root only. 0, or -EPERM, -ENOENT (not loaded), -EAGAIN (in use). */
    default int deleteModule(String name, int flags) { return Errno.ENOSYS.neg(); }
}
