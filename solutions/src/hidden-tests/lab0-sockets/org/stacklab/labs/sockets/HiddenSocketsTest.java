package org.stacklab.labs.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.grader.Visibility;
import org.stacklab.sim.Time;
import org.stacklab.syscall.Task;

/** Staff-only checks for lab 0. */
class HiddenSocketsTest {
    AppsRig rig;

    @AfterEach
    void stop() { if (rig != null) rig.sched.killAll(); }

    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: four UDP clients, five messages each, all answered")
    void manyUdpClients() {
        rig = new AppsRig(1901);
        Task server = rig.start(rig.h2, "udp-server", "7", "20");
        rig.run(Time.ms(1));
        // Resolve ARP first: four datagrams at once to an unresolved neighbour overflow its queue of 3.
        rig.h1.ping("10.0.0.2");
        Task[] clients = new Task[4];
        for (int i = 0; i < 4; i++) clients[i] = rig.start(rig.h1, "udp-client", "10.0.0.2", "7", "c" + i + "a", "c" + i + "b", "c" + i + "c", "c" + i + "d", "c" + i + "e");
        assertTrue(rig.runToExit(), () -> rig.explain());
        for (int i = 0; i < 4; i++) assertEquals("c" + i + "a\nc" + i + "b\nc" + i + "c\nc" + i + "d\nc" + i + "e\n", clients[i].stdout(), () -> rig.explain());
        assertEquals(0, server.exitStatus(), () -> rig.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: three lines in one segment come back as three lines, for five clients one after another")
    void sequentialTcpClients() {
        rig = new AppsRig(1902);
        Task server = rig.start(rig.h2, "tcp-server", "7", "5");
        rig.run(Time.ms(1));
        for (int i = 0; i < 5; i++) {
            Task c = rig.spawn(rig.h1, "line-client", new LineClient(), "10.0.0.2", "7", "a\\nb\\nc\\n");
            rig.sched.runUntil(c::exited, Time.s(5));
            assertEquals("a\nb\nc\n", c.stdout(), () -> rig.explain());
        }
        assertTrue(rig.runToExit(), () -> rig.explain());
        assertEquals(0, server.exitStatus(), () -> rig.explain());
    }
}
