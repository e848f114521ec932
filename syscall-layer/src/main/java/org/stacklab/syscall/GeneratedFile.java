package org.stacklab.syscall;

import java.nio.charset.StandardCharsets;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;

/**
 * A read-only file whose text is made when it is opened (Linux's seq_file, as /proc uses): reads
 * return successive parts of that snapshot and then 0 (end of file).
 */
public final class GeneratedFile implements OpenFile {
    private final byte[] content;
    private int pos;

    public GeneratedFile(String text) {
        this.content = text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        int n = Math.min(len, content.length - pos);
        System.arraycopy(content, pos, buf, off, n);
        pos += n;
        return n;
    }

    @Override
    public int write(byte[] buf, int off, int len) { return Errno.EBADF.neg(); }

    @Override
    public int poll() { return Sock.POLLIN | Sock.POLLOUT; }

    @Override
    public void release() {}
}
