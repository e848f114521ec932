package org.stacklab.labs.tcpreliable;

import static org.stacklab.sim.Time.ms;
import static org.stacklab.testkit.tcp.Seg.*;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.kernel.tcp.TcpSysctl;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/**
 * The sender: cumulative ACKs, the retransmission timer of RFC 6298 (SRTT, RTTVAR, RTO, backoff,
 * Karn's rule) and fast retransmit (RFC 5681 §3.2) with NewReno's partial ACKs (RFC 6582). The
 * peer's SYN-ACK arrives 100 ms after our SYN: the first RTT sample is R = 100 ms, so
 * SRTT = 100 ms, RTTVAR = 50 ms and RTO = SRTT + 4 RTTVAR = 300 ms.
 */
class RetransmissionTest {
    static final int MSS = 1460;

    @RegisterExtension final ReliableLab lab = new ReliableLab();
    final TcpHarness h = lab.h;

    @Test @Points(2)
    @DisplayName("a cumulative ACK releases the data and stops the timer: nothing is sent again")
    void cumulativeAckStopsTheTimer() {
        var c = lab.connected(ms(100));
        lab.send(c.sock(), 2 * MSS);
        List<WireSegment> out = h.drainSent();
        lab.expect(out.size() == 2, "2920 bytes with MSS 1460 go out as 2 segments, the host sent " + out.size());
        h.after(ms(50)).receive(ack().seq(c.peer(0)).ack(c.us(2 * MSS)));  //  <-- ACK ack U+2920 (all of it)
        lab.expect(c.sock().info().sendQ() == 0, "acknowledged bytes leave the send queue (c.releaseAcked); Send-Q is "
                + c.sock().info().sendQ());
        h.after(Time.s(10));
        h.expectNothingSent();
    }

    @Test @Points(3)
    @DisplayName("RTO from the first sample (RFC 6298 2.2): R = 100 ms gives RTO = 300 ms")
    void firstRtoIsSrttPlusFourRttvar() {
        var c = lab.connected(ms(100));
        long t = h.now();
        lab.send(c.sock(), 1000);
        h.expectSent(ack().seq(c.us(0)).length(1000));          //  --- seq U:U+1000 -------->  (lost)
        lab.expectRetransmissionAt(t + ms(300), c.us(0), "the RTO 300 ms after the first transmission");
    }

    @Test @Points(2)
    @DisplayName("backoff (RFC 6298 5.5): each timeout doubles the RTO: 300, 600, 1200 ms")
    void backoffDoubles() {
        var c = lab.connected(ms(100));
        long t = h.now();
        lab.send(c.sock(), 1000);
        h.expectSent(ack().seq(c.us(0)).length(1000));
        t = lab.expectRetransmissionAt(t + ms(300), c.us(0), "the first timeout").time;
        t = lab.expectRetransmissionAt(t + ms(600), c.us(0), "the second timeout, after 2 x 300 ms").time;
        lab.expectRetransmissionAt(t + ms(1200), c.us(0), "the third timeout, after 4 x 300 ms");
    }

    @Test @Points(2)
    @DisplayName("a second sample (RFC 6298 2.3): R' = 200 ms gives RTTVAR 62.5, SRTT 112.5, RTO 362.5 ms")
    void secondSampleUpdatesTheEstimate() {
        var c = lab.connected(ms(100));
        lab.send(c.sock(), 1000);
        h.expectSent(ack().seq(c.us(0)).length(1000));
        h.after(ms(200)).receive(ack().seq(c.peer(0)).ack(c.us(1000)));    //  <-- ACK after 200 ms: R' = 200 ms
        long t = h.now();
        lab.send(c.sock(), 1000);
        h.expectSent(ack().seq(c.us(1000)).length(1000));
        lab.expectRetransmissionAt(t + ms(362) + Time.us(500), c.us(1000),
                "the RTO from RTTVAR = 3/4 x 50 + 1/4 x |100 - 200| = 62.5 ms and SRTT = 7/8 x 100 + 1/8 x 200 = 112.5 ms");
    }

    @Test @Points(1)
    @DisplayName("the RTO is never below the minimum (200 ms here, as on Linux): R = 1 ms gives RTO = 200 ms")
    void rtoHasAFloor() {
        var c = lab.connected(ms(1));
        long t = h.now();
        lab.send(c.sock(), 1000);
        h.expectSent(ack().seq(c.us(0)).length(1000));
        lab.expectRetransmissionAt(t + ms(200), c.us(0), "the RTO clamped to tcp_rto_min_ms = 200 ms (RFC 6298 2.4)");
    }

    @Test @Points(3)
    @DisplayName("Karn's rule: the ACK of a retransmitted segment gives no sample; the backed-off RTO stays")
    void karnsRule() {
        var c = lab.connected(ms(100));
        long t = h.now();
        lab.send(c.sock(), 1000);
        h.expectSent(ack().seq(c.us(0)).length(1000));         //  --- seq U:U+1000 -------->  (lost)
        lab.expectRetransmissionAt(t + ms(300), c.us(0), "the first timeout");   // RTO backs off to 600 ms
        h.after(ms(50)).receive(ack().seq(c.peer(0)).ack(c.us(1000)));     //  <-- ACK: for which transmission?
        // Ambiguous: 350 ms after the first copy, 50 ms after the second. No sample; RTO stays 600 ms.
        long t2 = h.now();
        lab.send(c.sock(), 1000);
        h.expectSent(ack().seq(c.us(1000)).length(1000));
        lab.expectRetransmissionAt(t2 + ms(600), c.us(1000),
                "the backed-off RTO of 600 ms: the ACK of a retransmitted segment must not be used as an RTT sample");
    }

    @Test @Points(3)
    @DisplayName("fast retransmit: the 3rd duplicate ACK retransmits the missing segment at once (not the 1st or 2nd)")
    void fastRetransmit() {
        var c = lab.connected(ms(100));
        lab.send(c.sock(), 5 * MSS);
        List<WireSegment> out = h.drainSent();                               //  --- 5 segments ----------->  (#2 lost)
        lab.expect(out.size() == 5, "5 x MSS go out at once (initial window 10 segments), the host sent " + out.size());
        h.after(ms(100)).receive(ack().seq(c.peer(0)).ack(c.us(MSS)));     //  <-- ACK U+1460 (segment 1 arrived)
        h.expectNothingSent();
        h.after(ms(1)).receive(ack().seq(c.peer(0)).ack(c.us(MSS)));       //  <-- dup #1 (segment 3 arrived)
        h.after(ms(1)).receive(ack().seq(c.peer(0)).ack(c.us(MSS)));       //  <-- dup #2 (segment 4)
        List<WireSegment> early = h.drainSent();
        if (!early.isEmpty()) h.fail("expected nothing after the 2nd duplicate ACK (fast retransmit waits for the 3rd, RFC 5681 §3.2);"
                + " the host sent " + early.get(0).line());
        h.after(ms(1)).receive(ack().seq(c.peer(0)).ack(c.us(MSS)));       //  <-- dup #3 (segment 5)
        long t3 = h.now();
        List<WireSegment> now = h.drainSent();                               //  --- seq U+1460 again, at once
        if (now.isEmpty() || (now.get(0).seq() & 0xffffffffL) != c.us(MSS)) {
            h.after(Time.s(2));
            List<WireSegment> later = h.drainSent();
            WireSegment rto = later.stream().filter(w -> (w.seq() & 0xffffffffL) == c.us(MSS)).findFirst().orElse(null);
            h.fail("expected a retransmission of seq " + c.us(MSS) + " after the 3rd duplicate ACK (t=" + Time.formatMs(t3) + "), "
                    + (now.isEmpty() ? "saw none" : "saw " + now.get(0).line())
                    + (rto == null ? " and none in the next 2 s" : " before the RTO fired at t=" + Time.formatMs(rto.time)));
        }
        lab.expect(now.get(0).dataLength() == MSS, "the retransmission carries one MSS, it carried " + now.get(0).dataLength());
    }

    @Test @Points(2)
    @DisplayName("NewReno (RFC 6582): a partial ACK in recovery retransmits the next hole at once")
    void partialAckRetransmitsTheNextHole() {
        var c = lab.connected(ms(100));
        lab.send(c.sock(), 5 * MSS);
        h.drainSent();                                                       //  --- 5 segments (#1 and #3 lost)
        for (int i = 0; i < 3; i++) h.after(ms(1)).receive(ack().seq(c.peer(0)).ack(c.us(0)));   // <-- 3 dup ACKs
        List<WireSegment> fr = h.drainSent();
        lab.expect(!fr.isEmpty() && (fr.get(0).seq() & 0xffffffffL) == c.us(0), "the 3rd duplicate ACK retransmits seq " + c.us(0));
        h.after(ms(1)).receive(ack().seq(c.peer(0)).ack(c.us(2 * MSS)));   //  <-- partial ACK: 1 and 2, not 3
        List<WireSegment> next = h.drainSent();
        lab.expect(!next.isEmpty() && (next.get(0).seq() & 0xffffffffL) == c.us(2 * MSS),
                "a partial ACK (ack " + c.us(2 * MSS) + " < recover " + c.us(5 * MSS) + ") means segment 3 is lost too: expected seq "
                        + c.us(2 * MSS) + " at once, the host sent " + (next.isEmpty() ? "nothing" : next.get(0).line()));
        h.after(ms(1)).receive(ack().seq(c.peer(0)).ack(c.us(5 * MSS)));   //  <-- everything: recovery ends
        h.after(Time.s(5));
        h.expectNothingSent();
    }

    @Test @Points(2)
    @DisplayName("after a timeout cwnd is one segment: one retransmission, then two when it is acknowledged")
    void timeoutRestartsFromOneSegment() {
        var c = lab.connected(ms(100));
        long t = h.now();
        lab.send(c.sock(), 5 * MSS);
        h.drainSent();                                                       //  --- 5 segments, all lost
        lab.expectRetransmissionAt(t + ms(300), c.us(0), "the timeout");
        h.after(ms(1));
        h.expectNothingSent();                                               //  only one segment: cwnd = 1 MSS
        h.receive(ack().seq(c.peer(0)).ack(c.us(MSS)));                      //  <-- ACK of it
        List<WireSegment> next = h.drainSent();
        lab.expect(next.size() == 2 && (next.get(0).seq() & 0xffffffffL) == c.us(MSS),
                "slow start after the timeout: cwnd 2 MSS sends segments 2 and 3 again (go-back), the host sent " + next.size()
                        + (next.isEmpty() ? "" : ", first " + next.get(0).line()));
    }

    @Test @Points(1)
    @DisplayName("after tcp_retries2 timeouts the connection is dropped with ETIMEDOUT")
    void givesUpWithEtimedout() {
        h.sysctl(TcpSysctl.RETRIES2, 3);
        var c = lab.connected(ms(100));
        lab.send(c.sock(), 1000);
        h.after(Time.s(10));                                                 //  300 + 600 + 1200 + 2400 ms
        lab.expectState(c.sock(), TcpState.CLOSED, "after 3 retransmissions went unanswered");
        int err = c.sock().takeError();
        lab.expect(err == Errno.ETIMEDOUT.code, "the error should be ETIMEDOUT, it is " + (err == 0 ? "none" : Errno.describe(-err)));
    }

    @Test @Points(1)
    @DisplayName("an ACK for data never sent is answered with an ACK and ignored")
    void ackOfUnsentDataIsAnsweredWithAck() {
        var c = lab.connected(ms(100));
        h.receive(ack().seq(c.peer(0)).ack(c.us(5000)));
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(0)));
        lab.expectState(c.sock(), TcpState.ESTABLISHED, "the bogus ACK changes nothing");
    }
}
