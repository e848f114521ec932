package org.stacklab.userland;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/**
 * An HTTP/1.0 client, a little like curl: {@code http-get [-o FILE] [-s] http://host[:port]/path}.
 * Prints the body on stdout, or saves it to FILE (through open(2) with O_CREAT); {@code -s}
 * prints only a summary line (status, bytes, virtual seconds, Mbit/s), for bulk transfers.
 * Exits 0 for a 2xx answer, 22 otherwise (curl -f's status), 7 if it cannot connect (curl's).
 */
public final class HttpGet implements Program {
    @Override
    public int main(UserProcess p, String[] argv) {
        String out = null, url = null;
        boolean summary = false;
        for (int i = 1; i < argv.length; i++) {
            switch (argv[i]) {
                case "-o" -> out = i + 1 < argv.length ? argv[++i] : null;
                case "-s" -> summary = true;
                default -> url = argv[i];
            }
        }
        if (url == null || !url.startsWith("http://")) {
            p.eprintln("usage: http-get [-o FILE] [-s] http://HOST[:PORT]/PATH");
            return 2;
        }
        String rest = url.substring(7);
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        int colon = hostPort.indexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        String port = colon < 0 ? "80" : hostPort.substring(colon + 1);
        SockAddr dst = SockIo.address(p, "http-get", host, port);
        if (dst == null) return 6;

        Syscalls sys = p.sys();
        long t0 = sys.clockGettime();
        int fd = sys.socket(InetSockets.AF_INET, Sock.SOCK_STREAM, 0);
        int rc = sys.connect(fd, dst);
        if (rc < 0) {
            p.eprintln("http-get: connect to " + hostPort + ": " + UserFiles.strerror(rc));
            return 7;
        }
        SockIo.writeAll(sys, fd, "GET " + path + " HTTP/1.0\r\nHost: " + hostPort + "\r\nUser-Agent: stacklab-http-get/1.0\r\n\r\n");

        // The head is small; the body may be huge, so it is streamed, not kept (unless printed).
        byte[] buf = new byte[65536];
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int outFd = -1;
        long bodyBytes = 0;
        int status = 0;
        boolean inBody = false;
        while (true) {
            int n = sys.read(fd, buf, 0, buf.length);
            if (n < 0) {
                SockIo.perror(p, "http-get", "read", n);
                return 56; // curl: failure receiving network data
            }
            if (n == 0) break;
            int off = 0;
            if (!inBody) {
                head.write(buf, 0, n);
                byte[] h = head.toByteArray();
                int end = headEnd(h);
                if (end < 0) continue;
                String headText = new String(h, 0, end, StandardCharsets.ISO_8859_1);
                status = parseStatus(headText);
                inBody = true;
                if (out != null) {
                    outFd = sys.open(out, Syscalls.O_WRONLY | Syscalls.O_CREAT | Syscalls.O_TRUNC);
                    if (outFd < 0) {
                        SockIo.perror(p, "http-get", out, outFd);
                        return 23; // curl: write error
                    }
                }
                body(p, sys, outFd, summary, h, end, h.length - end);
                bodyBytes += h.length - end;
                continue;
            }
            body(p, sys, outFd, summary, buf, off, n);
            bodyBytes += n;
        }
        sys.close(fd);
        if (outFd >= 0) sys.close(outFd);
        long ns = Math.max(1, sys.clockGettime() - t0);
        if (summary || out != null) {
            p.println(String.format("HTTP %d, %d bytes in %.6f s (%.1f Mbit/s)%s", status, bodyBytes, ns / 1e9,
                    bodyBytes * 8e3 / ns, out != null ? ", saved to " + out : ""));
        }
        return status >= 200 && status < 300 ? 0 : 22;
    }

    private static void body(UserProcess p, Syscalls sys, int outFd, boolean summary, byte[] b, int off, int len) {
        if (len == 0) return;
        if (outFd >= 0) SockIo.writeAll(sys, outFd, b, off, len);
        else if (!summary) SockIo.writeAll(sys, 1, b, off, len);
    }

    /** Index just past the blank line ending the head, or -1 if it has not all arrived. */
    static int headEnd(byte[] h) {
        for (int i = 0; i + 3 < h.length; i++) {
            if (h[i] == '\r' && h[i + 1] == '\n' && h[i + 2] == '\r' && h[i + 3] == '\n') return i + 4;
        }
        return -1;
    }

    static int parseStatus(String head) {
        String[] f = head.split(" ", 3);
        try {
            return f.length >= 2 ? Integer.parseInt(f[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
