package org.stacklab.labs.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.grader.Visibility;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;

/** Staff-only checks for lab 3. */
class HiddenUdpTest {
    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: 200 datagrams each way between two sockets, in order, none lost on a clean link")
    void manyDatagrams() {
        UdpRig rig = UdpRig.switched(921);
        Sock a = UdpRig.bound(rig.h1, 5000);
        Sock b = UdpRig.bound(rig.h2, 6000);
        for (int i = 0; i < 200; i++) {
            UdpRig.sendTo(a, "a" + i, "10.0.0.2", 6000);
            UdpRig.sendTo(b, "b" + i, "10.0.0.1", 5000);
            rig.run(20_000);
        }
        rig.settle();
        List<String> atB = UdpRig.drain(b), atA = UdpRig.drain(a);
        assertEquals(200, atB.size(), () -> rig.explain());
        assertEquals(200, atA.size(), () -> rig.explain());
        for (int i = 0; i < 200; i++) assertEquals("a" + i, atB.get(i), () -> rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: two unbound sockets get different ephemeral ports")
    void distinctEphemeralPorts() {
        UdpRig rig = UdpRig.switched(922);
        Sock server = UdpRig.bound(rig.h2, 7);
        UdpRig.sendTo(UdpRig.udp(rig.h1), "1", "10.0.0.2", 7);
        UdpRig.sendTo(UdpRig.udp(rig.h1), "2", "10.0.0.2", 7);
        rig.settle();
        SockAddr[] f1 = new SockAddr[1], f2 = new SockAddr[1];
        UdpRig.recv(server, 8, f1, null);
        UdpRig.recv(server, 8, f2, null);
        assertNotEquals(f1[0].port(), f2[0].port(), () -> rig.explain());
    }
}
