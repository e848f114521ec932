package org.stacklab.solutions.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.sim.Time.ms;
import static org.stacklab.testkit.tcp.Seg.*;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.tcp.TcpStats;
import org.stacklab.kernel.tcp.TcpSysctl;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/** Receive window, zero window and the persist timer, SWS avoidance, Nagle, delayed ACK, MSS and window scaling. */
class FlowControlTest {
    final TcpHarness h = TcpHarness.create(11);

    @AfterEach
    void noOops() { h.assertNoOops(); }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) i;
        return b;
    }

    @Test
    void zeroWindowStopsTheSenderAndThePersistTimerProbesIt() {
        var c = Peer.acceptFrom(h);
        h.receive(ack().seq(c.peer(0)).ack(c.us(0)).window(0));     // the peer's buffer is full
        c.sock().sendmsg(bytes(100), 0, 100, 0, null);
        h.expectNothingSent();
        long t = h.now();
        // Probes: SEQ = SND.UNA - 1, no data; the interval starts at the RTO (200 ms) and doubles.
        for (long gap : new long[] {200, 400, 800}) {
            h.at(t + ms(gap) - 1);
            h.expectNothingSent();
            h.at(t + ms(gap));
            t = h.expectSent(ack().seq(c.us(-1)).ack(c.peer(0)).length(0)).time;
            h.receive(ack().seq(c.peer(0)).ack(c.us(0)).window(0));  // still shut
        }
        assertEquals(3, h.kernel().symbol(TcpStats.class).counters().persistProbes);
        // The window opens: the data goes at once.
        h.receive(ack().seq(c.peer(0)).ack(c.us(0)).window(65535));
        h.expectSent(data(bytes(100)).seq(c.us(0)));
    }

    @Test
    void lostWindowUpdateIsRecoveredByTheProbe() {
        var c = Peer.acceptFrom(h);
        h.receive(ack().seq(c.peer(0)).ack(c.us(0)).window(0));
        c.sock().sendmsg(bytes(10), 0, 10, 0, null);
        // The peer's window update is lost; only the probe's answer tells us the window opened.
        h.after(ms(200));
        h.expectSent(ack().seq(c.us(-1)).length(0));
        h.receive(ack().seq(c.peer(0)).ack(c.us(0)).window(4096));
        h.expectSent(data(bytes(10)).seq(c.us(0)));
    }

    @Test
    void receiverAdvertisesZeroWindowWhenFullAndUpdatesItAfterTheRead() {
        Sock l = h.socket();
        l.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, 2048);
        l.bind(new SockAddr(0, 80));
        l.listen(4);
        h.receive(syn().seq(1000).mss(1000));
        WireSegment sa = h.expectSent(synAck().ack(1001).window(2048));
        h.receive(ack().seq(1001).ack(sa.seq() + 1));
        Sock s = l.accept();
        h.receive(data(bytes(1000)).seq(1001).ack(sa.seq() + 1));
        h.receive(data(bytes(1000)).seq(2001).ack(sa.seq() + 1));
        // RFC 1122 §4.2.3.3: the right edge stays where it was (3049): 48 bytes, and it will not move for
        // less than min(buffer/2, MSS) of new room.
        h.expectSent(ack().ack(3001).window(48));
        byte[] buf = new byte[4096];
        assertEquals(2000, s.recvmsg(buf, 0, buf.length, 0, null));
        h.expectSent(ack().ack(3001).window(2048));   // the window update
    }

    @Test
    void receiverDoesNotOfferASillyWindow() {
        h.sysctl(TcpSysctl.DELAYED_ACK, 0);
        Sock l = h.socket();
        l.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, 2048);
        l.bind(new SockAddr(0, 80));
        l.listen(4);
        h.receive(syn().seq(1000).mss(1000));
        WireSegment sa = h.expectSent(synAck().window(2048));
        h.receive(ack().seq(1001).ack(sa.seq() + 1));
        Sock s = l.accept();
        h.receive(data(bytes(2048)).seq(1001).ack(sa.seq() + 1));
        h.expectSent(ack().ack(1001 + 2048).window(0));
        byte[] buf = new byte[100];
        assertEquals(100, s.recvmsg(buf, 0, 100, 0, null));
        h.expectNothingSent();                      // 100 free bytes: not worth a window update
        h.after(ms(500));
        h.receive(data(bytes(1)).seq(1001 + 2048).ack(sa.seq() + 1)); // a probe: the window is still 0
        h.expectSent(ack().ack(1001 + 2048).window(0));
    }

    @Test
    void nagleHoldsASmallSegmentWhileDataIsUnacknowledged() {
        var c = Peer.acceptFrom(h);
        c.sock().sendmsg(bytes(10), 0, 10, 0, null);
        h.expectSent(data(bytes(10)).seq(c.us(0)));              // nothing in flight: goes at once
        c.sock().sendmsg(bytes(10), 0, 10, 0, null);
        c.sock().sendmsg(bytes(10), 0, 10, 0, null);
        h.expectNothingSent();                                     // RFC 896: wait for the ACK
        h.after(ms(5)).receive(ack().seq(c.peer(0)).ack(c.us(10)));
        h.expectSent(ack().seq(c.us(10)).length(20));              // both small writes in one segment
    }

    @Test
    void tcpNodelaySendsEverySmallWriteAtOnce() {
        var c = Peer.acceptFrom(h);
        assertEquals(0, c.sock().setsockopt(Sock.IPPROTO_TCP, Sock.TCP_NODELAY, 1));
        assertEquals(1, c.sock().getsockopt(Sock.IPPROTO_TCP, Sock.TCP_NODELAY));
        c.sock().sendmsg(bytes(10), 0, 10, 0, null);
        h.expectSent(ack().seq(c.us(0)).length(10));
        c.sock().sendmsg(bytes(10), 0, 10, 0, null);
        h.expectSent(ack().seq(c.us(10)).length(10));
    }

    @Test
    void delayedAckWaitsFortyMillisecondsForASecondSegment() {
        var c = Peer.acceptFrom(h);
        h.receive(data("one").seq(c.peer(0)).ack(c.us(0)));
        h.expectNothingSent();
        h.after(ms(39));
        h.expectNothingSent();
        h.after(ms(1));
        h.expectSent(ack().ack(c.peer(3)));                         // the delayed-ACK timer
        h.receive(data("two").seq(c.peer(3)).ack(c.us(0)));
        h.receive(data("six").seq(c.peer(6)).ack(c.us(0)));
        h.expectSent(ack().ack(c.peer(9)));                         // every second segment: at once
        assertEquals(1, h.kernel().symbol(TcpStats.class).counters().delayedAcks);
    }

    @Test
    void delayedAckOffAcknowledgesEverySegment() {
        h.sysctl(TcpSysctl.DELAYED_ACK, 0);
        var c = Peer.acceptFrom(h);
        h.receive(data("one").seq(c.peer(0)).ack(c.us(0)));
        h.expectSent(ack().ack(c.peer(3)));
    }

    @Test
    void delayedAckRidesOnOutgoingData() {
        var c = Peer.acceptFrom(h);
        h.receive(data("ping").seq(c.peer(0)).ack(c.us(0)));
        c.sock().sendmsg(bytes(4), 0, 4, 0, null);
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(4)).length(4));
        h.after(ms(100));
        h.expectNothingSent();
    }

    @Test
    void peerMssLimitsSegmentSize() {
        var c = Peer.acceptFrom(h, 1000, 536);
        c.sock().setsockopt(Sock.IPPROTO_TCP, Sock.TCP_NODELAY, 1);
        c.sock().sendmsg(bytes(1200), 0, 1200, 0, null);
        h.expectSent(ack().seq(c.us(0)).length(536));
        h.expectSent(ack().seq(c.us(536)).length(536));
        h.expectSent(ack().seq(c.us(1072)).length(128));
        assertEquals(536, c.sock().getsockopt(Sock.IPPROTO_TCP, Sock.TCP_MAXSEG));
    }

    @Test
    void absentMssOptionMeans536() {
        Sock l = h.listenOn(80);
        h.receive(syn().seq(1000));
        WireSegment sa = h.expectSent(synAck().mss(1460));
        h.receive(ack().seq(1001).ack(sa.seq() + 1));
        assertEquals(536, l.accept().getsockopt(Sock.IPPROTO_TCP, Sock.TCP_MAXSEG));
    }

    @Test
    void windowScalingIsNegotiatedAndApplied() {
        Sock l = h.listenOn(80);
        h.receive(syn().seq(1000).mss(1460).wscale(7).window(65535));
        // Our SYN-ACK offers a shift too; its own window is never scaled (RFC 7323 §2.2).
        WireSegment sa = h.expectSent(synAck().ack(1001).wscale(7).window(65535));
        h.receive(ack().seq(1001).ack(sa.seq() + 1).window(100));   // 100 << 7 = 12800 bytes
        Sock s = l.accept();
        s.sendmsg(bytes(1000), 0, 1000, 0, null);
        WireSegment d = h.expectSent(ack().seq(sa.seq() + 1).length(1000));
        assertEquals(65536 >> 7, d.window(), "our window field is scaled by our shift");
    }

    @Test
    void noScalingUnlessBothSynsCarryTheOptionAndSenderAvoidsSillySegments() {
        Sock l = h.listenOn(80);
        h.receive(syn().seq(1000).mss(1460));
        WireSegment sa = h.expectSent(synAck().ack(1001));
        assertEquals(-1, sa.header().wscale());
        h.receive(ack().seq(1001).ack(sa.seq() + 1).window(100));   // 100 bytes, unscaled
        Sock s = l.accept();
        s.setsockopt(Sock.IPPROTO_TCP, Sock.TCP_NODELAY, 1);
        s.sendmsg(bytes(1000), 0, 1000, 0, null);
        // 100 bytes is far below half the largest window offered: sender SWS avoidance waits
        // (RFC 1122 §4.2.3.4) until the override timeout lets the 100 bytes go.
        h.expectNothingSent();
        h.after(ms(200));
        h.expectSent(ack().seq(sa.seq() + 1).length(100));
    }

    @Test
    void clientOffersMssWindowScaleAndTimestamps() {
        h.connectTo(80);
        WireSegment syn = h.expectSent(syn().mss(1460).wscale(7).window(65535));
        assertTrue(syn.header().tsVal() > 0, "timestamps offered (RFC 7323)");
    }
}
