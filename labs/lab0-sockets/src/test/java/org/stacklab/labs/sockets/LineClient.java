package org.stacklab.labs.sockets;

import java.nio.charset.StandardCharsets;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.syscall.PollFd;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/**
 * The tests' TCP client: {@code line-client HOST PORT STEP...}. A step is text to send ("\n" for a
 * newline), {@code @N} to sleep N ms, or {@code ?} to print what has arrived so far without waiting
 * ({@code [got:...]} or {@code [none]}). After the steps it shuts down its sending side and prints
 * everything else that arrives until EOF. TCP_NODELAY is on, so each step is its own segment.
 */
final class LineClient implements Program {
    @Override
    public int main(UserProcess p, String[] argv) {
        Syscalls sys = p.sys();
        int fd = sys.socket(InetSockets.AF_INET, Sock.SOCK_STREAM, 0);
        // Each step leaves at once (no Nagle), so the server really sees the pieces apart.
        sys.setsockopt(fd, Sock.IPPROTO_TCP, Sock.TCP_NODELAY, 1);
        int rc = sys.connect(fd, new SockAddr(Ip4.parse(argv[1]), Integer.parseInt(argv[2])));
        if (rc < 0) {
            p.eprintln("line-client: connect: " + Errno.describe(rc));
            return 1;
        }
        byte[] buf = new byte[4096];
        for (int i = 3; i < argv.length; i++) {
            String step = argv[i];
            if (step.startsWith("@")) {
                sys.nanosleep(Long.parseLong(step.substring(1)) * 1_000_000L);
            } else if (step.equals("?")) {
                PollFd[] pfd = {new PollFd(fd, Sock.POLLIN)};
                if (sys.poll(pfd, 0) > 0) {
                    int n = sys.recv(fd, buf, 0, buf.length, 0);
                    p.print(n > 0 ? "[got:" + new String(buf, 0, n, StandardCharsets.ISO_8859_1) + "]" : "[eof]");
                } else {
                    p.print("[none]");
                }
            } else {
                byte[] b = step.replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
                sys.send(fd, b, 0, b.length, 0);
            }
        }
        sys.shutdown(fd, Sock.SHUT_WR);
        int n;
        while ((n = sys.recv(fd, buf, 0, buf.length, 0)) > 0) p.print(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        if (n < 0) {
            p.eprintln("line-client: recv: " + Errno.describe(n));
            return 1;
        }
        sys.close(fd);
        return 0;
    }
}
