package org.stacklab.labs.tcpconnect;

import static org.stacklab.kernel.tcp.TcpState.*;
import static org.stacklab.sim.Time.ms;
import static org.stacklab.testkit.tcp.Seg.*;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/** Closing (RFC 9293 §3.6, Figures 12-13) and TIME-WAIT's 2 × MSL (here MSL = 1 s). */
class CloseTest {
    @RegisterExtension final ConnectLab lab = new ConnectLab();
    final TcpHarness h = lab.h;

    @Test @Points(3)
    @DisplayName("active close: ESTABLISHED -close/FIN-> FIN-WAIT-1 -ACK-> FIN-WAIT-2 -FIN/ACK-> TIME-WAIT")
    void activeClose() {
        var c = lab.accepted();
        c.sock().close();
        h.expectSent(finAck().seq(c.us(0)).ack(c.peer(0)));                  //  -- FIN seq U ---------->
        lab.expectState(c.sock(), FIN_WAIT_1, "after close() sent our FIN");

        h.after(ms(1)).receive(ack().seq(c.peer(0)).ack(c.us(1)));           //  <-- ACK ack U+1 --------
        lab.expectState(c.sock(), FIN_WAIT_2, "once our FIN is acknowledged");

        h.after(ms(1)).receive(finAck().seq(c.peer(0)).ack(c.us(1)));        //  <-- FIN seq P ----------
        h.expectSent(ack().seq(c.us(1)).ack(c.peer(1)));                     //  -- ACK ack P+1 -------->
        lab.expectState(c.sock(), TIME_WAIT, "after the peer's FIN in FIN-WAIT-2");
    }

    @Test @Points(2)
    @DisplayName("TIME-WAIT lasts exactly 2 x MSL, then CLOSED")
    void timeWaitLastsTwoMsl() {
        var c = lab.accepted();
        c.sock().close();
        h.expectSent(finAck());
        h.receive(ack().seq(c.peer(0)).ack(c.us(1)));
        h.receive(finAck().seq(c.peer(0)).ack(c.us(1)));
        h.expectSent(ack().ack(c.peer(1)));
        long entered = h.now();
        lab.expectState(c.sock(), TIME_WAIT, "after the peer's FIN");
        h.at(entered + ms(1999));
        lab.expectState(c.sock(), TIME_WAIT, "1.999 s into TIME-WAIT (2 x MSL = 2 s: did you call c.startTimeWait()?)");
        h.at(entered + ms(2001));
        lab.expectState(c.sock(), CLOSED, "2 x MSL after entering TIME-WAIT");
        h.expectNothingSent();
    }

    @Test @Points(1)
    @DisplayName("FIN-WAIT-1 -FIN,ACK (acking our FIN)-> TIME-WAIT directly")
    void finAckTakesFinWait1ToTimeWait() {
        var c = lab.accepted();
        c.sock().close();
        h.expectSent(finAck().seq(c.us(0)));
        h.receive(finAck().seq(c.peer(0)).ack(c.us(1)));
        h.expectSent(ack().ack(c.peer(1)));
        lab.expectState(c.sock(), TIME_WAIT, "a FIN that also acknowledges our FIN");
    }

    @Test @Points(3)
    @DisplayName("passive close: ESTABLISHED -FIN/ACK-> CLOSE-WAIT -close/FIN-> LAST-ACK -ACK-> CLOSED")
    void passiveClose() {
        var c = lab.accepted();
        h.receive(finAck().seq(c.peer(0)).ack(c.us(0)));                     //  <-- FIN seq P ----------
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(1)));                     //  -- ACK ack P+1 -------->
        lab.expectState(c.sock(), CLOSE_WAIT, "after the peer's FIN");
        byte[] buf = new byte[10];
        lab.expect(c.sock().recvmsg(buf, 0, 10, 0, null) == 0, "recv() returns 0, end of stream, after the peer's FIN");

        c.sock().close();
        h.expectSent(finAck().seq(c.us(0)).ack(c.peer(1)));                  //  -- FIN seq U ---------->
        lab.expectState(c.sock(), LAST_ACK, "after close() in CLOSE-WAIT");

        h.receive(ack().seq(c.peer(1)).ack(c.us(1)));                        //  <-- ACK ack U+1 --------
        lab.expectState(c.sock(), CLOSED, "once our FIN is acknowledged in LAST-ACK");
    }

    @Test @Points(3)
    @DisplayName("simultaneous close: FIN-WAIT-1 -FIN/ACK-> CLOSING -ACK-> TIME-WAIT -2MSL-> CLOSED")
    void simultaneousClose() {
        var c = lab.accepted();
        c.sock().close();
        h.expectSent(finAck().seq(c.us(0)));                                 //  -- FIN seq U ---------->
        h.receive(finAck().seq(c.peer(0)).ack(c.us(0)));                     //  <-- FIN seq P ack U ---- (crossed)
        h.expectSent(ack().seq(c.us(1)).ack(c.peer(1)));                     //  -- ACK ack P+1 -------->
        lab.expectState(c.sock(), CLOSING, "the peer's FIN crossed ours (it does not acknowledge our FIN)");

        h.receive(ack().seq(c.peer(1)).ack(c.us(1)));                        //  <-- ACK ack U+1 --------
        lab.expectState(c.sock(), TIME_WAIT, "once our FIN is acknowledged in CLOSING");
        h.after(ms(2001));
        lab.expectState(c.sock(), CLOSED, "2 x MSL later");
    }

    @Test @Points(2)
    @DisplayName("TIME-WAIT: a retransmitted FIN is acknowledged again and restarts the 2 MSL wait")
    void retransmittedFinRestartsTimeWait() {
        var c = lab.accepted();
        c.sock().close();
        h.receive(finAck().seq(c.peer(0)).ack(c.us(1)));
        h.drainSent();
        lab.expectState(c.sock(), TIME_WAIT, "after FIN,ACK");
        h.after(ms(1500)).receive(finAck().seq(c.peer(0)).ack(c.us(1)));     //  <-- FIN again (our ACK was lost)
        h.expectSent(ack().seq(c.us(1)).ack(c.peer(1)));                     //  -- ACK ack P+1 again -->
        h.after(ms(1500));
        lab.expectState(c.sock(), TIME_WAIT, "3 s in, but only 1.5 s after the repeated FIN restarted the wait");
        h.after(ms(600));
        lab.expectState(c.sock(), CLOSED, "2 x MSL after the repeated FIN");
    }

    @Test @Points(1)
    @DisplayName("active opener closes too: SYN-SENT -close-> CLOSED, nothing sent")
    void closeInSynSent() {
        Sock s = h.connectTo(80);
        h.expectSent(syn());
        s.close();
        lab.expectState(s, CLOSED, "close() in SYN-SENT");
        h.expectNothingSent();
    }

    @Test @Points(2)
    @DisplayName("abort: close() with unread data sends RST,ACK <SEQ=SND.NXT><ACK=RCV.NXT> (RFC 2525 §2.17)")
    void closeWithUnreadDataAborts() {
        var c = lab.accepted();
        h.receive(data("unread").seq(c.peer(0)).ack(c.us(0)));
        h.drainSent();
        c.sock().close();
        h.expectSent(rstAck().seq(c.us(0)).ack(c.peer(6)));
        lab.expectState(c.sock(), CLOSED, "after the abort");
    }

    @Test @Points(1)
    @DisplayName("abort: closing a listener resets the connections nobody accepted")
    void closingListenerResetsUnaccepted() {
        Sock l = h.listenOn(80);
        h.receive(syn().seq(1000));
        WireSegment sa = h.expectSent(synAck());
        h.receive(ack().seq(1001).ack(sa.seq() + 1));
        l.close();
        h.expectSent(rstAck().seq(sa.seq() + 1).ack(1001));
    }

    @Test @Points(1)
    @DisplayName("transitions are logged with RFC names (TCP: ... SYN-RECEIVED -> ESTABLISHED)")
    void transitionsAreLogged() {
        lab.accepted();
        lab.expect(h.kernel().log().contains("LISTEN -> SYN-RECEIVED"), "no 'LISTEN -> SYN-RECEIVED' in the kernel log: use c.setState()");
        lab.expect(h.kernel().log().contains("SYN-RECEIVED -> ESTABLISHED"), "no 'SYN-RECEIVED -> ESTABLISHED' in the kernel log");
    }
}
