package org.stacklab.solutions.apps;

import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/** {@code udp-echo-server PORT [COUNT]}: every datagram goes back to its sender (RFC 862); exits after COUNT. */
public final class UdpEchoServer implements Program {
    @Override
    public int main(UserProcess p, String[] argv) {
        if (argv.length < 2) {
            p.eprintln("usage: udp-echo-server PORT [COUNT]");
            return 2;
        }
        int port = Integer.parseInt(argv[1]);
        long count = argv.length > 2 ? Long.parseLong(argv[2]) : Long.MAX_VALUE;
        Syscalls sys = p.sys();
        int fd = sys.socket(InetSockets.AF_INET, Sock.SOCK_DGRAM, 0);
        if (fd < 0) return fail(p, "socket", fd);
        int rc = sys.bind(fd, new SockAddr(0, port));
        if (rc < 0) return fail(p, "bind", rc);
        byte[] buf = new byte[65536];
        for (long n = 0; n < count; n++) {
            SockAddr[] from = new SockAddr[1];
            int r = sys.recvfrom(fd, buf, 0, buf.length, 0, from);
            if (r < 0) return fail(p, "recvfrom", r);
            rc = sys.sendto(fd, buf, 0, r, 0, from[0]);
            if (rc < 0) return fail(p, "sendto", rc);
        }
        sys.close(fd);
        return 0;
    }

    static int fail(UserProcess p, String call, int rc) {
        p.eprintln("udp-echo-server: " + call + ": " + Errno.describe(rc));
        return 1;
    }
}
