package org.stacklab.labs.tcpflow;

import static org.stacklab.sim.Time.ms;
import static org.stacklab.testkit.tcp.Seg.*;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/**
 * Flow control (RFC 9293 §3.8.6, RFC 1122 §4.2.3.3-4): the window we offer from our free buffer,
 * silly-window avoidance on both sides, the peer's window as a limit, and zero-window probing.
 */
class WindowTest {
    static final int BUF = 4096;

    @RegisterExtension final FlowLab lab = new FlowLab();
    final TcpHarness h = lab.h;

    /** {@code n} bytes of the letter {@code c}. */
    static byte[] bytes(int n, char c) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) c);
        return b;
    }

    @Test @Points(2)
    @DisplayName("the window offered is the free receive buffer: 4096 - 1000 unread bytes = 3096")
    void windowIsTheFreeBuffer() {
        var c = lab.acceptedWithBuffer(BUF);
        h.receive(data(bytes(1000, 'a')).seq(c.peer(0)).ack(c.us(0)));     //  <-- 1000 bytes, nobody reads them
        h.after(ms(41));
        h.expectSent(ack().ack(c.peer(1000)).window(BUF - 1000));           //  --- ACK win 3096 ------->
    }

    @Test @Points(2)
    @DisplayName("a full buffer offers a zero window")
    void fullBufferOffersZeroWindow() {
        var c = lab.acceptedWithBuffer(BUF);
        h.receive(data(bytes(1460, 'a')).seq(c.peer(0)).ack(c.us(0)));
        h.receive(data(bytes(1460, 'b')).seq(c.peer(1460)).ack(c.us(0)));
        h.receive(data(bytes(1176, 'c')).seq(c.peer(2920)).ack(c.us(0)));   //  <-- the last 1176 bytes fill it
        h.after(ms(41));
        List<WireSegment> acks = h.drainSent();
        WireSegment last = acks.isEmpty() ? null : acks.get(acks.size() - 1);
        lab.expect(last != null && (last.ack() & 0xffffffffL) == c.peer(4096) && last.window() == 0,
                "with 4096 unread bytes in a 4096-byte buffer the ACK of the last byte should offer win 0; the last ACK was "
                        + (last == null ? "none" : last.line()));
    }

    @Test @Points(3)
    @DisplayName("receiver SWS avoidance: reading 100 bytes keeps the window shut; reading 2000 opens it (window update)")
    void receiverSillyWindowAvoidance() {
        var c = lab.acceptedWithBuffer(BUF);
        h.receive(data(bytes(1460, 'a')).seq(c.peer(0)).ack(c.us(0)));
        h.receive(data(bytes(1460, 'b')).seq(c.peer(1460)).ack(c.us(0)));
        h.receive(data(bytes(1176, 'c')).seq(c.peer(2920)).ack(c.us(0)));
        h.after(ms(41));
        h.drainSent();
        byte[] buf = new byte[4096];
        lab.expect(c.sock().recvmsg(buf, 0, 100, 0, null) == 100, "recv() of 100 bytes");
        h.expectNothingSent();                                               //  100 bytes: not worth a window update
        h.receive(ack().seq(c.peer(4095)).ack(c.us(0)));                      //  <-- a window probe (seq RCV.NXT-1)
        h.expectSent(ack().ack(c.peer(4096)).window(0));                      //  --- ACK win 0: still shut (RFC 1122 §4.2.3.3)
        lab.expect(c.sock().recvmsg(buf, 0, 2000, 0, null) == 2000, "recv() of 2000 bytes");
        h.expectSent(ack().ack(c.peer(4096)).window(2100));                   //  --- window update: win 2100
    }

    @Test @Points(2)
    @DisplayName("the sender never has more in flight than the peer's window (3000 bytes)")
    void peerWindowLimitsTheSender() {
        var c = lab.connected(ms(100), 1000, 3000);
        lab.send(c.sock(), 10_000);
        List<WireSegment> first = h.drainSent();
        int bytes = first.stream().mapToInt(WireSegment::dataLength).sum();
        lab.expect(bytes == 3000, "the peer offered 3000 bytes: expected exactly 3000 in flight (3 segments), the host sent " + bytes
                + " in " + first.size() + " segments");
        h.after(ms(100)).receive(ack().seq(c.peer(0)).ack(c.us(1000)).window(3000));   //  <-- ACK 1000, window 3000
        List<WireSegment> next = h.drainSent();
        int more = next.stream().mapToInt(WireSegment::dataLength).sum();
        lab.expect(more == 1000, "an ACK of 1000 bytes with the window still 3000 lets exactly 1000 more out, the host sent " + more);
    }

    @Test @Points(3)
    @DisplayName("zero window: the sender probes with the persist timer, backing off (x2 each), and sends when it opens")
    void zeroWindowIsProbed() {
        var c = lab.connected(ms(100), 1000, 3000);
        lab.send(c.sock(), 3000);
        h.drainSent();
        h.after(ms(100)).receive(ack().seq(c.peer(0)).ack(c.us(3000)).window(0));      //  <-- all acked, window 0
        long armed = h.now();
        lab.send(c.sock(), 500);
        h.expectNothingSent();                                               //  the window is shut: nothing may go
        long prev = armed, prevGap = 0;
        for (int i = 1; i <= 3; i++) {
            WireSegment probe = null;
            long deadline = h.now() + Time.s(10);
            while (probe == null && h.now() < deadline) {
                h.after(ms(1));
                List<WireSegment> s = h.drainSent();
                if (!s.isEmpty()) probe = s.get(0);
            }
            if (probe == null) h.fail("expected window probe #" + i + " (the persist timer, RFC 9293 §3.8.6.1), none came in 10 s");
            lab.expect(probe.dataLength() == 0 && (probe.seq() & 0xffffffffL) == c.us(2999),
                    "a window probe carries SEQ = SND.UNA - 1 and no data (c.sendWindowProbe()); saw " + probe.line());
            long gap = probe.time - prev;
            lab.expect(gap >= ms(200), "probe #" + i + " came " + Time.formatMs(gap) + " after the last; the persist interval is at least the RTO");
            if (prevGap > 0) {
                lab.expect(Math.abs(gap - 2 * prevGap) <= ms(2), "probe #" + i + " came " + Time.formatMs(gap) + " after the previous one;"
                        + " the interval should double with each unanswered probe (" + Time.formatMs(2 * prevGap) + ")");
            }
            prev = probe.time;
            prevGap = gap;
            h.receive(ack().seq(c.peer(0)).ack(c.us(3000)).window(i < 3 ? 0 : 3000));   //  <-- answer: still 0, then 3000
        }
        List<WireSegment> data = h.drainSent();
        lab.expect(!data.isEmpty() && data.get(0).dataLength() == 500 && (data.get(0).seq() & 0xffffffffL) == c.us(3000),
                "once the window opens the 500 waiting bytes go out; the host sent " + (data.isEmpty() ? "nothing" : data.get(0).line()));
    }

    @Test @Points(2)
    @DisplayName("Nagle: a small segment goes only when nothing is in flight; the next waits for the ACK")
    void nagle() {
        var c = lab.connected(ms(100));
        lab.send(c.sock(), 100);
        h.expectSent(ack().seq(c.us(0)).length(100));                       //  --- 100 bytes: nothing in flight, go
        lab.send(c.sock(), 100);
        h.expectNothingSent();                                               //  100 more: wait, 100 bytes in flight
        h.after(ms(100)).receive(ack().seq(c.peer(0)).ack(c.us(100)));       //  <-- ACK 100
        h.expectSent(ack().seq(c.us(100)).length(100));                     //  --- now the second 100 bytes
    }
}
