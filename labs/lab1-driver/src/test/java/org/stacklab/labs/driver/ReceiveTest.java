package org.stacklab.labs.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.hw.bus.e1000.E1000Regs.RDH;
import static org.stacklab.hw.bus.e1000.E1000Regs.RDT;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.sim.Time;

/** Receive: frames up the stack, RDT refill, the ring going round. */
class ReceiveTest {
    DriverRig rig;

    @AfterEach
    void healthy(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    @Test @Points(2)
    @DisplayName("20 frames from the wire reach the stack in order, byte for byte, and are counted")
    void framesReachTheStack() {
        rig = new DriverRig(20);
        rig.inject(0, 20, 128);
        rig.run(Time.ms(1));
        assertEquals(20, rig.received.size(), () -> "frames handed to nic.receive()" + rig.explain());
        for (int i = 0; i < 20; i++) {
            int at = i;
            assertArrayEquals(DriverRig.frame(rig.nic().macAddress(), DriverRig.PEER_MAC, i, 128), rig.received.get(i), () ->
                    "frame " + at + " differs (length from the descriptor? buffer of the right descriptor?)" + rig.explain());
        }
        assertEquals(20, rig.dev().stats().rxPackets, () -> rig.explain());
    }

    @Test @Points(2)
    @DisplayName("refill: after 5 frames RDH = 5 and RDT = 4 (the last descriptor cleaned, given back)")
    void rdtFollowsTheCleanedDescriptors() {
        rig = new DriverRig(21);
        rig.injectPaced(5, 64, Time.us(100));
        assertEquals(5, rig.received.size(), () -> rig.explain());
        assertEquals(5, rig.reg(RDH), () -> rig.explain());
        assertEquals(4, rig.reg(RDT), () -> "RDT = index of the last descriptor cleaned, so one stays held back" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("an 8-descriptor ring goes round 12 times: DD cleared, every frame received")
    void ringWrapsManyTimes() {
        rig = new DriverRig(22, LinkSpec.gigabit(), k -> k.sysctl().set("e1000.RxDescriptors", 8));
        rig.injectPaced(100, 64, Time.us(20));
        rig.run(Time.ms(1));
        assertEquals(100, rig.received.size(), () -> "a stale DD or a missing refill loses or repeats frames" + rig.explain());
        for (int i = 0; i < 100; i++) {
            int at = i;
            assertEquals(i, DriverRig.seqOf(rig.received.get(i)), () -> "frame " + at + rig.explain());
        }
    }

    @Test @Points(2)
    @DisplayName("an overrun (ring full while interrupts wait) loses frames but never the host: it receives again after")
    void overrunRecovers() {
        rig = new DriverRig(23, LinkSpec.gigabit(), k -> k.sysctl().set("e1000.RxDescriptors", 8));
        rig.dev().ops().setInterruptModeration(rig.dev(), 2000);
        rig.inject(0, 1, 64);
        rig.run(Time.us(50));
        rig.inject(1, 200, 64);
        rig.run(Time.ms(10));
        int before = rig.received.size();
        assertTrue(before >= 7 && before < 201, () -> "received " + before + " of 201 through an 8-descriptor ring" + rig.explain());
        rig.received.clear();
        rig.inject(1000, 3, 64);
        rig.run(Time.ms(10));
        assertEquals(3, rig.received.size(), () -> "after the overrun the ring must work again" + rig.explain());
    }
}
