package org.stacklab.cli.tap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.syscall.OpenFile;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.VirtualFs;

/**
 * One file of the machine StackLab runs on, mounted into an emulated host at the same absolute
 * path (a bind mount): {@code stacklab tap --get URL -o /tmp/x} lets http-get save with open(2)
 * and write(2) straight into the real {@code /tmp/x}, streamed, never held in memory.
 */
final class HostFile implements VirtualFs {
    private final Path file;

    HostFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The path the emulated host sees (the same as the real one). */
    String mountPoint() { return file.toString(); }

    @Override
    public OpenFile open(String path, int flags) {
        if (!path.equals(mountPoint())) return null;
        boolean write = (flags & 3) != Syscalls.O_RDONLY;
        try {
            FileChannel ch = write
                    ? FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                            (flags & Syscalls.O_TRUNC) != 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ);
            return new Channel(ch, write);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    private static final class Channel implements OpenFile {
        private final FileChannel ch;
        private final boolean writable;

        Channel(FileChannel ch, boolean writable) {
            this.ch = ch;
            this.writable = writable;
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            try {
                int n = ch.read(ByteBuffer.wrap(buf, off, len));
                return Math.max(n, 0);
            } catch (IOException e) {
                return Errno.EIO.neg();
            }
        }

        @Override
        public int write(byte[] buf, int off, int len) {
            if (!writable) return Errno.EBADF.neg();
            try {
                ByteBuffer b = ByteBuffer.wrap(buf, off, len);
                while (b.hasRemaining()) ch.write(b);
                return len;
            } catch (IOException e) {
                return Errno.EIO.neg();
            }
        }

        @Override public int poll() { return Sock.POLLIN | Sock.POLLOUT; }

        @Override
        public void release() {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the data was written as it came; nothing more to save
            }
        }

        @Override public boolean writable() { return writable; }

        @Override public String toString() { return "host file"; }
    }
}
