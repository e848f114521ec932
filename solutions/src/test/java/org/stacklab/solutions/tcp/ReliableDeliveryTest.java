package org.stacklab.solutions.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.sim.Time.ms;
import static org.stacklab.testkit.tcp.Seg.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.tcp.TcpCounters;
import org.stacklab.kernel.tcp.TcpStats;
import org.stacklab.kernel.tcp.TcpSysctl;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/** Sequence numbers, ACKs, reassembly, RTO (RFC 6298), fast retransmit and NewReno (RFC 5681, 6582). */
class ReliableDeliveryTest {
    static final int MSS = 1460;
    final TcpHarness h = TcpHarness.create(7).sysctl(TcpSysctl.DELAYED_ACK, 0);

    @AfterEach
    void noOops() { h.assertNoOops(); }

    TcpCounters counters() { return h.kernel().symbol(TcpStats.class).counters(); }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 7 + 3);
        return b;
    }

    String read(Sock s) {
        byte[] b = new byte[100_000];
        int n = s.recvmsg(b, 0, b.length, 0, null);
        return n <= 0 ? "" : new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    @Test
    void inOrderDataIsAcknowledgedCumulatively() {
        var c = Peer.acceptFrom(h);
        h.receive(data("hello ").seq(c.peer(0)).ack(c.us(0)));
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(6)));
        h.receive(data("world").seq(c.peer(6)).ack(c.us(0)));
        h.expectSent(ack().ack(c.peer(11)));
        assertEquals("hello world", read(c.sock()));
    }

    @Test
    void outOfOrderSegmentIsHeldAndDuplicateAckedUntilTheHoleFills() {
        var c = Peer.acceptFrom(h);
        h.receive(data("world").seq(c.peer(6)).ack(c.us(0)));
        h.expectSent(ack().ack(c.peer(0)));          // duplicate ACK at once (RFC 5681 §4.2)
        assertEquals("", read(c.sock()));
        h.receive(data("hello ").seq(c.peer(0)).ack(c.us(0)));
        h.expectSent(ack().ack(c.peer(11)));         // the hole filled: everything is acknowledged
        assertEquals("hello world", read(c.sock()));
        assertEquals(1, counters().ofoQueued);
    }

    @Test
    void duplicateAndOverlappingDataIsDeliveredOnce() {
        var c = Peer.acceptFrom(h);
        h.receive(data("abcdef").seq(c.peer(0)).ack(c.us(0)));
        h.expectSent(ack().ack(c.peer(6)));
        h.receive(data("abcdef").seq(c.peer(0)).ack(c.us(0)));     // a retransmission we already have
        h.expectSent(ack().ack(c.peer(6)));
        h.receive(data("defghi").seq(c.peer(3)).ack(c.us(0)));     // overlaps: only "ghi" is new
        h.expectSent(ack().ack(c.peer(9)));
        assertEquals("abcdefghi", read(c.sock()));
    }

    @Test
    void dataBeyondTheWindowIsTrimmed() {
        Sock l = h.socket();
        l.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, 2048); // 4096 reserved, 2048 for data
        l.bind(new org.stacklab.kernel.socket.SockAddr(0, 80));
        l.listen(4);
        h.receive(syn().seq(1000).mss(1460));
        WireSegment sa = h.expectSent(synAck().ack(1001).window(2048));
        h.receive(ack().seq(1001).ack(sa.seq() + 1));
        Sock s = l.accept();
        h.receive(data(bytes(3000)).seq(1001).ack(sa.seq() + 1));
        h.expectSent(ack().ack(1001 + 2048).window(0));
        assertEquals(2048, s.info().recvQ(), "ss Recv-Q: unread bytes");
    }

    @Test
    void sequenceNumbersWrapAroundTwoToTheThirtyTwo() {
        int isn = 0xFFFFFFF0;
        var c = Peer.acceptFrom(h, isn, 1460);
        // 20 bytes from 0xFFFFFFF1 cross the wrap and end at 0x00000005; the next 20 follow.
        byte[] first = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "KLMNOPQRSTUVWXYZ!@#$".getBytes(StandardCharsets.US_ASCII);
        h.receive(data(second).seq(0x00000005L).ack(c.us(0)));     // after the wrap, out of order
        h.expectSent(ack().ack(0xFFFFFFF1L));
        h.receive(data(first).seq(0xFFFFFFF1L).ack(c.us(0)));
        h.expectSent(ack().ack(0x00000019L));
        assertEquals("0123456789abcdefghijKLMNOPQRSTUVWXYZ!@#$", read(c.sock()));
        h.receive(finAck().seq(0x00000019L).ack(c.us(0)));
        h.expectSent(ack().ack(0x0000001AL));
    }

    @Test
    void retransmissionTimerBacksOffExponentially() {
        var c = Peer.acceptFrom(h);
        c.sock().sendmsg(bytes(100), 0, 100, 0, null);
        WireSegment first = h.expectSent(data(bytes(100)).seq(c.us(0)));
        // One RTT sample of 1 ms: RTO = max(SRTT + 4 RTTVAR, 200 ms minimum) = 200 ms.
        long t = first.time;
        for (long rto : new long[] {200, 400, 800, 1600}) {
            h.at(t + ms(rto) - 1);
            h.expectNothingSent();
            h.at(t + ms(rto));
            t = h.expectSent(data(bytes(100)).seq(c.us(0))).time;
        }
        assertEquals(4, counters().rtoExpiries);
        assertEquals(4, counters().retransSegs);
        // The ACK at last: the timer stops, nothing more is sent.
        h.receive(ack().seq(c.peer(0)).ack(c.us(100)));
        h.after(ms(10_000));
        h.expectNothingSent();
    }

    @Test
    void connectionTimesOutAfterTcpRetries2() {
        h.sysctl(TcpSysctl.RETRIES2, 3);
        var c = Peer.acceptFrom(h);
        c.sock().sendmsg(bytes(10), 0, 10, 0, null);
        h.after(ms(200 + 400 + 800 + 1600 + 1));
        assertEquals(org.stacklab.kernel.tcp.TcpState.CLOSED, h.state(c.sock()));
        assertEquals(org.stacklab.kernel.socket.Errno.ETIMEDOUT.code, c.sock().takeError());
    }

    @Test
    void fastRetransmitAfterThreeDuplicateAcks() {
        var c = Peer.acceptFrom(h);
        c.sock().setsockopt(Sock.IPPROTO_TCP, Sock.TCP_NODELAY, 1);
        c.sock().sendmsg(bytes(5 * MSS), 0, 5 * MSS, 0, null);
        for (int i = 0; i < 5; i++) h.expectSent(ack().seq(c.us((long) i * MSS)).length(MSS));
        // Segment 2 is lost; 3, 4 and 5 each produce a duplicate ACK for its start.
        h.after(ms(1)).receive(ack().seq(c.peer(0)).ack(c.us(MSS)));
        for (int dup = 1; dup <= 2; dup++) {
            h.receive(ack().seq(c.peer(0)).ack(c.us(MSS)));
            h.expectNothingSent();
        }
        h.receive(ack().seq(c.peer(0)).ack(c.us(MSS)));
        WireSegment rexmit = h.expectSent(ack().seq(c.us(MSS)).length(MSS));
        assertTrue(rexmit.time < ms(200), "long before the RTO");
        assertEquals(1, counters().fastRetransmits);
        assertEquals(3, counters().dupAcks);
    }

    @Test
    void newRenoPartialAckRetransmitsTheNextHoleAtOnce() {
        var c = Peer.acceptFrom(h);
        c.sock().setsockopt(Sock.IPPROTO_TCP, Sock.TCP_NODELAY, 1);
        c.sock().sendmsg(bytes(6 * MSS), 0, 6 * MSS, 0, null);
        h.drainSent();
        // Segments 2 and 4 are lost. The peer acks 1, then sends duplicates for 3, 5 and 6.
        h.after(ms(1)).receive(ack().seq(c.peer(0)).ack(c.us(MSS)));
        for (int i = 0; i < 3; i++) h.receive(ack().seq(c.peer(0)).ack(c.us(MSS)));
        h.expectSent(ack().seq(c.us(MSS)).length(MSS));                 // fast retransmit of 2
        // The retransmitted 2 fills the first hole; the ACK stops at 4: a partial ACK (RFC 6582 §3.2 step 5).
        h.after(ms(1)).receive(ack().seq(c.peer(0)).ack(c.us(3L * MSS)));
        h.expectSent(ack().seq(c.us(3L * MSS)).length(MSS));            // 4, without waiting for 3 dup ACKs
        h.after(ms(1)).receive(ack().seq(c.peer(0)).ack(c.us(6L * MSS))); // full ACK: recovery ends
        h.after(ms(5000));
        assertEquals(1, counters().fastRetransmits);
        assertEquals(0, counters().rtoExpiries);
        assertEquals(2, counters().retransSegs);
    }

    @Test
    void ackForDataNeverSentIsAnsweredAndIgnored() {
        var c = Peer.acceptFrom(h);
        h.receive(ack().seq(c.peer(0)).ack(c.us(5000)));
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(0)));
    }

    @Test
    void badChecksumIsDroppedAndCounted() {
        var c = Peer.acceptFrom(h);
        h.receive(data("garbled").seq(c.peer(0)).ack(c.us(0)).corrupt());
        h.expectNothingSent();
        assertEquals("", read(c.sock()));
        assertEquals(1, counters().badChecksum);
        assertEquals(1, h.kernel().drops(TcpStats.DROP_BAD_CHECKSUM));
    }

    @Test
    void sendBufferIsReportedAsSendQUntilAcknowledged() {
        var c = Peer.acceptFrom(h);
        c.sock().sendmsg(bytes(1000), 0, 1000, 0, null);
        assertEquals(1000, c.sock().info().sendQ());
        h.drainSent();
        h.receive(ack().seq(c.peer(0)).ack(c.us(1000)));
        assertEquals(0, c.sock().info().sendQ());
        byte[] big = bytes(100_000);
        int n = c.sock().sendmsg(big, 0, big.length, 0, null);
        assertEquals(16384, n, "SO_SNDBUF default (tcp_wmem[1])");
        assertEquals(org.stacklab.kernel.socket.Errno.EAGAIN.neg(), c.sock().sendmsg(big, 0, 10, 0, null));
        assertArrayEquals(new int[] {16384, 131072}, new int[] {
                c.sock().getsockopt(Sock.SOL_SOCKET, Sock.SO_SNDBUF), c.sock().getsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF)});
    }
}
