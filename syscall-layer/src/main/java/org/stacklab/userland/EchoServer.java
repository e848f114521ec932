package org.stacklab.userland;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.syscall.PollFd;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/**
 * The echo service of RFC 862: whatever arrives is sent back.
 * {@code echo-server [-u] [-c N] [--bind ADDR] [port]} (port 7 by default, every address unless
 * {@code --bind} names one: {@code --bind 127.0.0.1} serves this host alone). Over TCP one process serves many clients at once with poll(2), the classic
 * single-threaded server loop; over UDP each datagram goes back to its sender. {@code -c N} exits
 * after N connections (TCP) or datagrams (UDP), so scripts and tests end.
 */
public final class EchoServer implements Program {
    @Override
    public int main(UserProcess p, String[] argv) {
        boolean udp = false;
        int port = 7;
        long limit = Long.MAX_VALUE;
        int bindAddr = 0;
        for (int i = 1; i < argv.length; i++) {
            switch (argv[i]) {
                case "-u" -> udp = true;
                case "-b", "--bind" -> {
                    if (++i >= argv.length) return usage(p);
                    Integer a = Resolver.resolve(p, argv[i]);
                    if (a == null) {
                        p.eprintln("echo-server: " + argv[i] + ": Name or service not known");
                        return 2;
                    }
                    bindAddr = a;
                }
                case "-c" -> {
                    if (++i >= argv.length) return usage(p);
                    limit = Long.parseLong(argv[i]);
                }
                default -> {
                    port = SockIo.parsePort(argv[i]);
                    if (port <= 0) return usage(p);
                }
            }
        }
        Syscalls sys = p.sys();
        int fd = sys.socket(InetSockets.AF_INET, udp ? Sock.SOCK_DGRAM : Sock.SOCK_STREAM, 0);
        sys.setsockopt(fd, Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        int rc = sys.bind(fd, new SockAddr(bindAddr, port));
        if (rc < 0) {
            SockIo.perror(p, "echo-server", "bind", rc);
            return 1;
        }
        p.println("echo-server: " + (udp ? "udp" : "tcp") + (bindAddr == 0 ? "" : " " + Ip4.format(bindAddr)) + " port " + port);
        return udp ? udpLoop(p, fd, limit) : tcpLoop(p, fd, limit);
    }

    private static int usage(UserProcess p) {
        p.eprintln("usage: echo-server [-u] [-c count] [--bind addr] [port]");
        return 2;
    }

    private static int udpLoop(UserProcess p, int fd, long limit) {
        Syscalls sys = p.sys();
        byte[] buf = new byte[65536];
        for (long n = 0; n < limit; n++) {
            SockAddr[] from = new SockAddr[1];
            int r = sys.recvfrom(fd, buf, 0, buf.length, 0, from);
            if (r < 0) {
                SockIo.perror(p, "echo-server", "recvfrom", r);
                return 1;
            }
            sys.sendto(fd, buf, 0, r, 0, from[0]);
        }
        return 0;
    }

    private static int tcpLoop(UserProcess p, int listener, long limit) {
        Syscalls sys = p.sys();
        int rc = sys.listen(listener, 128);
        if (rc < 0) {
            SockIo.perror(p, "echo-server", "listen", rc);
            return 1;
        }
        List<Integer> clients = new ArrayList<>();
        long accepted = 0;
        byte[] buf = new byte[16384];
        while (accepted < limit || !clients.isEmpty()) {
            PollFd[] fds = new PollFd[clients.size() + 1];
            fds[0] = new PollFd(accepted < limit ? listener : -1, Sock.POLLIN);
            for (int i = 0; i < clients.size(); i++) fds[i + 1] = new PollFd(clients.get(i), Sock.POLLIN);
            if (sys.poll(fds, -1) < 0) return 1;
            if (fds[0].revents != 0) {
                SockAddr[] peer = new SockAddr[1];
                int c = sys.accept(listener, peer);
                if (c >= 0) {
                    accepted++;
                    clients.add(c);
                    p.println("echo-server: connection from " + Ip4.format(peer[0].addr()) + ":" + peer[0].port());
                }
            }
            for (int i = 1; i < fds.length; i++) {
                if (fds[i].revents == 0) continue;
                int c = fds[i].fd;
                int r = sys.read(c, buf, 0, buf.length);
                if (r > 0 && SockIo.writeAll(sys, c, buf, 0, r) >= 0) continue;
                sys.close(c); // end of stream or an error: this client is done
                clients.remove(Integer.valueOf(c));
            }
        }
        sys.close(listener);
        return 0;
    }
}
