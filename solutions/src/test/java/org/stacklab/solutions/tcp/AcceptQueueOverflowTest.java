package org.stacklab.solutions.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.Veth;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.tcp.TcpCounters;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.kernel.tcp.TcpStats;
import org.stacklab.kernel.tcp.TcpSysctl;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.TcpStates;

/**
 * A listener whose accept queue is full when a handshake completes (Linux, tcp_abort_on_overflow = 0):
 * the final ACK is dropped and counted, the request stays, and the client is served once accept()
 * makes room — never ESTABLISHED in no queue, where no program could reach it.
 */
class AcceptQueueOverflowTest {
    static final int H1 = Ip4.parse("10.0.0.1"), H2 = Ip4.parse("10.0.0.2");

    final EventLoop loop = EventLoop.virtual(13);
    final Kernel client = host("client");
    final Kernel server = host("server");

    AcceptQueueOverflowTest() {
        Veth.pair(client, "eth0", 0x020000000001L, server, "eth0", 0x020000000002L, Time.us(50));
        client.symbol(IpStack.class).addAddress("eth0", H1, 24);
        server.symbol(IpStack.class).addAddress("eth0", H2, 24);
    }

    Kernel host(String name) {
        Kernel k = new Kernel(name, loop, ModuleSet.reference());
        k.insmod("ip");
        k.insmod("tcp");
        return k;
    }

    Sock socket(Kernel k) { return InetSockets.of(k).lookup(Sock.SOCK_STREAM, Sock.IPPROTO_TCP).create(); }

    AssertionError failure(String message) {
        StringBuilder sb = new StringBuilder(message).append("\nseed ").append(loop.seed()).append('\n');
        for (Kernel k : List.of(client, server)) {
            sb.append("\n").append(k.hostname()).append(" trace:\n  ").append(String.join("\n  ", k.trace().tail(40)));
        }
        return new AssertionError(sb.toString());
    }

    Sock connect() {
        Sock c = socket(client);
        assertEquals(Errno.EINPROGRESS.neg(), c.connect(new SockAddr(H2, 80)));
        return c;
    }

    @Test
    void backlogOneThreeClientsAcceptedSlowlyAllServed() {
        Sock listener = socket(server);
        assertEquals(0, listener.bind(new SockAddr(0, 80)));
        assertEquals(0, listener.listen(1)); // Linux: the accept queue holds backlog + 1 = 2

        // The first client fills one place; the next two handshake together while one place is free,
        // so the third one's final ACK arrives when the accept queue is full.
        List<Sock> clients = new ArrayList<>();
        clients.add(connect());
        loop.runFor(Time.ms(10));
        clients.add(connect());
        clients.add(connect());
        loop.runFor(Time.ms(10));
        for (Sock c : clients) {
            if (TcpStates.of(c) != TcpState.ESTABLISHED) throw failure("client not connected: " + TcpStates.of(c));
            byte[] hello = ("hello from " + c.localAddress().port()).getBytes(StandardCharsets.US_ASCII);
            assertEquals(hello.length, c.sendmsg(hello, 0, hello.length, 0, null));
        }

        // Accept slowly: one connection every 2 s, each served (read its greeting, answer it).
        Set<Integer> served = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            loop.runFor(Time.s(2));
            Sock a = listener.accept();
            if (a == null) throw failure("accept() #" + (i + 1) + " found nothing: a connection was orphaned");
            int port = a.peerAddress().port();
            byte[] want = ("hello from " + port).getBytes(StandardCharsets.US_ASCII);
            byte[] buf = new byte[100];
            int[] n = {0};
            loop.runUntil(() -> (n[0] += Math.max(0, a.recvmsg(buf, n[0], buf.length - n[0], 0, null))) >= want.length, Time.s(10));
            assertEquals(new String(want, StandardCharsets.US_ASCII), new String(buf, 0, n[0], StandardCharsets.US_ASCII));
            byte[] reply = ("served " + port).getBytes(StandardCharsets.US_ASCII);
            assertEquals(reply.length, a.sendmsg(reply, 0, reply.length, 0, null));
            served.add(port);
        }
        assertEquals(3, served.size());
        assertEquals(null, listener.accept(), "no fourth connection");

        for (Sock c : clients) {
            byte[] want = ("served " + c.localAddress().port()).getBytes(StandardCharsets.US_ASCII);
            byte[] buf = new byte[100];
            int[] n = {0};
            loop.runUntil(() -> (n[0] += Math.max(0, c.recvmsg(buf, n[0], buf.length - n[0], 0, null))) >= want.length, Time.s(10));
            if (n[0] != want.length) throw failure("client " + c.localAddress().port() + " got no answer");
            assertEquals(new String(want, StandardCharsets.US_ASCII), new String(buf, 0, n[0], StandardCharsets.US_ASCII));
        }
        TcpCounters counters = server.symbol(TcpStats.class).counters();
        if (counters.listenOverflows < 1) throw failure("the third handshake should have met a full accept queue");
        assertTrue(counters.listenDrops >= counters.listenOverflows);
        assertTrue(client.oopses().isEmpty() && server.oopses().isEmpty());
    }

    @Test
    void abortOnOverflowResetsTheClientInstead() {
        server.sysctl().set(TcpSysctl.ABORT_ON_OVERFLOW, 1);
        Sock listener = socket(server);
        listener.bind(new SockAddr(0, 80));
        listener.listen(0); // one place
        Sock first = connect();
        loop.runFor(Time.ms(10));
        Sock second = connect();
        Sock third = connect();
        loop.runFor(Time.ms(100));
        assertNotNull(listener.accept());
        assertEquals(null, listener.accept());
        int reset = 0;
        for (Sock c : List.of(first, second, third)) if (c.takeError() == Errno.ECONNRESET.code) reset++;
        // The SYNs of second and third arrive while the queue is full: dropped, they retry; nothing resets
        // yet. Make room, and both handshake at once: one is queued, the other's ACK overflows and is reset.
        loop.runFor(Time.s(5));
        for (Sock c : List.of(second, third)) if (c.takeError() == Errno.ECONNRESET.code) reset++;
        assertEquals(1, reset, "one client reset at overflow");
        assertTrue(server.symbol(TcpStats.class).counters().listenOverflows >= 1);
    }
}
