package org.stacklab.syscall;

/**
 * A file system that {@link Vfs#mount mounts} under a path on one host, the way procfs is mounted
 * at /proc: {@link Syscalls#open} hands it every path below its mount point.
 */
public interface VirtualFs {
    /**
     * Opens {@code path} (absolute, e.g. {@code /proc/net/dev}); the file's contents are usually
     * generated now, as Linux's seq_file does. Returns null if there is no such file (ENOENT).
     */
    OpenFile open(String path, int flags);

    /** Names of the entries in directory {@code path} (for ls); empty if it is not a directory. */
    default java.util.List<String> list(String path) { return java.util.List.of(); }
}
