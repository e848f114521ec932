package org.stacklab.syscall;

/**
 * An open file description ({@code struct file}): the file and its status flags, shared by every fd
 * that {@code dup} made from the same open, so O_NONBLOCK set through one fd applies to all of them
 * (fcntl(2)). The file is released when the last fd referring to it closes.
 */
final class FileDescription {
    final OpenFile file;
    /** O_RDONLY/O_WRONLY/O_RDWR in the low two bits, plus O_NONBLOCK. */
    int flags;
    private int refs;
    /** For stream sockets: the {@code struct socket} state of connect(2) (SS_UNCONNECTED ...). */
    SocketState socketState = SocketState.UNCONNECTED;

    enum SocketState { UNCONNECTED, CONNECTING, CONNECTED }

    FileDescription(OpenFile file, int flags) {
        this.file = file;
        this.flags = flags;
    }

    boolean nonBlocking() { return (flags & Syscalls.O_NONBLOCK) != 0; }

    boolean readable() { return (flags & 3) != Syscalls.O_WRONLY; }

    boolean writable() { return (flags & 3) != Syscalls.O_RDONLY; }

    void get() { refs++; }

    /** Drops one reference; releases the file on the last. */
    void put() {
        if (--refs == 0) file.release();
    }
}
