package org.stacklab.labs.tcpreliable;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stacklab.grader.Points;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.BulkTransfer;
import org.stacklab.testkit.tcp.FaultProfile;
import org.stacklab.testkit.tcp.TcpPipe;

/**
 * Byte-exact transfers between two hosts running your reliable delivery, over links that lose,
 * reorder, duplicate and corrupt segments, every fault drawn from the seed. Each direction carries
 * 256 KB of seeded random bytes; the SHA-256 of what was read must be that of what was sent, and
 * both connections must end CLOSED.
 */
class TransferTest {
    static final int KB = 1024;
    static final FaultProfile LINK = FaultProfile.clean().withDelay(Time.us(500));

    @RegisterExtension final ReliableLab lab = new ReliableLab();

    private void transfer(FaultProfile faults, long boundNs) {
        TcpPipe pipe = lab.pipe(faults);
        BulkTransfer.run(pipe, 256 * KB, 256 * KB, boundNs).assertOk();
    }

    @Test @Points(2)
    @DisplayName("256 KB each way over a clean link")
    void cleanLink() { transfer(LINK, Time.s(30)); }

    @Test @Points(3)
    @DisplayName("256 KB each way with 5% of segments lost")
    void lossyLink() { transfer(LINK.withLoss(0.05), Time.s(300)); }

    @Test @Points(2)
    @DisplayName("256 KB each way with 10% of segments held back 3 ms (reordered)")
    void reorderingLink() { transfer(LINK.withReorder(0.10, Time.ms(3)), Time.s(120)); }

    @Test @Points(2)
    @DisplayName("256 KB each way with 10% of segments delivered twice")
    void duplicatingLink() { transfer(LINK.withDuplicate(0.10), Time.s(120)); }

    @Test @Points(3)
    @DisplayName("256 KB each way through everything at once: loss, duplication, reordering, corruption, jitter")
    void everything() {
        transfer(LINK.withLoss(0.05).withDuplicate(0.05).withReorder(0.05, Time.ms(2)).withCorrupt(0.02).withJitter(Time.ms(1)), Time.s(300));
    }
}
