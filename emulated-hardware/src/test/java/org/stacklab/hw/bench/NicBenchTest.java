package org.stacklab.hw.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark still runs and reports name=value lines (a tiny run, not a measurement). */
class NicBenchTest {
    @Test
    void aSmallRunMovesEveryFrameAndPrintsItsFigures() {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            NicBench.main(new String[] {"--frames", "5000", "--warmup", "0"});
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("frames=5000\n"), out);
        for (String key : new String[] {"wall_s=", "frames_per_sec=", "gbps=", "virtual_gbps=", "rx_interrupts="}) {
            assertTrue(out.contains(key), key + " missing in:\n" + out);
        }
    }
}
