package org.stacklab.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.Time;

/** Processes written as straight-line blocking code take turns deterministically in virtual time. */
class SchedulerTest {
    static final int AF = InetSockets.AF_INET;

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** A UDP server that answers each datagram in upper case, and a client that asks twice. */
    static Program udpServer = (proc, argv) -> {
        Syscalls sys = proc.sys();
        int fd = sys.socket(AF, Sock.SOCK_DGRAM, 0);
        sys.bind(fd, new SockAddr(0, 5000));
        byte[] buf = new byte[100];
        for (int i = 0; i < 2; i++) {
            SockAddr[] from = new SockAddr[1];
            int n = sys.recvfrom(fd, buf, 0, buf.length, 0, from);
            proc.println("t=" + sys.clockGettime() + " got " + new String(buf, 0, n, StandardCharsets.UTF_8) + " from " + from[0]);
            byte[] up = new String(buf, 0, n, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8);
            sys.sendto(fd, up, 0, up.length, 0, from[0]);
        }
        return 0;
    };

    static Program udpClient = (proc, argv) -> {
        Syscalls sys = proc.sys();
        int fd = sys.socket(AF, Sock.SOCK_DGRAM, 0);
        byte[] buf = new byte[100];
        for (String w : new String[] {"ping", "pong"}) {
            sys.sendto(fd, b(w), 0, w.length(), 0, SockAddr.of("10.0.0.2", 5000));
            int n = sys.recvfrom(fd, buf, 0, buf.length, 0, null);
            proc.println("t=" + sys.clockGettime() + " reply " + new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return 0;
    };

    @Test
    void udpRequestReplyAcrossTwoProcesses() {
        TestHosts net = new TestHosts(3);
        Task server = Processes.on(net.h2).spawn("server", udpServer);
        Task client = Processes.on(net.h1).spawn("client", udpClient);
        assertTrue(net.sched.runUntilAllExit(Time.s(1)), net.diagnostics());
        assertEquals(0, server.exitStatus());
        assertEquals(0, client.exitStatus());
        assertEquals("t=20000 reply PING\nt=40000 reply PONG\n", client.stdout(), "each hop costs the fake wire's 10 µs");
        assertTrue(server.stdout().startsWith("t=10000 got ping from 10.0.0.1:"), server.stdout());
    }

    /** Blocking accept, connect and recv over the stream transport, with the event order recorded. */
    static List<String> streamRun(long seed, StringBuilder out) {
        TestHosts net = new TestHosts(seed);
        List<String> events = new ArrayList<>();
        net.loop.setTracer(t -> events.add(t.when() + " " + t.label()));
        Program server = (proc, argv) -> {
            Syscalls sys = proc.sys();
            int l = sys.socket(AF, Sock.SOCK_STREAM, 0);
            sys.bind(l, new SockAddr(0, 80));
            sys.listen(l, 5);
            for (int i = 0; i < 2; i++) {
                SockAddr[] peer = new SockAddr[1];
                int c = sys.accept(l, peer);
                byte[] buf = new byte[64];
                int n = sys.recv(c, buf, 0, buf.length, 0);
                proc.println("accepted " + peer[0] + " said " + new String(buf, 0, n, StandardCharsets.UTF_8));
                sys.send(c, b("bye"), 0, 3, 0);
                sys.close(c);
            }
            return 0;
        };
        Program client = (proc, argv) -> {
            Syscalls sys = proc.sys();
            int s = sys.socket(AF, Sock.SOCK_STREAM, 0);
            int rc = sys.connect(s, SockAddr.of("10.0.0.2", 80));
            if (rc < 0) return 1;
            sys.send(s, b(argv[0]), 0, argv[0].length(), 0);
            byte[] buf = new byte[64];
            int n = sys.recv(s, buf, 0, buf.length, 0);
            proc.println(argv[0] + " got " + new String(buf, 0, n, StandardCharsets.UTF_8) + " at " + sys.clockGettime());
            proc.println("then eof: " + sys.recv(s, buf, 0, buf.length, 0));
            return 0;
        };
        Task srv = Processes.on(net.h2).spawn("srv", server);
        Task a = Processes.on(net.h1).spawn("a", client, "alice");
        Task c = Processes.on(net.h1).spawn("b", client, "bob");
        assertTrue(net.sched.runUntilAllExit(Time.s(5)), net.diagnostics());
        out.append(srv.stdout()).append(a.stdout()).append(c.stdout());
        assertEquals(0, srv.exitStatus() | a.exitStatus() | c.exitStatus(), out.toString());
        return events;
    }

    @Test
    void blockingAcceptConnectRecvAreDeterministic() {
        StringBuilder out1 = new StringBuilder(), out2 = new StringBuilder();
        List<String> run1 = streamRun(42, out1);
        List<String> run2 = streamRun(42, out2);
        assertEquals(run1, run2, "same seed, same events in the same order");
        assertEquals(out1.toString(), out2.toString());
        String out = out1.toString();
        assertTrue(out.contains("accepted 10.0.0.1:40000 said alice"), out);
        assertTrue(out.contains("accepted 10.0.0.1:40001 said bob"), out);
        assertTrue(out.contains("alice got bye at 4000000"), out);
        assertTrue(out.contains("then eof: 0"), out);
    }

    @Test
    void pollTimesOutInVirtualTimeAndWakesOnData() {
        TestHosts net = new TestHosts(5);
        Task t = Processes.on(net.h2).spawn("poller", (proc, argv) -> {
            Syscalls sys = proc.sys();
            int fd = sys.socket(AF, Sock.SOCK_DGRAM, 0);
            sys.bind(fd, new SockAddr(0, 6000));
            PollFd[] p = {new PollFd(fd, Sock.POLLIN)};
            long t0 = sys.clockGettime();
            proc.println("poll=" + sys.poll(p, 250) + " after " + (sys.clockGettime() - t0));
            proc.println("poll=" + sys.poll(p, -1) + " revents=" + p[0].revents + " at " + sys.clockGettime());
            return 0;
        });
        Processes.on(net.h1).spawn("sender", (proc, argv) -> {
            proc.sys().nanosleep(Time.s(1));
            int fd = proc.sys().socket(AF, Sock.SOCK_DGRAM, 0);
            return proc.sys().sendto(fd, b("x"), 0, 1, 0, SockAddr.of("10.0.0.2", 6000)) == 1 ? 0 : 1;
        });
        assertTrue(net.sched.runUntilAllExit(Time.s(5)));
        assertEquals("poll=0 after 250000000\npoll=1 revents=1 at 1000010000\n", t.stdout());
    }

    @Test
    void aThrowingProgramCostsOnlyItself() {
        TestHosts net = new TestHosts(6);
        Task bad = Processes.on(net.h1).spawn("bad", (proc, argv) -> {
            proc.sys().socket(AF, Sock.SOCK_DGRAM, 0);
            throw new IllegalStateException("boom");
        });
        Task good = Processes.on(net.h1).spawn("good", (proc, argv) -> {
            proc.sys().nanosleep(Time.ms(5));
            proc.println("fine");
            return 3;
        });
        assertTrue(net.sched.runUntilAllExit(Time.s(1)));
        assertEquals(1, bad.exitStatus());
        assertTrue(bad.stderr().contains("bad: java.lang.IllegalStateException: boom"), bad.stderr());
        assertTrue(bad.fds().openFds().isEmpty(), "exit closes every fd");
        assertEquals(3, good.exitStatus());
        assertEquals("fine\n", good.stdout());
    }

    @Test
    void aBusyLoopIsPreemptedSoTimeMovesAndTheSyscallLimitStopsIt() {
        TestHosts net = new TestHosts(7);
        Task spin = Processes.on(net.h1).spawn("spin", (proc, argv) -> {
            int fd = proc.sys().socket(AF, Sock.SOCK_DGRAM, 0);
            byte[] b = new byte[10];
            while (true) proc.sys().recv(fd, b, 0, 10, Sock.MSG_DONTWAIT); // never blocks
        });
        spin.setSyscallLimit(100_000);
        Task sleeper = Processes.on(net.h1).spawn("sleeper", (proc, argv) -> {
            proc.sys().nanosleep(Time.us(100));
            proc.println("woke at " + proc.sys().clockGettime());
            return 0;
        });
        assertTrue(net.sched.runUntilAllExit(Time.s(10)));
        assertEquals("woke at 100000\n", sleeper.stdout(), "the spinner did not starve the sleeper");
        assertEquals(128 + Task.SIGXCPU, spin.exitStatus());
        assertTrue(spin.stderr().contains("CPU time limit exceeded"));
    }

    @Test
    void aLoopWithoutSystemCallsIsStoppedByTheWallClockWatchdog() {
        TestHosts net = new TestHosts(12);
        net.sched.setCpuWallLimitMs(200);
        Task hog = Processes.on(net.h1).spawn("hog", (proc, argv) -> {
            long x = 0;
            while (x >= 0) x = (x + 1) & 0xffff; // never makes a system call, never ends
            return 0;
        });
        Task other = Processes.on(net.h1).spawn("other", (proc, argv) -> 0);
        assertTrue(net.sched.runUntilAllExit(Time.s(1)));
        assertEquals(128 + Task.SIGXCPU, hog.exitStatus());
        assertEquals(0, other.exitStatus(), "the others still run");
        assertTrue(net.h1.log().contains("hog[100]@h1 killed"), String.join("\n", net.h1.log().lines()));
    }

    @Test
    void killEndsABlockedProcessAndClosesItsSockets() {
        TestHosts net = new TestHosts(8);
        Task server = Processes.on(net.h2).spawn("nc", (proc, argv) -> {
            int fd = proc.sys().socket(AF, Sock.SOCK_DGRAM, 0);
            proc.sys().bind(fd, new SockAddr(0, 7))
            ;
            return proc.sys().recv(fd, new byte[10], 0, 10, 0);
        });
        net.sched.runFor(Time.ms(10));
        assertEquals(Task.State.BLOCKED, server.state());
        assertEquals(1, InetSockets.of(net.h2).lookup(Sock.SOCK_DGRAM, 0).sockets().size());
        server.kill();
        net.sched.runFor(Time.ms(1));
        assertEquals(137, server.exitStatus());
        assertEquals(0, InetSockets.of(net.h2).lookup(Sock.SOCK_DGRAM, 0).sockets().size(), "the socket closed on exit");
    }

    @Test
    void processesThatNeverFinishLeaveRunUntilAllExitAtTheTimeout() {
        TestHosts net = new TestHosts(9);
        Task t = Processes.on(net.h1).spawn("waiter", (proc, argv) -> {
            int fd = proc.sys().socket(AF, Sock.SOCK_DGRAM, 0);
            return proc.sys().recv(fd, new byte[1], 0, 1, 0);
        });
        assertFalse(net.sched.runUntilAllExit(Time.s(2)));
        assertEquals(Time.s(2), net.loop.now());
        assertFalse(t.exited());
        net.sched.killAll();
        assertTrue(t.exited());
    }

    @Test
    void stdinFeedsAProgram() {
        TestHosts net = new TestHosts(10);
        Task cat = Processes.on(net.h1).spawn("cat", (proc, argv) -> {
            byte[] b = new byte[16];
            int n;
            while ((n = proc.sys().read(0, b, 0, b.length)) > 0) proc.sys().write(1, b, 0, n);
            return n;
        });
        cat.console().openStdin().type("hello ");
        net.sched.runFor(Time.ms(1));
        assertEquals("hello ", cat.stdout());
        cat.console().type("world").closeStdin();
        assertTrue(net.sched.runUntilAllExit(Time.ms(1)));
        assertEquals("hello world", cat.stdout());
        assertEquals(0, cat.exitStatus());
    }

    @Test
    void foregroundProcessRunsOthersWhileItBlocks() {
        TestHosts net = new TestHosts(11);
        Processes.on(net.h2).spawn("server", udpServer);
        Task fg = Processes.on(net.h1).foreground("fg", Task.USER);
        Syscalls sys = fg.sys();
        int fd = sys.socket(AF, Sock.SOCK_DGRAM, 0);
        sys.sendto(fd, b("hey"), 0, 3, 0, SockAddr.of("10.0.0.2", 5000));
        byte[] buf = new byte[10];
        SockAddr[] from = new SockAddr[1];
        assertEquals(3, sys.recvfrom(fd, buf, 0, 10, 0, from));
        assertEquals("HEY", new String(buf, 0, 3, StandardCharsets.UTF_8));
        assertEquals(new SockAddr(Ip4.parse("10.0.0.2"), 5000), from[0]);
        assertEquals(Errno.EAGAIN.neg(), sys.recv(fd, buf, 0, 10, Sock.MSG_DONTWAIT));
    }
}
