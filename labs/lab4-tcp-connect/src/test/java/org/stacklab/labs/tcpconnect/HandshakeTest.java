package org.stacklab.labs.tcpconnect;

import static org.stacklab.kernel.tcp.TcpState.*;
import static org.stacklab.sim.Time.ms;
import static org.stacklab.testkit.tcp.Seg.*;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/** Opening a connection (RFC 9293 §3.5, Figures 6-8): every line of the handshake ladders. */
class HandshakeTest {
    @RegisterExtension final ConnectLab lab = new ConnectLab();
    final TcpHarness h = lab.h;

    @Test @Points(3)
    @DisplayName("passive open: LISTEN -SYN-> SYN-RECEIVED (SYN-ACK sent) -ACK-> ESTABLISHED")
    void passiveOpen() {
        Sock listener = h.listenOn(80);
        lab.expectState(listener, LISTEN, "after listen()");

        h.at(ms(0)).receive(syn().seq(1000).mss(1460).window(65535));       //  -- SYN seq 1000 -------->
        WireSegment synAck = h.expectSent(synAck().ack(1001).mss(1460));     //  <-- SYN,ACK ack 1001 ---
        lab.expect(listener.accept() == null, "accept() returned a connection before the handshake completed");

        h.at(ms(1)).receive(ack().seq(1001).ack(synAck.seq() + 1));         //  -- ACK ---------------->
        Sock s = listener.accept();
        lab.expect(s != null, "the ACK of our SYN-ACK completes the handshake: accept() should return the connection"
                + " (did you call c.established()?)");
        lab.expectState(s, ESTABLISHED, "once our SYN-ACK is acknowledged");
        lab.expect(new SockAddr(TcpHarness.PEER, 40000).equals(s.peerAddress()), "the peer address is " + s.peerAddress());
    }

    @Test @Points(3)
    @DisplayName("active open: CLOSED -connect/SYN-> SYN-SENT -SYN,ACK/ACK-> ESTABLISHED")
    void activeOpen() {
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn().mss(1460));                     //  -- SYN ---------------->
        lab.expectState(s, SYN_SENT, "after connect() sent the SYN");
        lab.expect((s.poll() & Sock.POLLOUT) == 0, "a socket in SYN-SENT is not writable yet");

        h.at(ms(1)).receive(synAck().seq(5000).ack(syn.seq() + 1).mss(1460)); // <-- SYN,ACK ack ISS+1 --
        h.expectSent(ack().seq(syn.seq() + 1).ack(5001));                    //  -- ACK ack 5001 ------->
        lab.expectState(s, ESTABLISHED, "after the SYN-ACK");
        lab.expect((s.poll() & Sock.POLLOUT) != 0, "an ESTABLISHED socket is writable (c.established() wakes connect())");
        lab.expect(s.connect(new SockAddr(TcpHarness.PEER, 80)) == Errno.EISCONN.neg(), "connect() again gives EISCONN");
    }

    @Test @Points(1)
    @DisplayName("the ISS is not predictable: two connections start at different sequence numbers")
    void issComesFromTheSeededRandomStream() {
        Sock a = h.connectTo(80);
        WireSegment synA = h.expectSent(syn());
        Sock b = h.connectTo(81);
        WireSegment synB = h.expectSent(syn());
        lab.expect(synA.seq() != synB.seq() && synA.seq() != 0 && synB.seq() != 0,
                "two SYNs carried seq " + Integer.toUnsignedString(synA.seq()) + " and " + Integer.toUnsignedString(synB.seq())
                        + "; RFC 9293 §3.4.1 / RFC 6528 want an unpredictable ISS (c.initialSequenceNumber())");
        lab.expectState(a, SYN_SENT, "after connect()");
        lab.expectState(b, SYN_SENT, "after connect()");
    }

    @Test @Points(2)
    @DisplayName("simultaneous open: SYN-SENT -SYN-> SYN-RECEIVED (SYN-ACK) -SYN,ACK-> ESTABLISHED")
    void simultaneousOpen() {
        // RFC 9293 Figure 8: both ends send a SYN; each answers the other's SYN with a SYN-ACK.
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn());                               //  -- SYN seq ISS -------->
        h.receive(syn().seq(5000).mss(1460));                                //  <-- SYN seq 5000 -------
        h.expectSent(synAck().seq(syn.seq()).ack(5001));                     //  -- SYN,ACK seq ISS ack 5001 ->
        lab.expectState(s, SYN_RECEIVED, "after the peer's SYN crossed ours");

        h.receive(synAck().seq(5000).ack(syn.seq() + 1).mss(1460));          //  <-- SYN,ACK ack ISS+1 --
        lab.expectState(s, ESTABLISHED, "once the peer acknowledged our SYN");
        lab.expect(s.takeError() == 0, "a simultaneous open is a success, not an error");
    }

    @Test @Points(1)
    @DisplayName("simultaneous open completed by a plain ACK")
    void simultaneousOpenCompletedByAck() {
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn());
        h.receive(syn().seq(5000));
        h.expectSent(synAck().seq(syn.seq()).ack(5001));
        h.receive(ack().seq(5001).ack(syn.seq() + 1));
        lab.expectState(s, ESTABLISHED, "after the ACK of our SYN");
    }

    @Test @Points(1)
    @DisplayName("SYN-RECEIVED: a repeated SYN means our SYN-ACK was lost; send it again")
    void repeatedSynGetsTheSynAckAgain() {
        h.listenOn(80);
        h.receive(syn().seq(1000));
        WireSegment first = h.expectSent(synAck().ack(1001));
        h.after(ms(10)).receive(syn().seq(1000));
        h.expectSent(synAck().seq(first.seq()).ack(1001));
    }

    @Test @Points(1)
    @DisplayName("SYN-SENT: a SYN-ACK acknowledging something we never sent is answered with RST")
    void synAckWithBadAckIsReset() {
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn());
        h.receive(synAck().seq(5000).ack(syn.seq() + 1000));                 //  <-- SYN,ACK ack ISS+1000 (bogus)
        h.expectSent(rst().seq(syn.seq() + 1000));                           //  -- RST seq ISS+1000 ---->
        lab.expectState(s, SYN_SENT, "a bad SYN-ACK does not end our attempt");
    }

    @Test @Points(1)
    @DisplayName("LISTEN: an ACK for no connection is answered with <SEQ=SEG.ACK><CTL=RST>")
    void ackToListenerIsReset() {
        Sock l = h.listenOn(80);
        h.receive(ack().seq(1000).ack(12345));
        h.expectSent(rst().seq(12345));
        lab.expectState(l, LISTEN, "the listener is not affected");
    }

    @Test @Points(1)
    @DisplayName("SYN-RECEIVED: an ACK that does not acknowledge our SYN-ACK is answered with RST")
    void badAckInSynReceivedIsReset() {
        h.listenOn(80);
        h.receive(syn().seq(1000));
        WireSegment sa = h.expectSent(synAck().ack(1001));
        h.receive(ack().seq(1001).ack(sa.seq() + 77));
        h.expectSent(rst().seq(sa.seq() + 77));
    }
}
