package org.stacklab.syscall;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A terminal carries bytes: invalid UTF-8 goes in and comes out unchanged (issue 13, item 5). */
class ConsoleBytesTest {
    static byte[] randomWithInvalidUtf8() {
        byte[] b = new byte[70_000];
        new Random(5).nextBytes(b);
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xc3; b[2] = 0x28;                       // a lead byte without its continuation
        b[3] = (byte) 0xed; b[4] = (byte) 0xa0; b[5] = (byte) 0x80; // an encoded surrogate
        b[b.length - 1] = (byte) 0xe2;                          // cut off at the end
        return b;
    }

    @Test
    void stdinDeliversTypedBytesExactly() {
        byte[] in = randomWithInvalidUtf8();
        Console c = new Console().openStdin().type(in, 0, 40_000).type(in, 40_000, in.length - 40_000);
        c.closeStdin();
        OpenFile f = c.stdinFile();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = f.read(buf, 0, buf.length)) > 0) got.write(buf, 0, n);
        assertEquals(0, n, "end of file after the last byte");
        assertArrayEquals(in, got.toByteArray());
    }

    @Test
    void stdoutKeepsAndPassesOnWrittenBytesExactly() {
        byte[] out = randomWithInvalidUtf8();
        Console c = new Console();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        c.onStdoutBytes(seen::write);
        OpenFile f = c.outputFile(false);
        for (int off = 0; off < out.length; off += 1000) f.write(out, off, Math.min(1000, out.length - off));
        assertArrayEquals(out, c.stdoutBytes());
        assertArrayEquals(out, seen.toByteArray());
    }

    @Test
    void discardOutputKeepsNoCopyButListenersSeeEverything() {
        Console c = new Console().discardOutput();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        c.onStdoutBytes(seen::write);
        c.outputFile(false).write(new byte[] {1, 2, (byte) 0xff}, 0, 3);
        assertEquals(0, c.stdoutBytes().length);
        assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, seen.toByteArray());
    }
}
