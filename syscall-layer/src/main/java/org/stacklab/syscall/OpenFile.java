package org.stacklab.syscall;

import org.stacklab.kernel.socket.Sock;

/**
 * What an fd points at ({@code struct file_operations}): a socket, the console, a /proc file.
 * Like kernel sockets, files never block: an operation that cannot complete now returns -EAGAIN
 * and {@link #poll()} says when to try again; the syscall layer does the waiting.
 */
public interface OpenFile {
    /** Bytes read, 0 at end of file, or -errno (-EAGAIN when nothing is there yet). */
    int read(byte[] buf, int off, int len);

    /** Bytes written, or -errno. */
    int write(byte[] buf, int off, int len);

    /** Readiness as poll(2) bits (Sock.POLLIN, POLLOUT, POLLERR, POLLHUP). */
    int poll();

    /** The last close of the last fd referring to it. */
    void release();

    /** Whether it may be opened for writing (O_WRONLY/O_RDWR); read-only files give EACCES. */
    default boolean writable() { return false; }

    /** The socket behind it, or null if it is not a socket (ENOTSOCK). */
    default Sock sock() { return null; }
}
