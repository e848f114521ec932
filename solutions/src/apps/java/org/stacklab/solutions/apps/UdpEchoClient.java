package org.stacklab.solutions.apps;

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
 * {@code udp-echo-client HOST PORT MESSAGE...}: a connected UDP socket sends each message and
 * prints each answer on its own line. Connecting makes the kernel report an ICMP port unreachable
 * as ECONNREFUSED; a second without an answer is a timeout.
 */
public final class UdpEchoClient implements Program {
    static final int TIMEOUT_MS = 1000;

    @Override
    public int main(UserProcess p, String[] argv) {
        if (argv.length < 4) {
            p.eprintln("usage: udp-echo-client HOST PORT MESSAGE...");
            return 2;
        }
        Syscalls sys = p.sys();
        int fd = sys.socket(InetSockets.AF_INET, Sock.SOCK_DGRAM, 0);
        if (fd < 0) return fail(p, "socket", fd);
        int rc = sys.connect(fd, new SockAddr(Ip4.parse(argv[1]), Integer.parseInt(argv[2])));
        if (rc < 0) return fail(p, "connect", rc);
        byte[] buf = new byte[65536];
        for (int i = 3; i < argv.length; i++) {
            byte[] msg = argv[i].getBytes(StandardCharsets.UTF_8);
            rc = sys.send(fd, msg, 0, msg.length, 0);
            if (rc < 0) return fail(p, "send", rc);
            PollFd[] pfd = {new PollFd(fd, Sock.POLLIN)};
            if (sys.poll(pfd, TIMEOUT_MS) == 0) {
                p.eprintln("udp-echo-client: no reply from " + argv[1] + ":" + argv[2]);
                return 1;
            }
            int n = sys.recv(fd, buf, 0, buf.length, 0);
            if (n < 0) return fail(p, "recv", n);
            p.println(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        sys.close(fd);
        return 0;
    }

    private static int fail(UserProcess p, String call, int rc) {
        p.eprintln("udp-echo-client: " + call + ": " + Errno.describe(rc));
        return 1;
    }
}
