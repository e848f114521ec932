package org.stacklab.syscall;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;

/**
 * A process's terminal: fd 0 reads what the scenario typed (or /dev/null: immediate end of file),
 * fds 1 and 2 are captured so tests and the shell can show them.
 */
public final class Console {
    private final ByteArrayOutputStream stdinBuf = new ByteArrayOutputStream();
    private byte[] pending = new byte[0];
    private int pendingPos;
    private boolean stdinClosed = true;
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private Consumer<String> outListener, errListener;

    /** Makes stdin a terminal that stays open until {@link #closeStdin()}, instead of /dev/null. */
    public Console openStdin() {
        stdinClosed = false;
        return this;
    }

    /** Types {@code text} on stdin. */
    public Console type(String text) {
        stdinBuf.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** End of input (Ctrl-D). */
    public void closeStdin() { stdinClosed = true; }

    /** Everything the process wrote to fd 1 so far. */
    public String stdout() { return stdout.toString(); }

    public String stderr() { return stderr.toString(); }

    /** Called with each chunk written to fd 1 (the shell echoes output as it happens). */
    public void onStdout(Consumer<String> l) { outListener = l; }

    public void onStderr(Consumer<String> l) { errListener = l; }

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
                String s = new String(buf, off, len, StandardCharsets.UTF_8);
                (err ? stderr : stdout).append(s);
                Consumer<String> l = err ? errListener : outListener;
                if (l != null) l.accept(s);
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
