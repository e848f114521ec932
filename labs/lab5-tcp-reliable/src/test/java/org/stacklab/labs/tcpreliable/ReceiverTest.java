package org.stacklab.labs.tcpreliable;

import static org.stacklab.sim.Time.ms;
import static org.stacklab.testkit.tcp.Seg.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.sim.SeededRandom;
import org.stacklab.testkit.tcp.TcpHarness;

/** The receiver: in-order delivery, acknowledgment, reassembly of what arrives out of order (RFC 9293 §3.10.7.4). */
class ReceiverTest {
    @RegisterExtension final ReliableLab lab = new ReliableLab();
    final TcpHarness h = lab.h;

    @Test @Points(2)
    @DisplayName("in-order data is delivered and acknowledged (delayed ACK, within 40 ms)")
    void inOrderDataIsDeliveredAndAcked() {
        var c = lab.accepted();
        h.receive(data("hello").seq(c.peer(0)).ack(c.us(0)));               //  <-- seq P:P+5 "hello" ---
        h.after(ms(41));
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(5)));                     //  --- ACK ack P+5 -------->
        lab.expect(lab.read(c.sock()).equals("hello"), "recv() should return \"hello\"");
    }

    @Test @Points(3)
    @DisplayName("out of order: held back, a duplicate ACK at once; the missing piece releases both")
    void outOfOrderIsReassembled() {
        var c = lab.accepted();
        h.receive(data("world").seq(c.peer(5)).ack(c.us(0)));               //  <-- seq P+5 "world" (hole before it)
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(0)));                     //  --- ACK ack P (duplicate, at once)
        lab.expect(lab.read(c.sock()).isEmpty(), "nothing is readable while bytes P..P+4 are missing");

        h.receive(data("hello").seq(c.peer(0)).ack(c.us(0)));               //  <-- seq P "hello" (fills the hole)
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(10)));                    //  --- ACK ack P+10 (at once)
        String got = lab.read(c.sock());
        lab.expect(got.equals("helloworld"), "recv() should return \"helloworld\", got \"" + got + "\"");
    }

    @Test @Points(2)
    @DisplayName("a duplicate segment is acknowledged again and not delivered twice")
    void duplicateIsNotDeliveredTwice() {
        var c = lab.accepted();
        h.receive(data("hello").seq(c.peer(0)).ack(c.us(0)));
        h.receive(data("hello").seq(c.peer(0)).ack(c.us(0)));               //  <-- the same segment again
        h.expectSent(ack().seq(c.us(0)).ack(c.peer(5)));                     //  --- ACK ack P+5 (our ACK was lost?)
        String got = lab.read(c.sock());
        lab.expect(got.equals("hello"), "recv() should return \"hello\" once, got \"" + got + "\"");
    }

    @Test @Points(2)
    @DisplayName("a segment overlapping what was received is trimmed: only the new bytes are delivered")
    void overlapIsTrimmed() {
        var c = lab.accepted();
        h.receive(data("hello").seq(c.peer(0)).ack(c.us(0)));
        h.receive(data("lloworld").seq(c.peer(2)).ack(c.us(0)));            //  <-- seq P+2 "lloworld" (3 bytes old)
        h.after(ms(41));
        h.drainSent();
        String got = lab.read(c.sock());
        lab.expect(got.equals("helloworld"), "recv() should return \"helloworld\", got \"" + got + "\"");
    }

    @Test @Points(3)
    @DisplayName("twenty pieces in a shuffled order come out as one stream, each early piece answered with a duplicate ACK")
    void shuffledPiecesAreReassembled() {
        var c = lab.accepted();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 20; i++) order.add(i);
        SeededRandom rnd = h.kernel().random().fork("shuffle");
        for (int i = order.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            order.set(j, order.set(i, order.get(j)));
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20; i++) expected.append(String.format("<piece %02d>", i));   // 10 bytes each
        int delivered = 0;
        boolean[] have = new boolean[20];
        for (int i : order) {
            h.receive(data(String.format("<piece %02d>", i)).seq(c.peer(10L * i)).ack(c.us(0)));
            have[i] = true;
            boolean wasEarly = i != delivered;
            while (delivered < 20 && have[delivered]) delivered++;
            List<org.stacklab.testkit.tcp.WireSegment> sent = h.drainSent();
            if (wasEarly && (sent.isEmpty() || (sent.get(0).ack() & 0xffffffffL) != c.peer(10L * delivered))) {
                h.fail("piece " + i + " (seq " + c.peer(10L * i) + ") arrived early: expected a duplicate ACK at once with ack "
                        + c.peer(10L * delivered) + ", the host sent " + (sent.isEmpty() ? "nothing" : sent.get(0).line()));
            }
        }
        h.after(ms(41));
        h.drainSent();
        String got = lab.read(c.sock());
        lab.expect(got.equals(expected.toString()), "pieces arrived in the order " + order + "; recv() returned \"" + got + "\"");
    }

    @Test @Points(2)
    @DisplayName("a FIN that arrives before the data in front of it waits for that data (then CLOSE-WAIT)")
    void earlyFinWaitsForTheData() {
        var c = lab.accepted();
        h.receive(finAck().seq(c.peer(5)).ack(c.us(0)));                     //  <-- FIN seq P+5 (bytes P..P+4 missing)
        h.expectSent(ack().ack(c.peer(0)));
        lab.expectState(c.sock(), TcpState.ESTABLISHED, "the FIN is not in sequence yet");
        h.receive(data("hello").seq(c.peer(0)).ack(c.us(0)));               //  <-- the missing bytes
        h.expectSent(ack().ack(c.peer(6)));                                  //  --- ACK covers data and FIN
        lab.expectState(c.sock(), TcpState.CLOSE_WAIT, "the FIN is now in sequence");
        lab.expect(lab.read(c.sock()).equals("hello"), "the data before the FIN is readable");
    }
}
