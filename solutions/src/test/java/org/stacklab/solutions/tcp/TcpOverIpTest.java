package org.stacklab.solutions.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.Veth;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.kernel.tcp.TcpSysctl;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.SeededRandom;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.BulkTransfer;
import org.stacklab.testkit.tcp.TcpStates;

/** End to end: the reference TCP over the reference IPv4 module, two kernels joined by a veth pair. */
class TcpOverIpTest {
    static final int H1 = Ip4.parse("10.0.0.1"), H2 = Ip4.parse("10.0.0.2");

    final EventLoop loop = EventLoop.virtual(2024);
    final Kernel h1 = host("h1");
    final Kernel h2 = host("h2");
    final NetDevice[] link = Veth.pair(h1, "eth0", 0x020000000001L, h2, "eth0", 0x020000000002L, Time.us(50));

    TcpOverIpTest() {
        h1.symbol(IpStack.class).addAddress("eth0", H1, 24);
        h2.symbol(IpStack.class).addAddress("eth0", H2, 24);
        for (Kernel k : List.of(h1, h2)) k.sysctl().set(TcpSysctl.MSL_MS, 500);
    }

    Kernel host(String name) {
        Kernel k = new Kernel(name, loop, ModuleSet.reference());
        k.insmod("ip");
        k.insmod("tcp");
        return k;
    }

    AssertionError failure(String message) {
        StringBuilder sb = new StringBuilder(message).append("\nseed ").append(loop.seed()).append('\n');
        for (Kernel k : List.of(h1, h2)) {
            sb.append("\n").append(k.hostname()).append(" trace:\n  ").append(String.join("\n  ", k.trace().tail(20)));
            List<String> log = k.log().lines();
            sb.append("\n").append(k.hostname()).append(" log:\n  ")
                    .append(String.join("\n  ", log.subList(Math.max(0, log.size() - 10), log.size())));
        }
        return new AssertionError(sb.toString());
    }

    @Test
    void megabyteEachWayOverTheRealIpLayer() {
        BulkTransfer.run(loop, h1, h2, H2, 1 << 20, 1 << 20, Time.s(60), this::failure).assertOk();
    }

    @Test
    void megabyteEachWayOverALossyVeth() {
        SeededRandom rnd = loop.random().fork("veth loss");
        for (NetDevice d : link) Veth.setFilter(d, (frame, len) -> !rnd.chance(0.02));
        h1.trace().setEnabled(false);
        h2.trace().setEnabled(false);
        BulkTransfer.run(loop, h1, h2, H2, 1 << 20, 1 << 20, Time.s(600), this::failure).assertOk();
    }

    @Test
    void connectToAClosedPortIsRefused() {
        Sock s = InetSockets.of(h1).lookup(Sock.SOCK_STREAM, Sock.IPPROTO_TCP).create();
        assertEquals(Errno.EINPROGRESS.neg(), s.connect(new SockAddr(H2, 9)));
        loop.runUntil(() -> TcpStates.of(s) == TcpState.CLOSED, Time.s(5));
        assertEquals(Errno.ECONNREFUSED.code, s.takeError());
    }

    @Test
    void ssShowsListenerAndConnectionQueues() {
        Sock l = InetSockets.of(h2).lookup(Sock.SOCK_STREAM, Sock.IPPROTO_TCP).create();
        l.bind(new SockAddr(0, 80));
        l.listen(128);
        assertEquals("LISTEN", l.info().state());
        assertEquals(128, l.info().sendQ());
        Sock c = InetSockets.of(h1).lookup(Sock.SOCK_STREAM, Sock.IPPROTO_TCP).create();
        c.connect(new SockAddr(H2, 80));
        loop.runUntil(() -> l.info().recvQ() == 1, Time.s(1));
        assertEquals(1, l.info().recvQ());
        Sock a = l.accept();
        byte[] msg = "hello, world\n".getBytes();
        assertEquals(msg.length, c.sendmsg(msg, 0, msg.length, 0, null));
        loop.runFor(Time.ms(100));
        assertEquals("ESTABLISHED", a.info().state());
        assertEquals(msg.length, a.info().recvQ());
        assertEquals(0, c.info().sendQ());
        assertTrue(h1.oopses().isEmpty() && h2.oopses().isEmpty());
    }
}
