package org.stacklab.labs.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.scenario.Ping;
import org.stacklab.sim.Time;

/** ICMP echo (RFC 792): ping's request and reply, over a cable and over lo. */
class IcmpEchoTest {
    IpRig rig;

    @AfterEach
    void healthy(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    @Test @Points(2)
    @DisplayName("the echo reply carries the request's identifier, sequence number and data, with a valid ICMP checksum")
    void echoReplyMirrorsTheRequest() {
        rig = IpRig.switched(501);
        Ping.Result r = Ping.once(rig.host("h1"), "10.0.0.2", 7, 40, 0, Time.s(1));
        assertNotNull(r, () -> "no reply" + rig.explain());
        assertTrue(r.isEchoReply(), () -> r + rig.explain());
        assertEquals(7, r.seq(), () -> "sequence number" + rig.explain());
        assertEquals(8 + 40, r.message().length, () -> "same data length" + rig.explain());
        for (int i = 0; i < 40; i++) {
            int at = i;
            assertEquals((byte) (0x10 + i), r.message()[8 + i], () -> "data byte " + at + rig.explain());
        }
        List<byte[]> replies = IpRig.icmp(rig.host("h2"), true, 0);
        assertEquals(1, replies.size(), () -> rig.explain());
        byte[] f = replies.get(0);
        int icmp = 14 + (f[14] & 0xf) * 4;
        assertEquals(0, Checksum.compute(f, icmp, f.length - icmp), () -> "ICMP checksum over the whole message" + rig.explain());
        assertEquals(Ip4.parse("10.0.0.2"), r.from(), () -> rig.explain());
    }

    @Test @Points(1)
    @DisplayName("ping 127.0.0.1 is answered over the loopback interface")
    void pingLoopback() {
        rig = IpRig.switched(502);
        Ping.Result r = rig.host("h1").ping("127.0.0.1");
        assertNotNull(r, () -> "no reply over lo" + rig.explain());
        assertTrue(r.isEchoReply(), () -> r + rig.explain());
    }
}
