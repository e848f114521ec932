package org.stacklab.solutions.apps;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.syscall.PollFd;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/**
 * {@code tcp-echo-server PORT [COUNT]}: accepts clients and sends back every complete line
 * (through its '\n') as soon as it has it. TCP is a byte stream, so a line may come in pieces and
 * several lines in one read: each client keeps its own buffer of the unfinished line. At a
 * client's EOF the unfinished rest is sent too and the connection closed. One process serves all
 * clients at once with poll(2); after COUNT clients have come and gone it exits.
 */
public final class TcpLineEchoServer implements Program {
    private static final class Client {
        final int fd;
        final StringBuilder pending = new StringBuilder();
        boolean done;

        Client(int fd) { this.fd = fd; }
    }

    @Override
    public int main(UserProcess p, String[] argv) {
        if (argv.length < 2) {
            p.eprintln("usage: tcp-echo-server PORT [COUNT]");
            return 2;
        }
        int port = Integer.parseInt(argv[1]);
        long limit = argv.length > 2 ? Long.parseLong(argv[2]) : Long.MAX_VALUE;
        Syscalls sys = p.sys();
        int lfd = sys.socket(InetSockets.AF_INET, Sock.SOCK_STREAM, 0);
        if (lfd < 0) return fail(p, "socket", lfd);
        sys.setsockopt(lfd, Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        int rc = sys.bind(lfd, new SockAddr(0, port));
        if (rc < 0) return fail(p, "bind", rc);
        rc = sys.listen(lfd, 16);
        if (rc < 0) return fail(p, "listen", rc);
        List<Client> clients = new ArrayList<>();
        long accepted = 0;
        byte[] buf = new byte[4096];
        while (accepted < limit || !clients.isEmpty()) {
            PollFd[] fds = new PollFd[clients.size() + 1];
            fds[0] = new PollFd(accepted < limit ? lfd : -1, Sock.POLLIN);
            for (int i = 0; i < clients.size(); i++) fds[i + 1] = new PollFd(clients.get(i).fd, Sock.POLLIN);
            rc = sys.poll(fds, -1);
            if (rc < 0) return fail(p, "poll", rc);
            if (fds[0].revents != 0) {
                int c = sys.accept(lfd, null);
                if (c >= 0) {
                    accepted++;
                    clients.add(new Client(c));
                }
            }
            for (int i = 1; i < fds.length; i++) {
                if (fds[i].revents == 0) continue;
                Client c = clients.get(i - 1);
                int n = sys.read(c.fd, buf, 0, buf.length);
                if (n > 0) {
                    c.pending.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
                    int nl;
                    while ((nl = c.pending.indexOf("\n")) >= 0) {
                        if (sendAll(sys, c.fd, c.pending.substring(0, nl + 1)) < 0) break;
                        c.pending.delete(0, nl + 1);
                    }
                    continue;
                }
                // EOF (0) or an error: flush the unfinished line, then this client is done.
                if (n == 0 && c.pending.length() > 0) sendAll(sys, c.fd, c.pending.toString());
                sys.close(c.fd);
                c.done = true;
            }
            clients.removeIf(c -> c.done);
        }
        sys.close(lfd);
        return 0;
    }

    private static int sendAll(Syscalls sys, int fd, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int off = 0;
        while (off < b.length) {
            int n = sys.send(fd, b, off, b.length - off, 0);
            if (n < 0) return n;
            off += n;
        }
        return off;
    }

    private static int fail(UserProcess p, String call, int rc) {
        p.eprintln("tcp-echo-server: " + call + ": " + Errno.describe(rc));
        return 1;
    }
}
