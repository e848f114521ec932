package org.stacklab.hw.tap;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls a TAP device needs, bound at run time through JNA (no JNI code, no native
 * build). Each throws {@link LastErrorException} carrying errno when the call returns -1.
 * Buffers are {@link Pointer}s to memory allocated once, so the per-frame path copies no arrays
 * into temporary native memory.
 */
interface LibC extends Library {
    int O_RDWR = 0x2;
    int O_CLOEXEC = 0x80000;
    short POLLIN = 0x1, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;

    // errno values (asm-generic/errno-base.h)
    int EPERM = 1, ENOENT = 2, EINTR = 4, EIO = 5, ENXIO = 6, EAGAIN = 11, EACCES = 13, EBUSY = 16,
            ENODEV = 19, EINVAL = 22, EBADFD = 77;

    /** Lazily loaded, so merely referring to the bridge on a machine without libc costs nothing. */
    final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    int open(String path, int flags) throws LastErrorException;

    int ioctl(int fd, NativeLong request, Pointer arg) throws LastErrorException;

    NativeLong read(int fd, Pointer buf, NativeLong count) throws LastErrorException;

    NativeLong write(int fd, Pointer buf, NativeLong count) throws LastErrorException;

    /** {@code fds} points at {@code nfds} {@code struct pollfd {int fd; short events; short revents;}}. */
    int poll(Pointer fds, NativeLong nfds, int timeoutMs) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    String strerror(int errnum);
}
