package org.stacklab.labs.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.grader.Points;
import org.stacklab.sim.Time;
import org.stacklab.syscall.Processes;
import org.stacklab.syscall.Task;

/** The TCP line-echo server, driven by the tests' own client (LineClient) through syscalls. */
class TcpLineEchoTest {
    AppsRig rig;

    /** Processes still blocked (a failing test) are killed, so their threads end. */
    @AfterEach
    void stop(TestInfo info) {
        if (rig != null) rig.finish(info);
    }

    Task client(AppsRig rig, String... steps) {
        String[] args = new String[steps.length + 2];
        args[0] = "10.0.0.2";
        args[1] = "7";
        System.arraycopy(steps, 0, args, 2, steps.length);
        return rig.spawn(rig.h1, "line-client", new LineClient(), args);
    }

    @Test @Points(2)
    @DisplayName("a client's lines come back, and at its EOF the server closes the connection")
    void echoesLines() {
        rig = new AppsRig(1101);
        Task server = rig.start(rig.h2, "tcp-server", "7", "1");
        rig.run(Time.ms(1));
        Task c = client(rig, "hello\\n", "world\\n");
        assertTrue(rig.runToExit(), () -> "the client waits for EOF after its own: the server must close" + rig.explain());
        assertEquals("hello\nworld\n", c.stdout(), () -> rig.explain());
        assertEquals(0, server.exitStatus(), () -> rig.explain());
    }

    @Test @Points(2)
    @DisplayName("TCP is a byte stream: a line sent in pieces comes back only once it is complete, and whole")
    void linesAcrossSegments() {
        rig = new AppsRig(1102);
        rig.start(rig.h2, "tcp-server", "7", "1");
        rig.run(Time.ms(1));
        Task c = client(rig, "hel", "@50", "?", "lo\\nwor", "@50", "?", "ld\\n");
        assertTrue(rig.runToExit(), () -> rig.explain());
        assertEquals("[none][got:hello\n]world\n", c.stdout(), () -> "'hel' alone is no line; 'hello\\n' is" + rig.explain());
    }

    @Test @Points(2)
    @DisplayName("two clients at once: the second is served while the first is still connected")
    void concurrentClients() {
        rig = new AppsRig(1103);
        Task server = rig.start(rig.h2, "tcp-server", "7", "2");
        rig.run(Time.ms(1));
        Task slow = client(rig, "first\\n", "@200", "again\\n");
        rig.run(Time.ms(10));
        Task quick = client(rig, "second\\n");
        rig.run(Time.ms(100));
        assertTrue(quick.exited(), () -> "the second client must not wait for the first to finish" + rig.explain());
        assertEquals("second\n", quick.stdout(), () -> rig.explain());
        assertTrue(rig.runToExit(), () -> rig.explain());
        assertEquals("first\nagain\n", slow.stdout(), () -> rig.explain());
        assertEquals(0, server.exitStatus(), () -> rig.explain());
    }

    @Test @Points(1)
    @DisplayName("at EOF the unfinished last line (no newline) is sent back before the close")
    void partialLineAtEof() {
        rig = new AppsRig(1104);
        rig.start(rig.h2, "tcp-server", "7", "1");
        rig.run(Time.ms(1));
        Task c = client(rig, "full\\n", "tail");
        assertTrue(rig.runToExit(), () -> rig.explain());
        assertEquals("full\ntail", c.stdout(), () -> rig.explain());
    }

    @Test @Points(1)
    @DisplayName("after COUNT clients the server exits and its port is closed: a new client is refused")
    void exitsAfterCount() {
        rig = new AppsRig(1105);
        Task server = rig.start(rig.h2, "tcp-server", "7", "1");
        rig.run(Time.ms(1));
        client(rig, "x\\n");
        assertTrue(rig.runToExit(), () -> rig.explain());
        assertEquals(0, server.exitStatus(), () -> rig.explain());
        assertEquals(List.of(), Processes.on(rig.h2.kernel()).tasks(), () -> rig.explain());
        Task late = client(rig, "y\\n");
        assertTrue(rig.runToExit(), () -> rig.explain());
        assertEquals(1, late.exitStatus(), () -> rig.explain());
        assertTrue(late.stderr().contains("Connection refused"), () -> late.stderr() + rig.explain());
    }
}
