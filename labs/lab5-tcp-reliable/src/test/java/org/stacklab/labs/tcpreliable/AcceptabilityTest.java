package org.stacklab.labs.tcpreliable;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.tcp.ReliableDelivery;
import org.stacklab.kernel.tcp.TcpControlBlock;
import org.stacklab.kernel.tcp.TcpFlags;
import org.stacklab.kernel.tcp.TcpHeader;
import org.stacklab.kernel.tcp.TcpSegment;
import org.stacklab.kernel.tcp.TcpState;

/** RFC 9293 §3.10.7.4's acceptability table, asked of the component directly. */
class AcceptabilityTest {
    static final int RCV_NXT = 0xFFFFFF00;   // 256 bytes before the wrap: comparisons must be modulo 2^32

    @RegisterExtension final ReliableLab lab = new ReliableLab();
    final ReliableDelivery rel = Components.create("tcp.reliability", ReliableDelivery.class, ModuleSet.parse(ModuleSet.REFERENCE, null));

    static TcpControlBlock tcb(int window) {
        TcpControlBlock t = new TcpControlBlock();
        t.state = TcpState.ESTABLISHED;
        t.rcvNxt = RCV_NXT;
        t.rcvWnd = window;
        t.rcvAdv = RCV_NXT + window;
        return t;
    }

    static TcpSegment seg(int seq, int len) {
        TcpHeader hd = TcpHeader.of(40000, 80, seq, 1, TcpFlags.ACK, 65535);
        return new TcpSegment(hd, 0x0A000002, 0x0A000001, new byte[Math.max(len, 1)], 0, len);
    }

    void check(int window, int seqOffset, int len, boolean expected) {
        TcpControlBlock t = tcb(window);
        boolean got = rel.isAcceptable(t, seg(RCV_NXT + seqOffset, len));
        if (got != expected) {
            throw new AssertionError("RCV.NXT=" + Integer.toUnsignedString(RCV_NXT) + " RCV.WND=" + window + ": a segment with SEG.SEQ=RCV.NXT"
                    + (seqOffset >= 0 ? "+" : "") + seqOffset + " and SEG.LEN=" + len + " is " + (expected ? "" : "not ")
                    + "acceptable (RFC 9293 §3.10.7.4), isAcceptable returned " + got);
        }
    }

    @Test @Points(3)
    @DisplayName("the four cases of the acceptability table, across the 2^32 wrap")
    void acceptabilityTable() {
        // SEG.LEN = 0, RCV.WND = 0: only SEG.SEQ = RCV.NXT
        check(0, 0, 0, true);
        check(0, 1, 0, false);
        check(0, -1, 0, false);
        // SEG.LEN = 0, RCV.WND > 0: RCV.NXT =< SEG.SEQ < RCV.NXT + RCV.WND
        check(1000, 0, 0, true);
        check(1000, 999, 0, true);          // crosses the wrap: RCV.NXT + 999 is a small number
        check(1000, 1000, 0, false);
        check(1000, -1, 0, false);
        // SEG.LEN > 0, RCV.WND = 0: never
        check(0, 0, 10, false);
        // SEG.LEN > 0, RCV.WND > 0: the first or the last byte in the window
        check(1000, 0, 10, true);
        check(1000, -5, 10, true);          // the tail is new
        check(1000, 995, 10, true);         // the head fits
        check(1000, -10, 10, false);        // wholly old
        check(1000, 1000, 10, false);       // wholly beyond
    }
}
