package org.stacklab.labs.tcpconnect;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.BulkTransfer;
import org.stacklab.testkit.tcp.FaultProfile;
import org.stacklab.testkit.tcp.TcpPipe;
import org.stacklab.testkit.tcp.TcpStates;

/** Your state machine on both ends of a link: A (10.0.0.1) talks to B (10.0.0.2). */
class EndToEndTest {
    @RegisterExtension final ConnectLab lab = new ConnectLab();

    @Test @Points(2)
    @DisplayName("end to end: connect() to a port nobody listens on is refused (B's RST -> ECONNREFUSED on A)")
    void connectToClosedPortIsRefused() {
        TcpPipe pipe = lab.pipe(FaultProfile.clean());
        Sock s = InetSockets.of(pipe.a()).lookup(Sock.SOCK_STREAM, Sock.IPPROTO_TCP).create();
        int rc = s.connect(new SockAddr(TcpPipe.B, 7));
        if (rc != Errno.EINPROGRESS.neg()) throw pipe.failure("connect() returned " + Errno.describe(rc) + ", expected EINPROGRESS");
        pipe.loop().runFor(Time.ms(50));
        if (TcpStates.of(s) != TcpState.CLOSED) throw pipe.failure("A is in " + TcpStates.of(s) + " 50 ms after B's RST, expected CLOSED");
        int err = s.takeError();
        if (err != Errno.ECONNREFUSED.code) {
            throw pipe.failure("connect() should fail with ECONNREFUSED; the socket's error is " + (err == 0 ? "none" : Errno.describe(-err)));
        }
    }

    @Test @Points(3)
    @DisplayName("end to end: open, 64 KB each way, close on both sides, through TIME-WAIT to CLOSED")
    void wholeConversation() {
        TcpPipe pipe = lab.pipe(FaultProfile.clean());
        BulkTransfer.run(pipe, 64 * 1024, 64 * 1024, Time.s(30)).assertOk();
    }

    @Test @Points(2)
    @DisplayName("end to end: the conversation survives a lossy link (5% loss: lost SYNs, FINs and ACKs)")
    void conversationOverALossyLink() {
        TcpPipe pipe = lab.pipe(FaultProfile.clean().withLoss(0.05));
        BulkTransfer.run(pipe, 64 * 1024, 64 * 1024, Time.s(120)).assertOk();
    }
}
