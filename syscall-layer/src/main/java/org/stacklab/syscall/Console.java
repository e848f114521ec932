package org.stacklab.syscall;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;

/**
 * A process's terminal: fd 0 reads what the scenario typed (or /dev/null: immediate end of file),
 * fds 1 and 2 are captured so tests and the shell can show them.
 *
 * <p>A terminal carries bytes, not text: {@link #type(byte[], int, int)}, {@link #stdoutBytes()}
 * and {@link #onStdoutBytes} pass them through untouched (nc moving a binary file); the String forms
 * are conveniences that encode or decode UTF-8.
 */
public final class Console {
    private final ByteArrayOutputStream stdinBuf = new ByteArrayOutputStream();
    private byte[] pending = new byte[0];
    private int pendingPos;
    private boolean stdinClosed = true;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private Consumer<String> outListener, errListener;
    private ByteSink outBytesListener, errBytesListener;
    private boolean keepOutput = true;

    /** Receives bytes as they are written, unchanged. */
    @FunctionalInterface
    public interface ByteSink {
        void write(byte[] buf, int off, int len);
    }

    /** Makes stdin a terminal that stays open until {@link #closeStdin()}, instead of /dev/null. */
    public Console openStdin() {
        stdinClosed = false;
        return this;
    }

    /** Types {@code text} on stdin (UTF-8). */
    public Console type(String text) {
        stdinBuf.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Puts {@code len} bytes on stdin exactly as given (binary input: nothing is decoded). */
    public Console type(byte[] buf, int off, int len) {
        stdinBuf.write(buf, off, len);
        return this;
    }

    /** End of input (Ctrl-D). */
    public void closeStdin() { stdinClosed = true; }

    /** Everything the process wrote to fd 1 so far, decoded as UTF-8. */
    public String stdout() { return stdout.toString(StandardCharsets.UTF_8); }

    public String stderr() { return stderr.toString(StandardCharsets.UTF_8); }

    /** Everything the process wrote to fd 1 so far, byte for byte. */
    public byte[] stdoutBytes() { return stdout.toByteArray(); }

    /**
     * Stops keeping a copy of fd 1 and fd 2 (listeners still see every byte): a program relaying
     * megabytes for a listener need not hold them all twice.
     */
    public Console discardOutput() {
        keepOutput = false;
        stdout.reset();
        stderr.reset();
        return this;
    }

    /** Called with each chunk written to fd 1, decoded as UTF-8 (the shell echoes output as it happens). */
    public void onStdout(Consumer<String> l) { outListener = l; }

    public void onStderr(Consumer<String> l) { errListener = l; }

    /** Called with each chunk written to fd 1, as bytes (binary-safe). */
    public void onStdoutBytes(ByteSink l) { outBytesListener = l; }

    public void onStderrBytes(ByteSink l) { errBytesListener = l; }

    private boolean hasInput() {
        return pendingPos < pending.length || stdinBuf.size() > 0;
    }

    OpenFile stdinFile() {
        return new OpenFile() {
            @Override
            public int read(byte[] buf, int off, int len) {
                if (pendingPos >= pending.length && stdinBuf.size() > 0) {
                    pending = stdinBuf.toByteArray();
                    pendingPos = 0;
                    stdinBuf.reset();
                }
                if (pendingPos < pending.length) {
                    int n = Math.min(len, pending.length - pendingPos);
                    System.arraycopy(pending, pendingPos, buf, off, n);
                    pendingPos += n;
                    return n;
                }
                return stdinClosed ? 0 : Errno.EAGAIN.neg();
            }

            @Override
            public int write(byte[] buf, int off, int len) { return Errno.EBADF.neg(); }

            @Override
            public int poll() { return hasInput() || stdinClosed ? Sock.POLLIN : 0; }

            @Override
            public void release() {}

            @Override
            public String toString() { return "/dev/pts/0"; }
        };
    }

    OpenFile outputFile(boolean err) {
        return new OpenFile() {
            @Override
            public int read(byte[] buf, int off, int len) { return Errno.EBADF.neg(); }

            @Override
            public int write(byte[] buf, int off, int len) {
                if (keepOutput) (err ? stderr : stdout).write(buf, off, len);
                ByteSink b = err ? errBytesListener : outBytesListener;
                if (b != null) b.write(buf, off, len);
                Consumer<String> l = err ? errListener : outListener;
                if (l != null) l.accept(new String(buf, off, len, StandardCharsets.UTF_8));
                return len;
            }

            @Override
            public int poll() { return Sock.POLLOUT; }

            @Override
            public void release() {}

            @Override
            public boolean writable() { return true; }

            @Override
            public String toString() { return "/dev/pts/0"; }
        };
    }
}
