package org.stacklab.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.Time;

/** The TCP side of the socket API over the reference TCP/IP on two kernels: blocking, errno, determinism. */
class TcpSyscallsTest {
    static final int AF = InetSockets.AF_INET, STREAM = Sock.SOCK_STREAM;
    static final SockAddr H2_80 = SockAddr.of("10.0.0.2", 80);

    static Task listener(RealHosts net, int backlog) {
        Task srv = Processes.on(net.h2).foreground("srv", Task.ROOT);
        int l = srv.sys().socket(AF, STREAM, 0);
        assertEquals(0, srv.sys().bind(l, new SockAddr(0, 80)));
        assertEquals(0, srv.sys().listen(l, backlog));
        return srv;
    }

    @Test
    void connectToAClosedPortIsRefusedByRst() {
        RealHosts net = new RealHosts(1);
        Syscalls sys = Processes.on(net.h1).foreground("c", Task.ROOT).sys();
        assertEquals(Errno.ECONNREFUSED.neg(), sys.connect(sys.socket(AF, STREAM, 0), H2_80), net.diagnostics());
    }

    @Test
    void connectToASilentHostTimesOutAfterTheSynRetries() {
        RealHosts net = new RealHosts(2);
        net.dropTcpFromH1();
        net.h1.sysctl().set("net.ipv4.tcp_syn_retries", 2);
        Syscalls sys = Processes.on(net.h1).foreground("c", Task.ROOT).sys();
        long t0 = sys.clockGettime();
        assertEquals(Errno.ETIMEDOUT.neg(), sys.connect(sys.socket(AF, STREAM, 0), H2_80), net.diagnostics());
        long waited = sys.clockGettime() - t0;
        assertTrue(waited >= Time.s(7) && waited < Time.s(10), "1 + 2 + 4 s of SYN backoff, then the last timeout: " + waited);
    }

    @Test
    void nonBlockingConnectInProgressThenAlreadyThenConnected() {
        RealHosts net = new RealHosts(3);
        listener(net, 4);
        Syscalls sys = Processes.on(net.h1).foreground("c", Task.ROOT).sys();
        int s = sys.socket(AF, STREAM | TaskSyscalls.SOCK_NONBLOCK, 0);
        assertEquals(Errno.EINPROGRESS.neg(), sys.connect(s, H2_80));
        assertEquals(Errno.EALREADY.neg(), sys.connect(s, H2_80));
        PollFd[] p = {new PollFd(s, Sock.POLLOUT)};
        assertEquals(1, sys.poll(p, 1000), net.diagnostics());
        assertEquals(0, sys.getsockopt(s, Sock.SOL_SOCKET, Sock.SO_ERROR));
        assertEquals(0, sys.connect(s, H2_80), "the handshake finished: connect reports success once");
        assertEquals(Errno.EISCONN.neg(), sys.connect(s, H2_80));
        SockAddr[] peer = new SockAddr[1];
        assertEquals(0, sys.getpeername(s, peer));
        assertEquals(H2_80, peer[0]);
    }

    @Test
    void peerClosingWithUnreadDataResetsAndLaterSendsGetEpipe() {
        RealHosts net = new RealHosts(4);
        Task srv = listener(net, 4);
        Syscalls sys = Processes.on(net.h1).foreground("c", Task.ROOT).sys();
        int s = sys.socket(AF, STREAM, 0);
        assertEquals(0, sys.connect(s, H2_80));
        int a = srv.sys().accept(3, null);
        assertTrue(a >= 0, Errno.describe(a));
        assertEquals(10, sys.send(s, new byte[10], 0, 10, 0));
        sys.nanosleep(Time.ms(5));
        srv.sys().close(a); // 10 bytes never read: RFC 2525 §2.17, the close sends RST
        assertEquals(Errno.ECONNRESET.neg(), sys.recv(s, new byte[1], 0, 1, 0), net.diagnostics());
        assertEquals(Errno.EPIPE.neg(), sys.send(s, new byte[1], 0, 1, 0));
    }

    @Test
    void sendAfterShutdownWrIsEpipeAndTheServerSeesEndOfFile() {
        RealHosts net = new RealHosts(5);
        Task srv = listener(net, 4);
        Syscalls sys = Processes.on(net.h1).foreground("c", Task.ROOT).sys();
        int s = sys.socket(AF, STREAM, 0);
        sys.connect(s, H2_80);
        sys.send(s, "bye".getBytes(StandardCharsets.US_ASCII), 0, 3, 0);
        assertEquals(0, sys.shutdown(s, Sock.SHUT_WR));
        assertEquals(Errno.EPIPE.neg(), sys.send(s, new byte[1], 0, 1, 0));
        int a = srv.sys().accept(3, null);
        byte[] b = new byte[8];
        assertEquals(3, srv.sys().recv(a, b, 0, 8, 0));
        assertEquals(0, srv.sys().recv(a, b, 0, 8, 0), "FIN: end of file");
        assertEquals(Errno.ENOTCONN.neg(), sys.recv(sys.socket(AF, STREAM, 0), b, 0, 1, 0));
    }

    /** A server and two clients as processes; returns output and every event run. */
    static List<String> bulkRun(long seed, StringBuilder out) {
        RealHosts net = new RealHosts(seed);
        List<String> events = new ArrayList<>();
        net.loop.setTracer(t -> events.add(t.when() + " " + t.label()));
        Program server = (p, argv) -> {
            Syscalls sys = p.sys();
            int l = sys.socket(AF, STREAM, 0);
            sys.bind(l, new SockAddr(0, 80));
            sys.listen(l, 8);
            for (int i = 0; i < 2; i++) {
                SockAddr[] peer = new SockAddr[1];
                int c = sys.accept(l, peer);
                long total = 0;
                byte[] buf = new byte[7000];
                int n;
                while ((n = sys.recv(c, buf, 0, buf.length, 0)) > 0) total += n;
                p.println("from " + peer[0] + ": " + total + " bytes, last recv " + n + ", t=" + sys.clockGettime());
                sys.close(c);
            }
            return 0;
        };
        Program client = (p, argv) -> {
            Syscalls sys = p.sys();
            int s = sys.socket(AF, STREAM, 0);
            int rc = sys.connect(s, H2_80);
            if (rc < 0) {
                p.eprintln("connect: " + Errno.describe(rc));
                return 1;
            }
            byte[] chunk = new byte[50_000];
            for (int i = 0; i < 20; i++) if (sys.send(s, chunk, 0, chunk.length, 0) != chunk.length) return 2;
            sys.close(s);
            return 0;
        };
        Task srv = Processes.on(net.h2).spawn("srv", server);
        Task a = Processes.on(net.h1).spawn("a", client);
        Task b = Processes.on(net.h1).spawn("b", client);
        assertTrue(net.sched.runUntilAllExit(Time.s(60)), net.diagnostics());
        assertEquals(0, srv.exitStatus() | a.exitStatus() | b.exitStatus(), a.stderr() + b.stderr() + net.diagnostics());
        assertTrue(net.h1.oopses().isEmpty() && net.h2.oopses().isEmpty(), net.diagnostics());
        out.append(srv.stdout());
        return events;
    }

    @Test
    void twoClientsStreamAMegabyteEachDeterministically() {
        StringBuilder o1 = new StringBuilder(), o2 = new StringBuilder();
        List<String> e1 = bulkRun(77, o1);
        List<String> e2 = bulkRun(77, o2);
        assertEquals(o1.toString(), o2.toString());
        assertEquals(e1, e2, "same seed: the same events at the same virtual times");
        assertEquals(2, o1.toString().split("1000000 bytes, last recv 0").length - 1, o1.toString());
    }
}
