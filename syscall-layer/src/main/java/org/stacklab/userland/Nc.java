package org.stacklab.userland;

import java.util.ArrayList;
import java.util.List;
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
 * netcat, as OpenBSD's nc: moves bytes between stdin/stdout and one TCP connection or UDP peer.
 *
 * <pre>
 * nc [-46uvzkNn] [-p port] [-q secs] [-s addr] [-w secs] host port     connect
 * nc -l [-uvk] [-s addr] [-p port | [addr] port]           listen (nc -l 80, nc -l -p 80, nc -l 127.0.0.1 80)
 * </pre>
 *
 * A listener binds where it is told, as OpenBSD's nc does: {@code nc -l 127.0.0.1 8080} (or
 * {@code nc -l -s 127.0.0.1 -p 8080}) binds 127.0.0.1 only, so the service is reachable from this
 * host alone; without an address it binds the wildcard 0.0.0.0 (every address of the host).
 *
 * When stdin ends, nc shuts down its sending side (what OpenBSD does with -N; here always, so a
 * script's input ends the conversation) and keeps printing what arrives until the peer closes. A
 * UDP nc has no close to wait for: it stops once stdin has ended and nothing arrived for
 * {@code -w} seconds (default 1).
 */
public final class Nc implements Program {
    private boolean listen, udp, verbose, zero, keep;
    private int localPort = 0;
    private int localAddr = 0;
    private long waitNs = -1;
    /** -q: after EOF on stdin, quit this long later (Debian's nc); negative waits for the peer. */
    private long quitNs = -1;
    private UserProcess p;
    private Syscalls sys;

    @Override
    public int main(UserProcess proc, String[] argv) {
        this.p = proc;
        this.sys = proc.sys();
        List<String> args = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            if (a.startsWith("-") && a.length() > 1) {
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    switch (c) {
                        case 'l' -> listen = true;
                        case 'u' -> udp = true;
                        case 'v' -> verbose = true;
                        case 'z' -> zero = true;
                        case 'k' -> keep = true;
                        case 'n', 'N', '4' -> { } // numeric only, and IPv4 is all there is
                        case 'p', 's', 'w', 'q' -> {
                            String v = j + 1 < a.length() ? a.substring(j + 1) : (i + 1 < argv.length ? argv[++i] : null);
                            if (v == null) return usage("option requires an argument -- " + c);
                            if (!option(c, v)) return 1;
                            j = a.length();
                        }
                        default -> {
                            return usage("invalid option -- '" + c + "'");
                        }
                    }
                }
            } else {
                args.add(a);
            }
        }
        return listen ? server(args) : client(args);
    }

    private boolean option(char c, String v) {
        switch (c) {
            case 'p' -> {
                localPort = SockIo.parsePort(v);
                if (localPort < 0) {
                    p.eprintln("nc: port number invalid: " + v);
                    return false;
                }
            }
            case 's' -> {
                try {
                    localAddr = Ip4.parse(v);
                } catch (IllegalArgumentException e) {
                    p.eprintln("nc: invalid source address: " + v);
                    return false;
                }
            }
            case 'w' -> {
                try {
                    waitNs = (long) (Double.parseDouble(v) * 1e9);
                } catch (NumberFormatException e) {
                    p.eprintln("nc: timeout invalid: " + v);
                    return false;
                }
            }
            case 'q' -> {
                try {
                    quitNs = (long) (Double.parseDouble(v) * 1e9);
                } catch (NumberFormatException e) {
                    p.eprintln("nc: quit timer invalid: " + v);
                    return false;
                }
            }
            default -> { }
        }
        return true;
    }

    private int usage(String msg) {
        p.eprintln("nc: " + msg);
        p.eprintln("usage: nc [-46lkNnuvz] [-p port] [-q seconds] [-s source] [-w timeout] [destination] [port]");
        return 1;
    }

    private String proto() { return udp ? "udp" : "tcp"; }

    // ------------------------------------------------------------------ client

    private int client(List<String> args) {
        if (args.size() != 2) return usage("missing destination or port");
        SockAddr dst = SockIo.address(p, "nc", args.get(0), args.get(1));
        if (dst == null) return 1;
        int fd = sys.socket(InetSockets.AF_INET, udp ? Sock.SOCK_DGRAM : Sock.SOCK_STREAM, 0);
        if (fd < 0) {
            SockIo.perror(p, "nc", "socket", fd);
            return 1;
        }
        if (localPort != 0 || localAddr != 0) {
            int rc = sys.bind(fd, new SockAddr(localAddr, localPort));
            if (rc < 0) {
                SockIo.perror(p, "nc", "bind", rc);
                return 1;
            }
        }
        int rc = waitNs >= 0 && !udp ? timeoutConnect(fd, dst) : sys.connect(fd, dst);
        if (rc < 0) {
            p.eprintln("nc: connect to " + Ip4.format(dst.addr()) + " port " + dst.port() + " (" + proto() + ") failed: "
                    + UserFiles.strerror(rc));
            return 1;
        }
        if (verbose || zero) {
            p.eprintln("Connection to " + args.get(0) + " " + dst.port() + " port [" + proto() + "/"
                    + Services.name(dst.port(), proto()) + "] succeeded!");
        }
        if (zero) {
            sys.close(fd);
            return 0;
        }
        return relay(fd);
    }

    /**
     * OpenBSD nc's timeout_connect: with {@code -w}, connect without blocking and wait for the
     * handshake at most that long; a connect still under way then fails with ETIMEDOUT.
     */
    private int timeoutConnect(int fd, SockAddr dst) {
        int fl = sys.fcntl(fd, Syscalls.F_GETFL, 0);
        sys.fcntl(fd, Syscalls.F_SETFL, fl | Syscalls.O_NONBLOCK);
        int rc = sys.connect(fd, dst);
        if (rc == Errno.EINPROGRESS.neg()) {
            PollFd[] pfd = {new PollFd(fd, Sock.POLLOUT)};
            int n = sys.poll(pfd, (int) Math.max(0, waitNs / 1_000_000));
            if (n == 0) rc = Errno.ETIMEDOUT.neg();
            else if (n < 0) rc = n;
            else rc = sys.connect(fd, dst); // completes: 0, or the error that ended the handshake
        }
        sys.fcntl(fd, Syscalls.F_SETFL, fl);
        return rc;
    }

    // ------------------------------------------------------------------ server

    private int server(List<String> args) {
        int port = localPort;
        if (args.size() > 2) return usage("too many arguments");
        if (!args.isEmpty()) port = SockIo.parsePort(args.get(args.size() - 1));
        if (port <= 0) return usage("missing port number");
        if (args.size() == 2) {
            // nc -l ADDR PORT: the address to listen on (OpenBSD's nc), never silently the wildcard.
            Integer a = Resolver.resolve(p, args.get(0));
            if (a == null) {
                p.eprintln("nc: getaddrinfo for host \"" + args.get(0) + "\" port " + port + ": Name or service not known");
                return 1;
            }
            localAddr = a;
        }
        int fd = sys.socket(InetSockets.AF_INET, udp ? Sock.SOCK_DGRAM : Sock.SOCK_STREAM, 0);
        if (fd < 0) {
            SockIo.perror(p, "nc", "socket", fd);
            return 1;
        }
        sys.setsockopt(fd, Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        int rc = sys.bind(fd, new SockAddr(localAddr, port));
        if (rc < 0) {
            SockIo.perror(p, "nc", "bind", rc);
            return 1;
        }
        if (udp) return udpServer(fd, port);
        rc = sys.listen(fd, 1);
        if (rc < 0) {
            SockIo.perror(p, "nc", "listen", rc);
            return 1;
        }
        if (verbose) p.eprintln("Listening on " + Ip4.format(localAddr) + " " + port);
        do {
            SockAddr[] peer = new SockAddr[1];
            int c = sys.accept(fd, peer);
            if (c < 0) {
                SockIo.perror(p, "nc", "accept", c);
                return 1;
            }
            if (verbose) p.eprintln("Connection received on " + Ip4.format(peer[0].addr()) + " " + peer[0].port());
            relay(c);
        } while (keep);
        sys.close(fd);
        return 0;
    }

    /** The first datagram fixes the peer (nc connects the socket to it), then it is a relay like TCP's. */
    private int udpServer(int fd, int port) {
        if (verbose) p.eprintln("Bound on " + Ip4.format(localAddr) + " " + port);
        byte[] buf = new byte[65536];
        SockAddr[] from = new SockAddr[1];
        int n = sys.recvfrom(fd, buf, 0, buf.length, Sock.MSG_PEEK, from);
        if (n < 0) {
            SockIo.perror(p, "nc", "recvfrom", n);
            return 1;
        }
        if (verbose) p.eprintln("Connection received on " + Ip4.format(from[0].addr()) + " " + from[0].port());
        sys.connect(fd, from[0]);
        return relay(fd);
    }

    // ------------------------------------------------------------------ moving bytes

    /** Copies stdin → socket and socket → stdout, bytes untouched, until both directions are done. */
    private int relay(int fd) {
        byte[] buf = new byte[16384];
        boolean stdinOpen = true, netOpen = true;
        long idle = waitNs >= 0 ? waitNs : 1_000_000_000L;
        long quitAt = Long.MAX_VALUE;
        // A TCP peer's FIN closes only its direction (RFC 9293 §3.6, half-close): a connecting nc
        // still sends the rest of its stdin, so a transfer both ways ends with every byte delivered.
        // A listening nc is done when the connection's input ends, as OpenBSD's nc -l is.
        while (netOpen || stdinOpen && !udp && !listen) {
            PollFd[] fds = {new PollFd(stdinOpen ? 0 : -1, Sock.POLLIN), new PollFd(netOpen ? fd : -1, Sock.POLLIN)};
            int timeoutMs = !stdinOpen && udp || waitNs >= 0 ? (int) (idle / 1_000_000) : -1;
            if (quitAt != Long.MAX_VALUE) {
                long left = Math.max(0, (quitAt - sys.clockGettime()) / 1_000_000);
                timeoutMs = timeoutMs < 0 ? (int) left : (int) Math.min(timeoutMs, left);
            }
            int n = sys.poll(fds, timeoutMs);
            if (n < 0) {
                SockIo.perror(p, "nc", "poll", n);
                return 1;
            }
            if (n == 0) break; // -w or -q expired, or a UDP exchange went quiet after stdin ended
            if (netOpen && fds[1].revents != 0) {
                int r = sys.read(fd, buf, 0, buf.length);
                if (r < 0) {
                    SockIo.perror(p, "nc", "read", r);
                    sys.close(fd);
                    return 1;
                }
                if (r == 0 && !udp) netOpen = false;
                else SockIo.writeAll(sys, 1, buf, 0, r);
            }
            if (stdinOpen && fds[0].revents != 0) {
                int r = sys.read(0, buf, 0, buf.length);
                if (r <= 0) {
                    stdinOpen = false;
                    if (quitNs >= 0) quitAt = sys.clockGettime() + quitNs;
                    if (!udp) sys.shutdown(fd, Sock.SHUT_WR);
                } else {
                    int w = udp ? sys.send(fd, buf, 0, r, 0) : SockIo.writeAll(sys, fd, buf, 0, r);
                    if (w < 0) {
                        SockIo.perror(p, "nc", "write", w);
                        sys.close(fd);
                        return 1;
                    }
                }
            }
        }
        sys.close(fd);
        return 0;
    }
}
