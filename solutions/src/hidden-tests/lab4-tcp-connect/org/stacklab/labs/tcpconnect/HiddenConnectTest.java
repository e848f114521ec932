package org.stacklab.labs.tcpconnect;

import static org.stacklab.kernel.tcp.TcpState.*;
import static org.stacklab.testkit.tcp.Seg.*;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.grader.Visibility;
import org.stacklab.testkit.tcp.TcpHarness;

/** Held back by staff: transitions the visible tests reach only one at a time. */
class HiddenConnectTest {
    @RegisterExtension final ConnectLab lab = new ConnectLab();
    final TcpHarness h = lab.h;

    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: data and FIN in one segment: the data is delivered, then ESTABLISHED -> CLOSE-WAIT")
    void dataWithFin() {
        var c = lab.accepted();
        h.receive(data("bye").seq(c.peer(0)).ack(c.us(0)));
        h.receive(finAck().seq(c.peer(3)).ack(c.us(0)));
        h.drainSent();
        lab.expectState(c.sock(), CLOSE_WAIT, "after data and the peer's FIN");
        byte[] b = new byte[8];
        lab.expect(c.sock().recvmsg(b, 0, 8, 0, null) == 3, "the 3 bytes before the FIN are readable");
        lab.expect(c.sock().recvmsg(b, 0, 8, 0, null) == 0, "then end of stream");
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: LAST-ACK -RST-> CLOSED without an error for the closed socket, nothing sent")
    void resetInLastAck() {
        var c = lab.accepted();
        h.receive(finAck().seq(c.peer(0)).ack(c.us(0)));
        c.sock().close();
        h.drainSent();
        lab.expectState(c.sock(), LAST_ACK, "after close() in CLOSE-WAIT");
        h.receive(rst().seq(c.peer(1)));
        lab.expectState(c.sock(), CLOSED, "a reset in LAST-ACK ends the connection");
        h.expectNothingSent();
    }
}
