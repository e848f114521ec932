package org.stacklab.syscall.procfs;

/** An open procfs file: the content generated at open time and a read offset (like a seq_file). */
public final class ProcFile {
    private final String path;
    private final byte[] content;
    private int offset;

    ProcFile(String path, byte[] content) {
        this.path = path;
        this.content = content;
    }

    public String path() { return path; }

    /** Copies up to {@code len} bytes from the current offset; 0 at end of file. */
    public int read(byte[] buf, int off, int len) {
        int n = Math.max(0, Math.min(len, content.length - offset));
        System.arraycopy(content, offset, buf, off, n);
        offset += n;
        return n;
    }

    public int size() { return content.length; }
}
