package org.stacklab.labs.tcpreliable;

import static org.stacklab.testkit.tcp.Seg.*;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.grader.Visibility;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.BulkTransfer;
import org.stacklab.testkit.tcp.FaultProfile;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/** Held back by staff: sequence numbers across the 2^32 wrap, and a much worse link. */
class HiddenReliableTest {
    @RegisterExtension final ReliableLab lab = new ReliableLab();
    final TcpHarness h = lab.h;

    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: reassembly across the 2^32 wrap of the peer's sequence numbers")
    void reassemblyAcrossTheWrap() {
        int isn = 0xFFFFFFF0;
        Sock l = h.listenOn(80);
        h.receive(syn().seq(isn).mss(1460));
        WireSegment sa = h.expectSent(synAck().ack(isn + 1));
        h.receive(ack().seq(isn + 1).ack(sa.seq() + 1));
        Sock s = l.accept();
        lab.expect(s != null, "the handshake completes");
        String a = "AAAAAAAAAAAAAAAAAAAA", b = "BBBBBBBBBBBBBBBBBBBB";   // 20 bytes each: b starts after the wrap
        h.receive(data(b).seq((isn + 1 + 20) & 0xffffffffL).ack(sa.seq() + 1));
        h.expectSent(ack().ack((isn + 1) & 0xffffffffL));
        h.receive(data(a).seq((isn + 1) & 0xffffffffL).ack(sa.seq() + 1));
        h.expectSent(ack().ack((isn + 41) & 0xffffffffL));
        String got = lab.read(s);
        lab.expect(got.equals(a + b), "recv() should return A x 20 then B x 20, got \"" + got + "\"");
    }

    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: 256 KB each way with 20% of segments lost in both directions")
    void heavyLoss() {
        BulkTransfer.run(lab.pipe(FaultProfile.clean().withLoss(0.20).withJitter(Time.ms(1))), 256 * 1024, 256 * 1024, Time.s(900))
                .assertOk();
    }
}
