package org.stacklab.hw.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.stacklab.hw.link.LinkEnd;
import org.stacklab.hw.link.Port;
import org.stacklab.sim.EventLoop;

/**
 * The TAP bridge's contract. Opening a real TAP needs root and /dev/net/tun; those tests are
 * skipped elsewhere, saying why. The interface they create has no address and lives only while
 * the test holds it.
 */
class TapBridgeTest {
    static final String NAME = "sltap" + (ProcessHandle.current().pid() % 100_000);

    @Test
    void aVirtualLoopIsRefusedBecauseLinuxLivesInWallTime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TapBridge.open(EventLoop.virtual(1), NAME));
        assertTrue(e.getMessage().contains("real-time"), e.getMessage());
    }

    @Test
    void aBadNameIsOneLineSayingWhatIsAllowed() {
        TapException e = assertThrows(TapException.class,
                () -> TapBridge.open(EventLoop.realTime(1), "a-name-far-too-long"));
        assertEquals(TapException.Reason.BAD_NAME, e.reason());
        assertTrue(e.getMessage().contains("1 to 15"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void netemSpecReadsTcWords() {
        Netem.Spec s = Netem.Spec.parse("loss 5% reorder 10% delay 5ms");
        assertEquals(0.05, s.loss(), 1e-9);
        assertEquals(0.10, s.reorder(), 1e-9);
        assertEquals(5_000_000L, s.delayNs());
        assertEquals("loss 5% reorder 10% delay 5ms", s.toString());
        assertThrows(IllegalArgumentException.class, () -> Netem.Spec.parse("delay 5"));
    }

    @Test
    void opensTheTapAndClosingRemovesIt() throws Exception {
        assumeRootAndTun();
        EventLoop loop = EventLoop.realTime(1);
        RecordingPort port = new RecordingPort();
        TapBridge bridge = TapBridge.open(loop, NAME);
        try {
            assertEquals(NAME, bridge.ifname());
            assertTrue(Files.exists(Path.of("/sys/class/net", NAME)), "the TAP exists while the bridge holds it");
            bridge.connect(port);
            assertTrue(port.link == bridge, "the port got carrier through the bridge");

            TapException busy = assertThrows(TapException.class, () -> TapBridge.open(loop, NAME));
            assertEquals(TapException.Reason.BUSY, busy.reason(), busy.getMessage());

            // The Linux side is down (no one ran ip link set up): Linux refuses the frame, counted, no exception.
            byte[] frame = new byte[60];
            java.util.Arrays.fill(frame, 0, 6, (byte) 0xff);
            bridge.transmit(frame);
            assertEquals(1, bridge.counters().txFrames() + bridge.counters().txErrors());
            assertEquals(0, bridge.counters().oversize());
            bridge.transmit(new byte[TapBridge.MAX_FRAME + 1]);
            assertEquals(1, bridge.counters().oversize());
        } finally {
            bridge.close();
        }
        assertTrue(port.unplugged, "closing pulls the cable");
        assertFalse(Files.exists(Path.of("/sys/class/net", NAME)), "a TAP the bridge created goes away with it");
        bridge.close(); // idempotent
    }

    static void assumeRootAndTun() {
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun on this machine");
        assumeTrue(isRoot(), "not root: opening a TAP needs CAP_NET_ADMIN");
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return line.split("\\s+")[2].equals("0"); // effective uid
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }

    static final class RecordingPort implements Port {
        LinkEnd link;
        boolean unplugged;

        @Override public String name() { return "test-port"; }
        @Override public void plugged(LinkEnd l) { link = l; }
        @Override public void unplugged() { unplugged = true; }
        @Override public void receive(byte[] frame) { }
    }
}
