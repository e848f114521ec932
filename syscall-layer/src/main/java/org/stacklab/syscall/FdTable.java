package org.stacklab.syscall;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.socket.Errno;

/**
 * A process's file descriptor table: fds are small integers, a new one is always the lowest free
 * (POSIX requires it, and programs rely on it: close(0) then open() gives 0), and RLIMIT_NOFILE
 * bounds them (EMFILE).
 */
public final class FdTable {
    /** Linux's default soft RLIMIT_NOFILE. */
    public static final int DEFAULT_NOFILE = 1024;

    private final List<FileDescription> fds = new ArrayList<>();
    private int rlimitNofile = DEFAULT_NOFILE;

    public int rlimitNofile() { return rlimitNofile; }

    /** setrlimit(RLIMIT_NOFILE): fds already open above it stay open. */
    public void setRlimitNofile(int n) { rlimitNofile = n; }

    FileDescription get(int fd) {
        if (fd < 0 || fd >= fds.size()) return null;
        return fds.get(fd);
    }

    /** Installs {@code f} at the lowest free fd at or above {@code min}; -EMFILE if none is under the limit. */
    int install(FileDescription f, int min) {
        int fd = lowestFree(min);
        if (fd < 0) return fd;
        set(fd, f);
        return fd;
    }

    int lowestFree(int min) {
        for (int fd = Math.max(0, min); fd < rlimitNofile; fd++) {
            if (fd >= fds.size() || fds.get(fd) == null) return fd;
        }
        return Errno.EMFILE.neg();
    }

    /** Puts {@code f} at {@code fd}, closing what was there (dup2). */
    void set(int fd, FileDescription f) {
        while (fds.size() <= fd) fds.add(null);
        FileDescription old = fds.get(fd);
        f.get();
        fds.set(fd, f);
        if (old != null) old.put();
    }

    /** Closes {@code fd}; -EBADF if it is not open. */
    int close(int fd) {
        FileDescription f = get(fd);
        if (f == null) return Errno.EBADF.neg();
        fds.set(fd, null);
        f.put();
        return 0;
    }

    /** Closes every fd, lowest first (process exit). */
    void closeAll() {
        for (int fd = 0; fd < fds.size(); fd++) if (fds.get(fd) != null) close(fd);
    }

    /** The open fds in order. */
    public List<Integer> openFds() {
        List<Integer> l = new ArrayList<>();
        for (int fd = 0; fd < fds.size(); fd++) if (fds.get(fd) != null) l.add(fd);
        return l;
    }

    /** The file at {@code fd}, or null (for ss and /proc/PID/fd). */
    public OpenFile file(int fd) {
        FileDescription f = get(fd);
        return f == null ? null : f.file;
    }
}
