package org.stacklab.syscall;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;

/**
 * A small in-memory file system (like tmpfs) for a host's ordinary files: what a scenario gives a
 * web server to serve, where an HTTP client saves a download. Mount it with
 * {@code Vfs.of(kernel).mount("/srv", fs)}.
 */
public final class MemoryFs implements VirtualFs {
    private final Map<String, byte[]> files = new TreeMap<>();

    /** Creates or replaces the file at {@code path} (absolute). */
    public MemoryFs put(String path, byte[] content) {
        files.put(path, content.clone());
        return this;
    }

    public MemoryFs put(String path, String text) { return put(path, text.getBytes(StandardCharsets.UTF_8)); }

    /** The file's bytes, or null. */
    public byte[] get(String path) {
        byte[] b = files.get(path);
        return b == null ? null : b.clone();
    }

    public boolean exists(String path) { return files.containsKey(path); }

    @Override
    public OpenFile open(String path, int flags) {
        boolean write = (flags & 3) != Syscalls.O_RDONLY;
        if (!files.containsKey(path)) {
            if ((flags & Syscalls.O_CREAT) == 0) return null;
            files.put(path, new byte[0]);
        }
        if (write && (flags & Syscalls.O_TRUNC) != 0) files.put(path, new byte[0]);
        return new MemFile(path, write, (flags & Syscalls.O_APPEND) != 0);
    }

    @Override
    public List<String> list(String path) {
        String dir = path.endsWith("/") ? path : path + "/";
        List<String> out = new ArrayList<>();
        for (String f : files.keySet()) {
            if (!f.startsWith(dir)) continue;
            String rest = f.substring(dir.length());
            int slash = rest.indexOf('/');
            String name = slash < 0 ? rest : rest.substring(0, slash);
            if (!out.contains(name)) out.add(name);
        }
        return out;
    }

    /** An open file with its own offset; writes land in the file when it is closed (and as they happen). */
    private final class MemFile implements OpenFile {
        private final String path;
        private final boolean writable;
        private int pos;

        MemFile(String path, boolean writable, boolean append) {
            this.path = path;
            this.writable = writable;
            if (append) pos = files.get(path).length;
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            byte[] c = files.get(path);
            if (c == null) return 0;
            int n = Math.max(0, Math.min(len, c.length - pos));
            System.arraycopy(c, pos, buf, off, n);
            pos += n;
            return n;
        }

        @Override
        public int write(byte[] buf, int off, int len) {
            if (!writable) return Errno.EBADF.neg();
            byte[] c = files.getOrDefault(path, new byte[0]);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(c.length, pos + len));
            out.write(c, 0, Math.min(pos, c.length));
            for (int i = c.length; i < pos; i++) out.write(0);
            out.write(buf, off, len);
            if (pos + len < c.length) out.write(c, pos + len, c.length - pos - len);
            files.put(path, out.toByteArray());
            pos += len;
            return len;
        }

        @Override
        public int poll() { return Sock.POLLIN | Sock.POLLOUT; }

        @Override
        public void release() {}

        @Override
        public boolean writable() { return true; }

        @Override
        public String toString() { return path; }
    }
}
