package org.stacklab.cli.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.Veth;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;
import org.stacklab.syscall.Processes;
import org.stacklab.syscall.Scheduler;
import org.stacklab.syscall.Task;
import org.stacklab.userland.Programs;

/**
 * {@code stacklab tap --nc} is binary-safe end to end: this process's stdin, the emulated nc, TCP,
 * the peer, and back to this process's stdout, with no UTF-8 decoding anywhere (issue 13, item 5:
 * 1 MiB of random bytes used to arrive as 1.9 MB with U+FFFD). Linux's side is played by a second
 * emulated host running nc -l, so the test needs no TAP and no root.
 */
class TapNcBytesTest {
    /** Random bytes with every kind of invalid UTF-8 planted at the start. */
    static byte[] payload(int n) {
        byte[] b = new byte[n];
        new Random(13).nextBytes(b);
        byte[] bad = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80,
                (byte) 0xe2, (byte) 0x82, 0x00, (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, (byte) 0x80};
        System.arraycopy(bad, 0, b, 0, bad.length);
        b[n - 1] = (byte) 0xc3; // a sequence cut off at the very end
        return b;
    }

    static Kernel boot(EventLoop loop, String name) {
        Kernel k = new Kernel(name, loop, ModuleSet.reference());
        k.insmod("ip");
        k.insmod("tcp");
        return k;
    }

    @Test
    void bytesGoThroughNcUntouchedBothWays() {
        byte[] up = payload(300_000);
        byte[] down = payload(200_000);
        down[5] = 0x55;
        EventLoop loop = EventLoop.virtual(5);
        Kernel client = boot(loop, "h1"), server = boot(loop, "h2");
        Veth.pair(client, "eth0", 0x020000000001L, server, "eth0", 0x020000000002L, Time.us(50));
        client.symbol(IpStack.class).addAddress("eth0", Ip4.parse("10.0.0.1"), 24);
        server.symbol(IpStack.class).addAddress("eth0", Ip4.parse("10.0.0.2"), 24);
        Scheduler sched = Scheduler.of(loop);

        Task listener = Processes.on(server).spawn("nc", Programs.lookup("nc"), new String[] {"nc", "-l", "5000"});
        listener.console().openStdin().type(down, 0, down.length).closeStdin();
        sched.runFor(Time.ms(1));

        Task nc = Processes.on(client).spawn("nc", Programs.lookup("nc"), new String[] {"nc", "10.0.0.2", "5000"});
        nc.console().openStdin();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        TapCommand.echoBytes(nc, new PrintStream(stdout, true));
        // The stdin pump as the tap command runs it, with the loop's post() played by a list.
        List<Runnable> posted = new ArrayList<>();
        TapCommand.pumpStdin(new ByteArrayInputStream(up), posted::add, nc.console());
        posted.forEach(Runnable::run);

        assertTrue(sched.runUntilAllExit(Time.s(60)), "not all exited: " + client.trace().tail(20));
        assertEquals(0, nc.exitStatus(), nc.stderr());
        assertArrayEquals(up, listener.console().stdoutBytes(), "the peer got exactly the bytes of our stdin");
        assertArrayEquals(down, stdout.toByteArray(), "our stdout got exactly the peer's bytes");
    }
}
