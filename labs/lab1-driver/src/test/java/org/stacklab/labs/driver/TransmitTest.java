package org.stacklab.labs.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.hw.bus.e1000.E1000Regs.TDT;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.sim.Time;

/** Transmit: frames on the wire, the tail register, a full ring. */
class TransmitTest {
    DriverRig rig;

    @AfterEach
    void healthy(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    @Test @Points(2)
    @DisplayName("one frame reaches the wire byte for byte, and TDT moves to 1")
    void oneFrameOnTheWire() {
        rig = new DriverRig(10);
        rig.send(1, 100);
        rig.run(Time.ms(1));
        assertEquals(1, rig.wire.frames.size(), () -> "one frame should be on the wire" + rig.explain());
        assertArrayEquals(DriverRig.frame(DriverRig.PEER_MAC, rig.dev().mac(), 0, 100), rig.wire.frames.get(0),() ->
                "the frame on the wire differs from the one sent" + rig.explain());
        assertEquals(1, rig.reg(TDT), () -> "TDT points at the next free descriptor" + rig.explain());
        assertEquals(1, rig.dev().stats().txPackets, () -> rig.explain());
    }

    @Test @Points(2)
    @DisplayName("50 frames through an 8-descriptor ring: in order, TDT wraps to 50 % 8")
    void tailWrapsAround() {
        rig = new DriverRig(11, LinkSpec.gigabit(), k -> k.sysctl().set("e1000.TxDescriptors", 8));
        for (int i = 0; i < 50; i++) {
            rig.send(i, 1, 200);
            rig.run(Time.us(20));
        }
        assertEquals(50, rig.wire.frames.size(), () -> rig.explain());
        for (int i = 0; i < 50; i++) {
            int at = i;
            assertEquals(i, DriverRig.seqOf(rig.wire.frames.get(i)), () -> "frame " + at + " out of order" + rig.explain());
        }
        assertEquals(50 % 8, rig.reg(TDT), () -> "TDT advances by one per frame, modulo the ring size" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("a 20-byte runt leaves padded to the 60-byte minimum (TCTL.PSP), payload intact")
    void runtsArePadded() {
        rig = new DriverRig(12);
        rig.send(1, 20);
        rig.run(Time.ms(1));
        assertEquals(1, rig.wire.frames.size(), () -> rig.explain());
        assertEquals(60, rig.wire.frames.get(0).length, () -> rig.explain());
        assertEquals(0, DriverRig.seqOf(rig.wire.frames.get(0)), () -> rig.explain());
    }

    @Test @Points(3)
    @DisplayName("a full TX ring stops the queue; the frames wait, then all 100 leave in order and the queue wakes")
    void fullRingStopsTheQueue() {
        rig = new DriverRig(13, LinkSpec.fastEthernet().withBandwidth(10_000_000), k -> k.sysctl().set("e1000.TxDescriptors", 8));
        NetDevice eth0 = rig.dev();
        rig.send(100, 1000);
        assertTrue(eth0.isQueueStopped(), () -> "with 8 descriptors and 100 frames the queue must be stopped" + rig.explain());
        assertTrue(eth0.qdiscLength() >= 100 - 8, () -> "at most N-1 frames on the ring, the rest wait in the qdisc: "
                + eth0.qdiscLength() + rig.explain());
        rig.run(Time.ms(200));
        assertEquals(100, rig.wire.frames.size(), () -> "every frame must leave once descriptors are reclaimed" + rig.explain());
        for (int i = 0; i < 100; i++) {
            int at = i;
            assertEquals(i, DriverRig.seqOf(rig.wire.frames.get(i)), () -> "frame " + at + rig.explain());
        }
        assertFalse(eth0.isQueueStopped(), () -> "reclaim must wake the queue" + rig.explain());
        assertEquals(0, eth0.stats().txDropped, () -> rig.explain());
    }

    @Test @Points(1)
    @DisplayName("a frame longer than MTU + 14 is dropped and counted, never handed to the NIC")
    void oversizeIsDropped() {
        rig = new DriverRig(14);
        rig.send(1, 1515);
        rig.send(1, 1, 100);
        rig.run(Time.ms(1));
        assertEquals(1, rig.wire.frames.size(), () -> "only the normal frame goes out" + rig.explain());
        assertEquals(1, DriverRig.seqOf(rig.wire.frames.get(0)), () -> rig.explain());
        assertEquals(1, rig.dev().stats().txDropped, () -> rig.explain());
    }
}
