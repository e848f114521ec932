package org.stacklab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.tcp.TcpHeader;
import org.stacklab.report.html.PacketLadder.Arrow;

/**
 * The ladder model on hand-made traces, where every case is known: matching the two sides' traces,
 * lost versus still in flight, relative numbers across the 2^32 wrap, the states of a whole
 * connection, duplicate ACKs and a one-sided trace.
 */
class HtmlLadderModelTest {
    static final int A = Ip4.parse("10.0.0.1"), B = Ip4.parse("10.0.0.2");
    static final int SYN = 0x02, ACK = 0x10, FIN = 0x01, PSH = 0x08;
    static final long US = 1000;

    final List<PacketTrace.Entry> left = new ArrayList<>(), right = new ArrayList<>();

    /** A segment from A (rightward) or B, sent at {@code t} µs and, unless {@code arrives} is false, received 5 µs later. */
    void seg(boolean fromA, long t, long seq, long ack, int flags, int len, boolean arrives) {
        byte[] f = tcpFrame(fromA ? A : B, fromA ? B : A, fromA ? 40000 : 80, fromA ? 80 : 40000, (int) seq, (int) ack, flags, len);
        (fromA ? left : right).add(new PacketTrace.Entry(t * US, "eth0", true, f, NetDevice.ARPHRD_ETHER));
        if (arrives) (fromA ? right : left).add(new PacketTrace.Entry((t + 5) * US, "eth0", false, f, NetDevice.ARPHRD_ETHER));
    }

    PacketLadder ladder(long nowUs) {
        return PacketLadder.between("a", A, left, "b", B, right, PacketLadder.tcpPort(80), nowUs * US);
    }

    @Test
    void aWholeConnectionWithRelativeNumbersAcrossTheWrap() {
        long isnA = 0xfffffff0L, isnB = 7;                 // A's sequence numbers wrap past 2^32
        seg(true, 0, isnA, 0, SYN, 0, true);
        seg(false, 10, isnB, isnA + 1, SYN | ACK, 0, true);
        seg(true, 20, isnA + 1, isnB + 1, ACK, 0, true);
        seg(true, 30, isnA + 1, isnB + 1, PSH | ACK, 100, true);  // crosses 2^32
        seg(true, 40, isnA + 101, isnB + 1, FIN | ACK, 0, true);
        seg(false, 50, isnB + 1, isnA + 102, FIN | ACK, 0, true);
        seg(true, 60, isnA + 102, isnB + 2, ACK, 0, true);
        PacketLadder l = ladder(1000);
        List<Arrow> a = l.arrows();
        assertEquals(List.of("S", "S.", ".", "P.", "F.", "F.", "."), a.stream().map(Arrow::flags).toList());
        assertEquals("[S] seq 0 win 65535", a.get(0).label());
        assertEquals("[S.] seq 0 ack 1 win 65535", a.get(1).label());
        assertEquals("[.] ack 1 win 65535", a.get(2).label());
        assertEquals("[P.] seq 1:101 ack 1 win 65535 len 100", a.get(3).label());
        assertEquals("[F.] seq 101 ack 1 win 65535", a.get(4).label());
        assertEquals("[F.] seq 1 ack 102 win 65535", a.get(5).label());
        assertTrue(a.stream().allMatch(Arrow::arrived));
        assertEquals(25 * US, a.get(2).recvTime());
        // States from the segments: A actively closes, so A ends in TIME-WAIT and B in CLOSED. B's FIN
        // also acknowledges A's FIN, so A goes from FIN-WAIT-1 to TIME-WAIT on that one segment.
        assertEquals("CLOSED", l.initialLeft());
        assertEquals("LISTEN", l.initialRight());
        assertEquals("a:SYN-SENT b:SYN-RECEIVED a:ESTABLISHED b:ESTABLISHED a:FIN-WAIT-1 b:CLOSE-WAIT b:LAST-ACK "
                + "a:TIME-WAIT b:CLOSED", states(l));
    }

    @Test
    void aFrameTheOtherSideNeverSawIsLostUnlessItLeftJustBeforeTheTracesWereRead() {
        seg(true, 0, 100, 0, SYN, 0, true);
        seg(false, 10, 500, 101, SYN | ACK, 0, true);
        seg(true, 20, 101, 501, ACK, 0, true);
        seg(true, 30, 101, 501, PSH | ACK, 10, false);      // never arrives
        seg(true, 240_000, 101, 501, PSH | ACK, 10, true);   // the retransmission, after an RTO
        Arrow dropped = ladder(1_000_000).arrows().get(3);
        assertTrue(dropped.lost());
        assertTrue(ladder(1_000_000).arrows().get(4).retransmission());
        assertFalse(ladder(1_000_000).arrows().get(3).retransmission());
        // Read 100 µs after it left, the same frame may simply not have arrived yet.
        left.subList(4, left.size()).clear();
        right.subList(3, right.size()).clear();
        Arrow pending = ladder(130).arrows().get(3);
        assertTrue(pending.inFlight());
        assertFalse(pending.lost());
        // And drawn so: a lost arrow carries the data-lost mark, an in-flight one its own.
        assertTrue(LadderSvg.draw(ladder(130)).contains("data-inflight=\"true\""));
        assertFalse(LadderSvg.draw(ladder(130)).contains("data-lost"));
    }

    @Test
    void duplicateAcksAreTheSameAckAndWindowWhileDataIsOutstanding() {
        seg(true, 0, 100, 0, SYN, 0, true);
        seg(false, 10, 500, 101, SYN | ACK, 0, true);
        seg(true, 20, 101, 501, ACK, 0, true);
        seg(true, 30, 101, 501, ACK, 1000, false);          // lost
        for (int i = 0; i < 4; i++) seg(true, 31 + i, 1101 + 1000L * i, 501, ACK, 1000, true);
        for (int i = 0; i < 4; i++) seg(false, 40 + i, 501, 101, ACK, 0, true);
        List<Arrow> acks = ladder(1000).arrows().subList(8, 12);
        // RFC 5681's definition: no data, no SYN/FIN, the same ACK and window as the last one (here
        // the SYN-ACK's), and data outstanding. So all four count, the third triggering fast retransmit.
        assertEquals(List.of(1, 2, 3, 4), acks.stream().map(Arrow::dupAck).toList());
        assertEquals("[.] ack 1 win 65535", acks.get(3).label());
    }

    @Test
    void withOnlyOneSideTracedNothingIsCalledLost() {
        seg(true, 0, 100, 0, SYN, 0, true);
        seg(false, 10, 500, 101, SYN | ACK, 0, true);
        PacketLadder l = PacketLadder.between("a", A, left, "b", B, null, PacketLadder.everything());
        assertEquals(2, l.arrows().size());
        assertTrue(l.arrows().stream().allMatch(Arrow::arrived));
        assertEquals("S.", l.arrows().get(1).flags());
        assertEquals(1, l.arrows().get(1).relAck(), "B's SYN-ACK acknowledges A's SYN");
    }

    @Test
    void twoConnectionsInOneLadderAreNumberedEachFromItsOwnIsn() {
        seg(true, 0, 100, 0, SYN, 0, true);
        byte[] other = tcpFrame(A, B, 40001, 80, 9000, 0, SYN, 0);     // a second client port, another ISN
        left.add(new PacketTrace.Entry(1 * US, "eth0", true, other, NetDevice.ARPHRD_ETHER));
        right.add(new PacketTrace.Entry(6 * US, "eth0", false, other, NetDevice.ARPHRD_ETHER));
        PacketLadder l = ladder(1000);
        assertEquals(List.of(0L, 0L), l.arrows().stream().map(Arrow::relSeq).toList());
        assertFalse(l.arrows().get(1).retransmission(), "another connection's SYN is not a retransmission");
        assertTrue(l.states().isEmpty(), "no states drawn for a mix of connections");
    }

    static String states(PacketLadder l) {
        StringBuilder sb = new StringBuilder();
        for (PacketLadder.StateChange s : l.states()) sb.append(s.left() ? "a:" : "b:").append(s.state()).append(' ');
        return sb.toString().strip();
    }

    /** An Ethernet + IPv4 + TCP frame with {@code len} bytes of data (checksums left zero: the ladder does not check them). */
    static byte[] tcpFrame(int src, int dst, int sport, int dport, int seq, int ack, int flags, int len) {
        byte[] f = new byte[14 + 20 + 20 + len];
        f[12] = 0x08;
        int ip = 14;
        f[ip] = 0x45;
        int total = 20 + 20 + len;
        f[ip + 2] = (byte) (total >> 8);
        f[ip + 3] = (byte) total;
        f[ip + 4] = (byte) (seq >> 8);          // a distinct IP id per segment, as a real stack sends
        f[ip + 5] = (byte) (seq ^ flags);
        f[ip + 8] = 64;
        f[ip + 9] = 6;
        put32(f, ip + 12, src);
        put32(f, ip + 16, dst);
        TcpHeader.of(sport, dport, seq, ack, flags, 65535).writeTo(f, 14 + 20);
        return f;
    }

    static void put32(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }
}
