package org.stacklab.solutions.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.kernel.tcp.TcpState.*;
import static org.stacklab.sim.Time.ms;
import static org.stacklab.testkit.tcp.Seg.*;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.tcp.TcpStats;
import org.stacklab.kernel.tcp.TcpSysctl;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/** Connection management, RFC 9293 §3.3.2 and §3.10: every transition, drawn as the ladder it is. */
class ConnectionStateTest {
    final TcpHarness h = TcpHarness.create(42).sysctl(TcpSysctl.MSL_MS, 1000);

    @AfterEach
    void noOops() { h.assertNoOops(); }

    @Test
    void passiveOpenAnswersSynWithSynAck() {
        Sock listener = h.listenOn(80);
        assertEquals(LISTEN, h.state(listener));

        h.at(ms(0)).receive(syn().seq(1000).mss(1460).window(65535));
        WireSegment synAck = h.expectSent(synAck().ack(1001).mss(1460));
        assertNull(listener.accept(), "not acceptable before the handshake completes");

        h.at(ms(1)).receive(ack().seq(1001).ack(synAck.seq() + 1));
        Sock s = listener.accept();
        assertEquals(ESTABLISHED, h.state(s));
        assertEquals(new SockAddr(TcpHarness.PEER, 40000), s.peerAddress());
    }

    @Test
    void activeOpenSendsSynThenAcksTheSynAck() {
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn().mss(1460));
        assertEquals(SYN_SENT, h.state(s));
        assertEquals(0, s.poll() & Sock.POLLOUT);

        h.at(ms(1)).receive(synAck().seq(5000).ack(syn.seq() + 1).mss(1460));
        h.expectSent(ack().seq(syn.seq() + 1).ack(5001));
        assertEquals(ESTABLISHED, h.state(s));
        assertTrue((s.poll() & Sock.POLLOUT) != 0);
        assertEquals(Errno.EISCONN.neg(), s.connect(new SockAddr(TcpHarness.PEER, 80)));
    }

    @Test
    void connectionRefusedByReset() {
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn());
        assertEquals(Errno.EALREADY.neg(), s.connect(new SockAddr(TcpHarness.PEER, 80)));

        h.receive(rstAck().seq(0).ack(syn.seq() + 1));
        assertEquals(CLOSED, h.state(s));
        assertTrue((s.poll() & Sock.POLLERR) != 0);
        assertEquals(Errno.ECONNREFUSED.code, s.takeError());
    }

    @Test
    void resetWithoutAckInSynSentIsIgnored() {
        Sock s = h.connectTo(80);
        h.expectSent(syn());
        h.receive(rst().seq(0));
        assertEquals(SYN_SENT, h.state(s));
        h.expectNothingSent();
    }

    @Test
    void synAckWithBadAckInSynSentGetsReset() {
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn());
        h.receive(synAck().seq(5000).ack(syn.seq() + 1000));
        h.expectSent(rst().seq(syn.seq() + 1000));
        assertEquals(SYN_SENT, h.state(s));
    }

    @Test
    void synToClosedPortIsAnsweredWithRstAck() {
        h.ports(81, 40000).receive(syn().seq(1000));
        h.expectSent(rstAck().seq(0).ack(1001));
    }

    @Test
    void ackToClosedPortIsAnsweredWithRstAtItsAck() {
        h.ports(81, 40000).receive(ack().seq(1000).ack(777));
        h.expectSent(rst().seq(777));
        h.receive(rst().seq(1000));
        h.expectNothingSent(); // never answer a reset
    }

    @Test
    void ackToListenerIsAnsweredWithReset() {
        Sock l = h.listenOn(80);
        h.receive(ack().seq(1000).ack(12345));
        h.expectSent(rst().seq(12345));
        assertEquals(LISTEN, h.state(l));
    }

    @Test
    void simultaneousOpen() {
        // RFC 9293 Figure 8: both sides send SYN; each answers the other's with SYN,ACK.
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn());
        h.receive(syn().seq(5000).mss(1460));
        h.expectSent(synAck().seq(syn.seq()).ack(5001));
        assertEquals(SYN_RECEIVED, h.state(s));

        h.receive(synAck().seq(5000).ack(syn.seq() + 1).mss(1460));
        assertEquals(ESTABLISHED, h.state(s));
        assertEquals(0, s.takeError());
    }

    @Test
    void simultaneousOpenCompletedByAck() {
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn());
        h.receive(syn().seq(5000));
        h.expectSent(synAck().seq(syn.seq()).ack(5001));
        h.receive(ack().seq(5001).ack(syn.seq() + 1));
        assertEquals(ESTABLISHED, h.state(s));
    }

    @Test
    void activeCloseThroughFinWait1FinWait2AndTimeWait() {
        var c = Peer.acceptFrom(h);
        c.sock().close();
        h.expectSent(finAck().seq(c.us(0)).ack(c.peer(0)));
        assertEquals(FIN_WAIT_1, h.state(c.sock()));

        h.after(ms(1)).receive(ack().seq(c.peer(0)).ack(c.us(1)));
        assertEquals(FIN_WAIT_2, h.state(c.sock()));

        h.after(ms(1)).receive(finAck().seq(c.peer(0)).ack(c.us(1)));
        h.expectSent(ack().seq(c.us(1)).ack(c.peer(1)));
        assertEquals(TIME_WAIT, h.state(c.sock()));

        h.after(ms(1999));
        assertEquals(TIME_WAIT, h.state(c.sock()), "TIME-WAIT lasts 2 x MSL");
        h.after(ms(2));
        assertEquals(CLOSED, h.state(c.sock()));
        assertTrue(h.kernel().log().contains("FIN-WAIT-2 -> TIME-WAIT"));
    }

    @Test
    void finAckTakesFinWait1StraightToTimeWait() {
        var c = Peer.acceptFrom(h);
        c.sock().close();
        h.expectSent(finAck().seq(c.us(0)));
        h.receive(finAck().seq(c.peer(0)).ack(c.us(1)));
        h.expectSent(ack().ack(c.peer(1)));
        assertEquals(TIME_WAIT, h.state(c.sock()));
    }

    @Test
    void passiveCloseThroughCloseWaitAndLastAck() {
        var c = Peer.acceptFrom(h);
        h.receive(finAck().seq(c.peer(0)).ack(c.us(0)));
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(1)));
        assertEquals(CLOSE_WAIT, h.state(c.sock()));
        byte[] buf = new byte[10];
        assertEquals(0, c.sock().recvmsg(buf, 0, 10, 0, null), "end of stream");
        assertTrue((c.sock().poll() & Sock.POLLRDHUP) != 0);

        c.sock().close();
        h.expectSent(finAck().seq(c.us(0)).ack(c.peer(1)));
        assertEquals(LAST_ACK, h.state(c.sock()));

        h.receive(ack().seq(c.peer(1)).ack(c.us(1)));
        assertEquals(CLOSED, h.state(c.sock()));
    }

    @Test
    void simultaneousCloseGoesThroughClosing() {
        var c = Peer.acceptFrom(h);
        c.sock().close();
        h.expectSent(finAck().seq(c.us(0)));
        // The peer's FIN crosses ours: it does not acknowledge our FIN yet.
        h.receive(finAck().seq(c.peer(0)).ack(c.us(0)));
        h.expectSent(ack().seq(c.us(1)).ack(c.peer(1)));
        assertEquals(CLOSING, h.state(c.sock()));

        h.receive(ack().seq(c.peer(1)).ack(c.us(1)));
        assertEquals(TIME_WAIT, h.state(c.sock()));
        h.after(ms(2001));
        assertEquals(CLOSED, h.state(c.sock()));
    }

    @Test
    void retransmittedFinInTimeWaitIsAckedAndRestartsTheWait() {
        var c = Peer.acceptFrom(h);
        c.sock().close();
        h.receive(finAck().seq(c.peer(0)).ack(c.us(1)));
        h.drainSent();
        h.after(ms(1500)).receive(finAck().seq(c.peer(0)).ack(c.us(1)));
        h.expectSent(ack().seq(c.us(1)).ack(c.peer(1)));
        h.after(ms(1500));
        assertEquals(TIME_WAIT, h.state(c.sock()), "the wait restarted at the retransmitted FIN");
        h.after(ms(600));
        assertEquals(CLOSED, h.state(c.sock()));
    }

    @Test
    void resetInEstablishedClosesWithEconnreset() {
        var c = Peer.acceptFrom(h);
        h.receive(rst().seq(c.peer(0)));
        assertEquals(CLOSED, h.state(c.sock()));
        byte[] b = new byte[4];
        assertEquals(Errno.ECONNRESET.neg(), c.sock().recvmsg(b, 0, 4, 0, null));
        assertEquals(Errno.EPIPE.neg(), c.sock().sendmsg(b, 0, 4, 0, null));
        h.expectNothingSent();
    }

    @Test
    void inWindowResetThatIsNotExactGetsChallengeAck() {
        // RFC 5961 §3.2: a blind attacker who guesses a sequence number in the window must not reset us.
        var c = Peer.acceptFrom(h);
        h.receive(rst().seq(c.peer(100)));
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(0)));
        assertEquals(ESTABLISHED, h.state(c.sock()));
        assertEquals(1, h.kernel().symbol(TcpStats.class).counters().challengeAcks);
    }

    @Test
    void resetOutsideTheWindowIsDroppedSilently() {
        var c = Peer.acceptFrom(h);
        h.receive(rst().seq(c.peer(10_000_000)));
        h.expectNothingSent();
        assertEquals(ESTABLISHED, h.state(c.sock()));
    }

    @Test
    void synInEstablishedGetsChallengeAck() {
        // RFC 5961 §4: a SYN in a synchronized state is answered with an ACK, never with a reset.
        var c = Peer.acceptFrom(h);
        h.receive(syn().seq(c.peer(50)));
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(0)));
        assertEquals(ESTABLISHED, h.state(c.sock()));
    }

    @Test
    void resetInSynReceivedReturnsTheListenerToListen() {
        Sock l = h.listenOn(80);
        h.receive(syn().seq(1000));
        h.expectSent(synAck().ack(1001));
        h.receive(rst().seq(1001));
        assertNull(l.accept());
        assertEquals(LISTEN, h.state(l));
        assertEquals(1, l.info().sendQ() == 16 ? 1 : 0);
        // The half-open connection is gone: an ACK for it now meets the listener and is reset.
        h.receive(ack().seq(1001).ack(99));
        h.expectSent(rst().seq(99));
    }

    @Test
    void lostSynAckIsRetransmittedWhenTheSynIsRepeated() {
        h.listenOn(80);
        h.receive(syn().seq(1000));
        WireSegment first = h.expectSent(synAck().ack(1001));
        h.after(ms(10)).receive(syn().seq(1000));
        h.expectSent(synAck().seq(first.seq()).ack(1001));
    }

    @Test
    void synIsRetransmittedWithBackoffThenConnectTimesOut() {
        h.sysctl(TcpSysctl.SYN_RETRIES, 3);
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn());
        long t0 = syn.time;
        long[] gaps = {1000, 2000, 4000}; // RFC 6298 §2.1 initial RTO 1 s, doubling (§5.5)
        long t = t0;
        for (long g : gaps) {
            h.at(t + ms(g) - 1);
            h.expectNothingSent();
            h.at(t + ms(g));
            t = h.expectSent(syn().seq(syn.seq())).time;
        }
        h.at(t + ms(8000));
        assertEquals(CLOSED, h.state(s));
        assertEquals(Errno.ETIMEDOUT.code, s.takeError());
    }

    @Test
    void acceptQueueFullDropsNewSyns() {
        Sock l = h.socket();
        l.bind(new SockAddr(0, 80));
        l.listen(0); // Linux: room for backlog + 1 = one connection
        h.ports(80, 40000).receive(syn().seq(1000));
        WireSegment sa = h.expectSent(synAck().ack(1001));
        h.receive(ack().seq(1001).ack(sa.seq() + 1));
        assertEquals(1, l.info().recvQ(), "ss: Recv-Q of a listener is its accept queue");

        h.ports(80, 40001).receive(syn().seq(7000));
        h.expectNothingSent();
        assertEquals(1, h.kernel().symbol(TcpStats.class).counters().listenDrops);

        l.accept();
        h.ports(80, 40001).receive(syn().seq(7000));
        h.expectSent(synAck().ack(7001));
    }

    @Test
    void closingListenerResetsConnectionsNobodyAccepted() {
        Sock l = h.listenOn(80);
        h.receive(syn().seq(1000));
        WireSegment sa = h.expectSent(synAck());
        h.receive(ack().seq(1001).ack(sa.seq() + 1));
        l.close();
        h.expectSent(rstAck().seq(sa.seq() + 1).ack(1001));
    }

    @Test
    void closeWithUnreadDataSendsReset() {
        // RFC 2525 §2.17: data the application never read is lost; the peer must learn it.
        var c = Peer.acceptFrom(h);
        h.receive(data("unread").seq(c.peer(0)).ack(c.us(0)));
        h.drainSent();
        c.sock().close();
        h.expectSent(rstAck().seq(c.us(0)).ack(c.peer(6)));
        assertEquals(CLOSED, h.state(c.sock()));
    }

    @Test
    void bindConflictsAndReuseAddr() {
        Sock a = h.socket();
        assertEquals(0, a.bind(new SockAddr(0, 8080)));
        Sock b = h.socket();
        assertEquals(Errno.EADDRINUSE.neg(), b.bind(new SockAddr(0, 8080)));
        assertEquals(Errno.EADDRNOTAVAIL.neg(), b.bind(new SockAddr(0x0B000001, 8081)));

        Sock x = h.socket();
        Sock y = h.socket();
        x.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        y.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        assertEquals(0, x.bind(new SockAddr(0, 9090)));
        assertEquals(0, y.bind(new SockAddr(0, 9090)), "both SO_REUSEADDR, neither listening");
        assertEquals(0, x.listen(5));
        Sock z = h.socket();
        z.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        assertEquals(Errno.EADDRINUSE.neg(), z.bind(new SockAddr(0, 9090)), "never next to a listener");
    }

    @Test
    void reuseAddrLetsAServerRestartWhileTimeWaitHoldsThePort() {
        var c = Peer.acceptFrom(h);
        c.listener().close();
        c.sock().close();
        h.receive(finAck().seq(c.peer(0)).ack(c.us(1)));
        assertEquals(TIME_WAIT, h.state(c.sock()));

        Sock plain = h.socket();
        assertEquals(Errno.EADDRINUSE.neg(), plain.bind(new SockAddr(0, 80)));
        Sock reuse = h.socket();
        reuse.setsockopt(Sock.SOL_SOCKET, Sock.SO_REUSEADDR, 1);
        assertEquals(0, reuse.bind(new SockAddr(0, 80)));
    }

    @Test
    void socketCallsInTheWrongStateFailAsOnLinux() {
        Sock s = h.socket();
        byte[] b = new byte[4];
        assertEquals(Errno.ENOTCONN.neg(), s.sendmsg(b, 0, 4, 0, null));
        assertEquals(Errno.ENOTCONN.neg(), s.recvmsg(b, 0, 4, 0, null));
        assertEquals(Errno.ENOTCONN.neg(), s.shutdown(Sock.SHUT_WR));
        Sock l = h.listenOn(80);
        assertEquals(Errno.ENOTCONN.neg(), l.recvmsg(b, 0, 4, 0, null));
        assertEquals(Errno.EINVAL.neg(), l.connect(new SockAddr(TcpHarness.PEER, 80)));

        Sock c = h.connectTo(81);
        assertEquals(Errno.EAGAIN.neg(), c.sendmsg(b, 0, 4, 0, null), "still in SYN-SENT");
    }

    @Test
    void shutdownWriteSendsFinAndSendFailsWithEpipe() {
        var c = Peer.acceptFrom(h);
        assertEquals(0, c.sock().shutdown(Sock.SHUT_WR));
        h.expectSent(finAck().seq(c.us(0)));
        byte[] b = new byte[4];
        assertEquals(Errno.EPIPE.neg(), c.sock().sendmsg(b, 0, 4, 0, null));
        // Half-closed: we still receive.
        h.receive(data("late").seq(c.peer(0)).ack(c.us(1)));
        assertEquals(4, c.sock().recvmsg(b, 0, 4, 0, null));
    }

    @Test
    void stateTransitionsAreLoggedWithRfcNames() {
        Peer.acceptFrom(h);
        assertTrue(h.kernel().log().contains("LISTEN -> SYN-RECEIVED"));
        assertTrue(h.kernel().log().contains("SYN-RECEIVED -> ESTABLISHED"));
    }

    @Test
    void closeInListenAndSynSentGoesStraightToClosed() {
        Sock l = h.listenOn(80);
        l.close();
        assertEquals(CLOSED, h.state(l));
        Sock s = h.connectTo(81);
        h.expectSent(syn());
        s.close();
        assertEquals(CLOSED, h.state(s));
        h.after(ms(10_000));
        h.expectNothingSent(); // no SYN retransmissions for a connection that is gone
        Sock again = h.socket();
        assertEquals(0, again.bind(new SockAddr(0, 80)), "the listener's port is free again");
    }

    @Test
    void closeInSynReceivedSendsFinAndEntersFinWait1() {
        Sock s = h.connectTo(80);
        WireSegment syn = h.expectSent(syn());
        h.receive(syn().seq(5000));
        h.expectSent(synAck().seq(syn.seq()));
        assertEquals(SYN_RECEIVED, h.state(s));
        s.close();
        assertEquals(FIN_WAIT_1, h.state(s));
        h.expectSent(finAck().seq(syn.seq() + 1).ack(5001));
        h.receive(ack().seq(5001).ack(syn.seq() + 2));
        assertEquals(FIN_WAIT_2, h.state(s));
    }

    @Test
    void halfOpenConnectionIsDroppedAfterSynAckRetries() {
        h.sysctl(TcpSysctl.SYNACK_RETRIES, 2);
        Sock l = h.listenOn(80);
        h.receive(syn().seq(1000));
        WireSegment first = h.expectSent(synAck().ack(1001));
        h.after(ms(1000));
        h.expectSent(synAck().seq(first.seq()));
        h.after(ms(2000));
        h.expectSent(synAck().seq(first.seq()));
        h.after(ms(4000));
        h.expectNothingSent();
        h.receive(ack().seq(1001).ack(first.seq() + 1));
        h.expectSent(rst().seq(first.seq() + 1)); // the half-open connection is gone: the listener resets
        assertNull(l.accept());
    }

    @Test
    void newSynBeyondTheOldSequenceSpaceEndsTimeWaitEarly() {
        var c = Peer.acceptFrom(h);
        c.sock().close();                                         // the server closes first...
        h.expectSent(finAck().seq(c.us(0)));
        h.receive(finAck().seq(c.peer(0)).ack(c.us(1)));
        h.expectSent(ack().ack(c.peer(1)));
        assertEquals(TIME_WAIT, h.state(c.sock()));               // ...so the server holds TIME-WAIT
        // The client reconnects from the same port with a higher ISN (RFC 9293 §3.6.1, RFC 6191).
        h.after(ms(100)).receive(syn().seq(c.peer(100_000)).mss(1460));
        h.expectSent(synAck().ack(c.peer(100_001)));
        assertEquals(CLOSED, h.state(c.sock()));
        // An old duplicate SYN (below RCV.NXT) would not have done this: it gets a challenge ACK.
    }

    @Test
    void oldSynInTimeWaitIsAnsweredWithAnAck() {
        var c = Peer.acceptFrom(h);
        c.sock().close();
        h.receive(finAck().seq(c.peer(0)).ack(c.us(1)));
        h.drainSent();
        h.receive(syn().seq(c.peer(0)));
        h.expectSent(ack().seq(c.us(1)).ack(c.peer(1)));
        assertEquals(TIME_WAIT, h.state(c.sock()));
    }

    @Test
    void keepaliveProbesAnIdleConnectionAndGivesUpOnASilentPeer() {
        h.sysctl(TcpSysctl.KEEPALIVE_TIME_MS, 1000).sysctl(TcpSysctl.KEEPALIVE_INTVL_MS, 100).sysctl(TcpSysctl.KEEPALIVE_PROBES, 3);
        var c = Peer.acceptFrom(h);
        assertEquals(0, c.sock().setsockopt(Sock.SOL_SOCKET, Sock.SO_KEEPALIVE, 1));
        h.after(ms(1000));
        h.expectSent(ack().seq(c.us(-1)).ack(c.peer(0)).length(0));   // RFC 1122 §4.2.3.6 probe
        h.receive(ack().seq(c.peer(0)).ack(c.us(0)));                  // the peer is alive
        h.after(ms(999));
        h.expectNothingSent();
        h.after(ms(1));
        for (int i = 0; i < 3; i++) {
            h.expectSent(ack().seq(c.us(-1)).length(0));
            h.after(ms(100));
        }
        assertEquals(CLOSED, h.state(c.sock()));
        assertEquals(Errno.ETIMEDOUT.code, c.sock().takeError());
    }

    @Test
    void dataArrivingAfterCloseIsAnsweredWithReset() {
        var c = Peer.acceptFrom(h);
        c.sock().close();
        h.expectSent(finAck().seq(c.us(0)));
        h.receive(ack().seq(c.peer(0)).ack(c.us(1)));
        assertEquals(FIN_WAIT_2, h.state(c.sock()));
        h.receive(data("too late").seq(c.peer(0)).ack(c.us(1)));
        h.expectSent(rstAck().seq(c.us(1)).ack(c.peer(0)));
        assertEquals(CLOSED, h.state(c.sock()));
    }
}
