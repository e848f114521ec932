package org.stacklab.labs.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.scenario.Frames;

/** Nobody on the port: ICMP port unreachable (RFC 1122 §4.1.3.1) and what the sender's socket makes of it. */
class PortUnreachableTest {
    UdpRig rig;

    @AfterEach
    void healthy(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    @Test @Points(2)
    @DisplayName("a datagram to a closed port is answered with ICMP port unreachable quoting it, and counted as NoPorts")
    void icmpPortUnreachable() {
        rig = UdpRig.wired(801);
        rig.wire.send(rig.fromWire(5000, 4444, "anyone?"));
        rig.settle();
        byte[] icmp = rig.wire.frames.stream().filter(f -> UdpRig.isIcmp(f, 3, 3)).findFirst().orElse(null);
        assertTrue(icmp != null, () -> "expected ICMP type 3 code 3 back on the wire" + rig.explain());
        int quoted = 14 + 20 + 8;
        assertEquals(0x45, icmp[quoted] & 0xff, () -> "the ICMP message quotes the datagram's IP header" + rig.explain());
        assertEquals(4444, Frames.get16(icmp, quoted + 20 + 2), () -> "and its UDP header (destination port)" + rig.explain());
        assertEquals(1, rig.counter(rig.h2, "NoPorts"), () -> rig.explain());
        assertEquals(1, UdpRig.drops(rig.h2, org.stacklab.kernel.udp.UdpDropReason.NO_SOCKET), () -> "dropped with kernel.drop(NO_SOCKET)" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("a connected socket's next call after port unreachable fails with ECONNREFUSED, then works again")
    void econnrefused() {
        rig = UdpRig.switched(802);
        Sock client = UdpRig.udp(rig.h1);
        assertEquals(0, client.connect(SockAddr.of("10.0.0.2", 4444)), () -> rig.explain());
        UdpRig.send(client, "hello?");
        rig.settle();
        int[] err = new int[1];
        UdpRig.recv(client, 64, null, err);
        assertEquals(Errno.ECONNREFUSED.neg(), err[0], () -> "the ICMP error becomes the socket's pending error" + rig.explain());
        UdpRig.recv(client, 64, null, err);
        assertEquals(Errno.EAGAIN.neg(), err[0], () -> "reported once, then cleared" + rig.explain());
    }

    @Test @Points(1)
    @DisplayName("an unconnected socket is not told (Linux without IP_RECVERR): sendto keeps working")
    void unconnectedNotTold() {
        rig = UdpRig.switched(803);
        Sock client = UdpRig.udp(rig.h1);
        UdpRig.sendTo(client, "hello?", "10.0.0.2", 4444);
        rig.settle();
        int[] err = new int[1];
        UdpRig.recv(client, 64, null, err);
        assertEquals(Errno.EAGAIN.neg(), err[0], () -> rig.explain());
        assertEquals(6, UdpRig.sendTo(client, "again!", "10.0.0.2", 4444), () -> rig.explain());
    }

    @Test @Points(1)
    @DisplayName("counters: OutDatagrams on the sender, InDatagrams on the receiver")
    void counters() {
        rig = UdpRig.switched(804);
        Sock server = UdpRig.bound(rig.h2, 7);
        Sock client = UdpRig.udp(rig.h1);
        for (int i = 0; i < 3; i++) UdpRig.sendTo(client, "n" + i, "10.0.0.2", 7);
        rig.settle();
        assertEquals(3, UdpRig.drain(server).size(), () -> rig.explain());
        assertEquals(3, rig.counter(rig.h1, "OutDatagrams"), () -> rig.explain());
        assertEquals(3, rig.counter(rig.h2, "InDatagrams"), () -> rig.explain());
    }
}
