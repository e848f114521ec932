package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.sim.Time;
import org.stacklab.syscall.MemoryFs;
import org.stacklab.syscall.Processes;
import org.stacklab.syscall.Task;
import org.stacklab.syscall.RealHosts;
import org.stacklab.syscall.Vfs;

/** nc, echo-server, httpd and http-get between two hosts over the reference TCP/UDP/IP, through syscalls only. */
class NetProgramsTest {
    RealHosts net;

    @BeforeEach
    void hosts() {
        net = new RealHosts(21);
        for (Kernel k : new Kernel[] {net.h1, net.h2}) EtcHosts.of(k).add("h1", "10.0.0.1").add("h2", "10.0.0.2");
    }

    Task run(Kernel k, String... argv) { return Processes.on(k).spawn(argv[0], Programs.lookup(argv[0]), argv); }

    void runAll() { assertTrue(net.sched.runUntilAllExit(Time.s(30)), "not all exited\n" + net.diagnostics()); }

    @Test
    void ncTcpCarriesBothDirectionsAndEndsOnEof() {
        Task server = run(net.h2, "nc", "-l", "80");
        server.console().openStdin().type("hello from h2\n").closeStdin();
        Task client = run(net.h1, "nc", "h2", "80");
        client.console().openStdin().type("hello from h1\n").closeStdin();
        runAll();
        assertEquals("hello from h1\n", server.stdout());
        assertEquals("hello from h2\n", client.stdout());
        assertEquals(0, server.exitStatus());
        assertEquals(0, client.exitStatus(), client.stderr());
    }

    @Test
    void ncVerboseAndRefused() {
        Task t = run(net.h1, "nc", "-v", "10.0.0.2", "81");
        runAll();
        assertEquals(1, t.exitStatus());
        assertEquals("nc: connect to 10.0.0.2 port 81 (tcp) failed: Connection refused\n", t.stderr());
        Task u = run(net.h1, "nc", "nosuchhost", "80");
        runAll();
        assertTrue(u.stderr().contains("Name or service not known"), u.stderr());
    }

    @Test
    void ncDashQQuitsThatLongAfterStdinEndsAndDash4IsAccepted() {
        // A listener nobody accepts from: the connection waits in CLOSE-WAIT, so only -q ends the client.
        var l = org.stacklab.kernel.socket.InetSockets.of(net.h2).lookup(org.stacklab.kernel.socket.Sock.SOCK_STREAM, 0).create();
        assertEquals(0, l.bind(new org.stacklab.kernel.socket.SockAddr(0, 80)));
        assertEquals(0, l.listen(1));
        Task client = run(net.h1, "nc", "-4", "-q", "1", "h2", "80");
        client.console().openStdin().type("bye\n").closeStdin();
        net.sched.runFor(Time.ms(900));
        assertTrue(!client.exited(), "still within -q 1");
        net.sched.runFor(Time.ms(200));
        assertTrue(client.exited(), "nc -q 1 quits a second after EOF on stdin");
        assertEquals(0, client.exitStatus(), client.stderr());
    }

    @Test
    void ncUdpServerAnswersTheFirstSender() {
        Task server = run(net.h2, "nc", "-u", "-l", "5000");
        server.console().openStdin();
        Task client = run(net.h1, "nc", "-u", "h2", "5000");
        client.console().openStdin().type("ping\n");
        net.sched.runFor(Time.ms(5));
        assertEquals("ping\n", server.stdout());
        server.console().type("pong\n");
        net.sched.runFor(Time.ms(5));
        assertEquals("pong\n", client.stdout());
        client.console().closeStdin();
        server.console().closeStdin();
        runAll();
        assertEquals(0, client.exitStatus());
    }

    @Test
    void echoServerOverTcpServesTwoClientsAtOnce() {
        Task echo = run(net.h2, "echo-server", "-c", "2", "7");
        Task a = run(net.h1, "nc", "h2", "7");
        a.console().openStdin().type("one\n");
        Task b = run(net.h1, "nc", "h2", "7");
        b.console().openStdin().type("two\n");
        net.sched.runFor(Time.ms(20));
        assertEquals("one\n", a.stdout(), "both clients are served while both are connected");
        assertEquals("two\n", b.stdout());
        a.console().closeStdin();
        b.console().closeStdin();
        runAll();
        assertEquals(0, echo.exitStatus());
        assertTrue(echo.stdout().contains("connection from 10.0.0.1:"), echo.stdout());
    }

    @Test
    void echoServerOverUdp() {
        Task echo = run(net.h2, "echo-server", "-u", "-c", "1", "7");
        Task c = run(net.h1, "nc", "-u", "-w", "0.5", "h2", "7");
        c.console().openStdin().type("datagram").closeStdin();
        runAll();
        assertEquals("datagram", c.stdout());
        assertEquals(0, echo.exitStatus());
    }

    @Test
    void httpServesGeneratedBytesAndFiles() {
        MemoryFs www = new MemoryFs().put("/srv/www/index.html", "<h1>hi</h1>\n");
        Vfs.of(net.h2).mount("/srv", www);
        MemoryFs tmp = new MemoryFs();
        Vfs.of(net.h1).mount("/tmp", tmp);
        Task httpd = run(net.h2, "httpd", "-c", "4");
        Task big = run(net.h1, "http-get", "-s", "http://h2/bytes/300000");
        assertTrue(net.sched.runUntil(big::exited, Time.s(30)), net.diagnostics()); // httpd waits for 3 more
        assertEquals(0, big.exitStatus(), big.stderr());
        assertTrue(big.stdout().startsWith("HTTP 200, 300000 bytes in "), big.stdout());

        Task page = run(net.h1, "http-get", "http://h2/");
        Task missing = run(net.h1, "http-get", "http://10.0.0.2:80/nope");
        Task saved = run(net.h1, "http-get", "-o", "/tmp/b", "http://h2/bytes/70");
        runAll();
        assertEquals("<h1>hi</h1>\n", page.stdout());
        assertEquals(22, missing.exitStatus());
        assertEquals(0, saved.exitStatus(), saved.stderr());
        String body = new String(tmp.get("/tmp/b"), StandardCharsets.US_ASCII);
        assertEquals(70, body.length());
        assertTrue(body.startsWith("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/ABCDEF"), body);
        assertEquals(0, httpd.exitStatus());
        assertTrue(httpd.stdout().contains("10.0.0.1 \"GET /bytes/300000 HTTP/1.0\" 200 300000"), httpd.stdout());
        assertTrue(httpd.stdout().contains("\"GET /nope HTTP/1.0\" 404"), httpd.stdout());
    }
}
