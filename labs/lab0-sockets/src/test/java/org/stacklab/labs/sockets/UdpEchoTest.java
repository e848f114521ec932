package org.stacklab.labs.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.syscall.Task;

/** The UDP echo server and client, as processes on two hosts. */
class UdpEchoTest {
    AppsRig rig;

    /** Processes still blocked (a failing test) are killed, so their threads end. */
    @AfterEach
    void stop(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    @Test @Points(2)
    @DisplayName("udp-echo-client on h1 gets each of its messages back from udp-echo-server on h2")
    void echoesEachMessage() {
        rig = new AppsRig(1001);
        Task server = rig.start(rig.h2, "udp-server", "7", "3");
        rig.run(1_000_000);
        Task client = rig.start(rig.h1, "udp-client", "10.0.0.2", "7", "one", "two", "three");
        assertTrue(rig.runToExit(), () -> "both programs should exit" + rig.explain());
        assertEquals("one\ntwo\nthree\n", client.stdout(), () -> rig.explain());
        assertEquals(0, client.exitStatus(), () -> rig.explain());
        assertEquals(0, server.exitStatus(), () -> "the server exits after COUNT datagrams" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("one udp-echo-server answers two clients, each gets its own datagram back")
    void twoClients() {
        rig = new AppsRig(1002);
        Task server = rig.start(rig.h2, "udp-server", "7", "4");
        rig.run(1_000_000);
        Task a = rig.start(rig.h1, "udp-client", "10.0.0.2", "7", "alpha", "gamma");
        Task b = rig.start(rig.h1, "udp-client", "10.0.0.2", "7", "beta", "delta");
        assertTrue(rig.runToExit(), () -> rig.explain());
        assertEquals("alpha\ngamma\n", a.stdout(), () -> rig.explain());
        assertEquals("beta\ndelta\n", b.stdout(), () -> rig.explain());
        assertEquals(0, server.exitStatus(), () -> rig.explain());
    }

    @Test @Points(1)
    @DisplayName("a 1400-byte message comes back whole")
    void bigDatagram() {
        rig = new AppsRig(1003);
        rig.start(rig.h2, "udp-server", "7", "1");
        rig.run(1_000_000);
        String big = "x".repeat(1400);
        Task client = rig.start(rig.h1, "udp-client", "10.0.0.2", "7", big);
        assertTrue(rig.runToExit(), () -> rig.explain());
        assertEquals(big + "\n", client.stdout(), () -> rig.explain());
    }

    @Test @Points(2)
    @DisplayName("no server on the port: the client reports Connection refused (ECONNREFUSED) and exits 1")
    void connectionRefused() {
        rig = new AppsRig(1004);
        Task client = rig.start(rig.h1, "udp-client", "10.0.0.2", "9999", "anyone?");
        assertTrue(rig.runToExit(), () -> rig.explain());
        assertEquals(1, client.exitStatus(), () -> rig.explain());
        assertTrue(client.stderr().contains("Connection refused"), () -> "stderr should name the error: " + client.stderr() + rig.explain());
        assertEquals("", client.stdout(), () -> rig.explain());
    }

    @Test @Points(1)
    @DisplayName("the port is taken: udp-echo-server reports Address already in use and exits 1")
    void addressInUse() {
        rig = new AppsRig(1005);
        Sock squatter = InetSockets.of(rig.h2.kernel()).lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_UDP).create();
        assertEquals(0, squatter.bind(new SockAddr(0, 7)));
        Task server = rig.start(rig.h2, "udp-server", "7");
        assertTrue(rig.runToExit(), () -> rig.explain());
        assertEquals(1, server.exitStatus(), () -> rig.explain());
        assertTrue(server.stderr().contains("Address already in use"), () -> server.stderr() + rig.explain());
    }
}
