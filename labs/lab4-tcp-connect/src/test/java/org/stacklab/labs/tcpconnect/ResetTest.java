package org.stacklab.labs.tcpconnect;

import static org.stacklab.kernel.tcp.TcpState.*;
import static org.stacklab.testkit.tcp.Seg.*;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.tcp.TcpStats;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/** Resets (RFC 9293 §3.5.2-3.5.3) and the checks that keep a blind attacker from forging one (RFC 5961). */
class ResetTest {
    @RegisterExtension final ConnectLab lab = new ConnectLab();
    final TcpHarness h = lab.h;

    @Test @Points(3)
    @DisplayName("connection refused: SYN-SENT -RST,ACK-> CLOSED, connect() fails with ECONNREFUSED")
    void refusedByReset() {
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn());                               //  -- SYN seq ISS -------->
        lab.expect(s.connect(new org.stacklab.kernel.socket.SockAddr(TcpHarness.PEER, 80)) == Errno.EALREADY.neg(),
                "a second connect() while SYN-SENT gives EALREADY");
        h.receive(rstAck().seq(0).ack(syn.seq() + 1));                       //  <-- RST,ACK ack ISS+1 --
        lab.expectState(s, CLOSED, "after a RST that acknowledges our SYN");
        lab.expect((s.poll() & Sock.POLLERR) != 0, "the socket should report an error (POLLERR)");
        int err = s.takeError();
        lab.expect(err == Errno.ECONNREFUSED.code, "connect() should fail with ECONNREFUSED, the error is "
                + (err == 0 ? "none" : Errno.describe(-err)) + " (c.abort(Errno.ECONNREFUSED))");
    }

    @Test @Points(1)
    @DisplayName("SYN-SENT: a RST without an ACK is ignored (RFC 5961 §3.2)")
    void resetWithoutAckInSynSentIsIgnored() {
        Sock s = h.connectTo(80);
        h.expectSent(syn());
        h.receive(rst().seq(0));
        lab.expectState(s, SYN_SENT, "a RST that does not acknowledge our SYN proves nothing");
        h.expectNothingSent();
    }

    @Test @Points(1)
    @DisplayName("SYN-SENT: a RST,ACK acknowledging the wrong sequence number is ignored")
    void resetWithWrongAckInSynSentIsIgnored() {
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn());
        h.receive(rstAck().seq(0).ack(syn.seq() + 5));
        lab.expectState(s, SYN_SENT, "its ACK is not ISS+1");
        h.expectNothingSent();
    }

    @Test @Points(2)
    @DisplayName("ESTABLISHED -RST (SEG.SEQ = RCV.NXT)-> CLOSED with ECONNRESET; never answer a reset")
    void resetInEstablished() {
        var c = lab.accepted();
        h.receive(rst().seq(c.peer(0)));                                     //  <-- RST seq RCV.NXT ----
        lab.expectState(c.sock(), CLOSED, "after an exact RST");
        byte[] b = new byte[4];
        int r = c.sock().recvmsg(b, 0, 4, 0, null);
        lab.expect(r == Errno.ECONNRESET.neg(), "recv() after a reset in ESTABLISHED should fail with ECONNRESET,"
                + " it returned " + (r < 0 ? Errno.describe(r) : Integer.toString(r)) + " (c.abort(Errno.ECONNRESET))");
        h.expectNothingSent();
    }

    @Test @Points(2)
    @DisplayName("RFC 5961 §3.2: an in-window RST that is not exact gets a challenge ACK, the connection lives")
    void inWindowResetGetsChallengeAck() {
        var c = lab.accepted();
        h.receive(rst().seq(c.peer(100)));                                   //  <-- RST seq RCV.NXT+100 -
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(0)));                     //  -- ACK (challenge) ---->
        lab.expectState(c.sock(), ESTABLISHED, "a guessed in-window reset must not kill the connection");
        lab.expect(h.kernel().symbol(TcpStats.class).counters().challengeAcks == 1, "one challenge ACK is counted");
    }

    @Test @Points(1)
    @DisplayName("a RST outside the window is dropped silently")
    void resetOutsideTheWindowIsDropped() {
        var c = lab.accepted();
        h.receive(rst().seq(c.peer(10_000_000)));
        h.expectNothingSent();
        lab.expectState(c.sock(), ESTABLISHED, "an out-of-window RST is not acceptable");
    }

    @Test @Points(1)
    @DisplayName("RFC 5961 §4: a SYN in ESTABLISHED gets a challenge ACK, never a reset")
    void synInEstablishedGetsChallengeAck() {
        var c = lab.accepted();
        h.receive(syn().seq(c.peer(50)));
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(0)));
        lab.expectState(c.sock(), ESTABLISHED, "a SYN in a synchronized state does not reset");
    }

    @Test @Points(2)
    @DisplayName("SYN-RECEIVED (passive) -RST-> back to LISTEN: the half-open child is forgotten")
    void resetInSynReceivedReturnsToListen() {
        Sock l = h.listenOn(80);
        h.receive(syn().seq(1000));
        h.expectSent(synAck().ack(1001));
        h.receive(rst().seq(1001));
        lab.expect(l.accept() == null, "a reset half-open connection must never be accepted");
        lab.expectState(l, LISTEN, "the listener stays");
        // The child is gone: an ACK for it now meets the listener, which resets it.
        h.receive(ack().seq(1001).ack(99));
        h.expectSent(rst().seq(99));
    }

    @Test @Points(1)
    @DisplayName("a data segment outside the window is answered with an ACK and dropped")
    void unacceptableSegmentIsAnsweredWithAck() {
        var c = lab.accepted();
        h.receive(data("old").seq(c.peer(-500)).ack(c.us(0)));
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(0)));
        lab.expectState(c.sock(), ESTABLISHED, "an old segment changes nothing");
    }
}
