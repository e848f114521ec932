package org.stacklab.labs.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.grader.Visibility;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.scenario.Frames;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.Ping;
import org.stacklab.sim.Time;

/** Staff-only checks for lab 2. */
class HiddenIpTest {
    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: 1400-byte pings across the router, ten in a row")
    void bigPingsAcrossTheRouter() {
        IpRig rig = IpRig.routed(911);
        for (int i = 0; i < 10; i++) {
            Ping.Result r = Ping.once(rig.host("h1"), "10.0.2.1", i, 1400, 0, Time.s(1));
            int at = i;
            assertNotNull(r, () -> "ping " + at + rig.explain());
            assertTrue(r.isEchoReply(), () -> r + rig.explain());
            assertEquals(8 + 1400, r.message().length, () -> rig.explain());
        }
        assertEquals(List.of(), rig.t.oopses(), () -> rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: a datagram with a 4-byte IP option (IHL 6) is delivered with its payload intact")
    void ipOptions() {
        IpRig rig = IpRig.wired(912);
        Host h2 = rig.host("h2");
        Sock s = IpRig.udpBound(h2, 7);
        byte[] plain = Frames.udp(h2.nic("eth0").macAddress(), IpRig.WIRE_MAC, Ip4.parse("10.0.0.1"), 5000, Ip4.parse("10.0.0.2"), 7,
                "options".getBytes(StandardCharsets.US_ASCII));
        byte[] f = new byte[plain.length + 4];
        System.arraycopy(plain, 0, f, 0, 34);
        f[34] = 1; f[35] = 1; f[36] = 1; f[37] = 0;   // NOP NOP NOP EOL
        System.arraycopy(plain, 34, f, 38, plain.length - 34);
        f[14] = 0x46;
        Frames.put16(f, 16, Frames.get16(plain, 16) + 4);
        Frames.put16(f, 24, 0);
        Frames.put16(f, 24, Checksum.compute(f, 14, 24));
        rig.wire.send(f);
        rig.run(Time.ms(1));
        assertEquals(List.of("options"), IpRig.drain(s), () -> rig.explain());
    }
}
