package org.stacklab.solutions.tcp;

/**
 * A byte ring buffer: the socket's send queue (bytes from SND.UNA on) and receive queue (bytes the
 * user has not read). Data is copied in once (from the user or from a segment) and out once (to the
 * user or into an outgoing segment); nothing else allocates or moves bytes.
 */
final class ByteRing {
    private static final byte[] NONE = new byte[0];
    /** Allocated on the first write, so listeners, refused SYNs and idle sockets cost no buffer memory. */
    private byte[] buf = NONE;
    private int capacity;
    private int head;
    private int size;

    ByteRing(int capacity) { this.capacity = Math.max(1, capacity); }

    int capacity() { return capacity; }
    int size() { return size; }
    int free() { return capacity - size; }
    boolean isEmpty() { return size == 0; }

    /** Appends up to {@code len} bytes; returns how many fit. */
    int write(byte[] src, int off, int len) {
        int n = Math.min(len, free());
        if (n <= 0) return 0;
        if (buf.length != capacity) buf = new byte[capacity];
        int tail = (head + size) % buf.length;
        int first = Math.min(n, buf.length - tail);
        System.arraycopy(src, off, buf, tail, first);
        if (n > first) System.arraycopy(src, off + first, buf, 0, n - first);
        size += n;
        return n;
    }

    /** Copies {@code len} bytes starting {@code from} bytes after the head, without consuming them. */
    void peek(int from, byte[] dst, int off, int len) {
        if (from < 0 || len < 0 || from + len > size) throw new IndexOutOfBoundsException(from + "+" + len + " of " + size);
        if (len == 0) return;
        int start = (head + from) % buf.length;
        int first = Math.min(len, buf.length - start);
        System.arraycopy(buf, start, dst, off, first);
        if (len > first) System.arraycopy(buf, 0, dst, off + first, len - first);
    }

    /** Copies out and consumes up to {@code len} bytes; returns how many. */
    int read(byte[] dst, int off, int len) {
        int n = Math.min(len, size);
        peek(0, dst, off, n);
        skip(n);
        return n;
    }

    /** Discards {@code n} bytes from the head. */
    void skip(int n) {
        if (n < 0 || n > size) throw new IndexOutOfBoundsException("skip " + n + " of " + size);
        if (n == 0) return;
        head = (head + n) % buf.length;
        size -= n;
        if (size == 0) head = 0;
    }

    /** Grows or shrinks the ring (never below its content), keeping the bytes in order. */
    void resize(int capacity) {
        int cap = Math.max(Math.max(1, capacity), size);
        if (cap == this.capacity) return;
        if (buf.length == this.capacity && size > 0) {
            byte[] nb = new byte[cap];
            peek(0, nb, 0, size);
            buf = nb;
        } else {
            buf = NONE;
        }
        head = 0;
        this.capacity = cap;
    }
}
