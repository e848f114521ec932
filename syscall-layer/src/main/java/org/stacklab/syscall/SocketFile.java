package org.stacklab.syscall;

import org.stacklab.kernel.socket.Sock;

/** A socket as a file (sock_alloc_file): read and write are recv and send without flags. */
final class SocketFile implements OpenFile {
    private final Sock sock;

    SocketFile(Sock sock) {
        this.sock = sock;
    }

    @Override
    public int read(byte[] buf, int off, int len) { return sock.recvmsg(buf, off, len, 0, null); }

    @Override
    public int write(byte[] buf, int off, int len) { return sock.sendmsg(buf, off, len, 0, null); }

    @Override
    public int poll() { return sock.poll(); }

    @Override
    public void release() { sock.close(); }

    @Override
    public boolean writable() { return true; }

    @Override
    public Sock sock() { return sock; }

    @Override
    public String toString() { return "socket:[" + sock.info().inode() + "]"; }
}
