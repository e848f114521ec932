package org.stacklab.userland;

import java.nio.charset.StandardCharsets;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/** What libc and a little of BSD's net code give network programs: full writes, addresses, perror. */
public final class SockIo {
    private SockIo() {}

    /** Writes all of {@code b[off, off+len)} (a blocking send may take several calls); returns len or -errno. */
    public static int writeAll(Syscalls sys, int fd, byte[] b, int off, int len) {
        int done = 0;
        while (done < len) {
            int n = sys.write(fd, b, off + done, len - done);
            if (n < 0) return n;
            done += n;
        }
        return len;
    }

    public static int writeAll(Syscalls sys, int fd, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return writeAll(sys, fd, b, 0, b.length);
    }

    /** "PROG: WHAT: strerror" on stderr, as perror(3) prints it. */
    public static void perror(UserProcess p, String prog, String what, int rc) {
        p.eprintln(prog + ": " + what + ": " + UserFiles.strerror(rc));
    }

    /** Host (name or dotted quad) and port to an address, or null after an error message. */
    public static SockAddr address(UserProcess p, String prog, String host, String port) {
        Integer a = Resolver.resolve(p, host);
        if (a == null) {
            p.eprintln(prog + ": getaddrinfo for host \"" + host + "\" port " + port + ": Name or service not known");
            return null;
        }
        int n = parsePort(port);
        if (n < 0) {
            p.eprintln(prog + ": port number invalid: " + port);
            return null;
        }
        return new SockAddr(a, n);
    }

    /** A port 0..65535, or -1. */
    public static int parsePort(String s) {
        try {
            int n = Integer.parseInt(s);
            return n < 0 || n > 65535 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
