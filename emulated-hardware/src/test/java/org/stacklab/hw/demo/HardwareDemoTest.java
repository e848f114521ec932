package org.stacklab.hw.demo;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.hw.pcap.PcapReader;

class HardwareDemoTest {
    @TempDir Path dir;

    private static String run(long seed, Path pcap) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        HardwareDemo.run(new PrintStream(buf, true, StandardCharsets.UTF_8), seed, pcap);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSwitchFloodsFirstThenForwardsOnlyToTheLearnedPort() {
        String out = run(1, null);
        assertTrue(out.contains("h2 rx  52:54:00:00:00:01 > ff:ff:ff:ff:ff:ff"), out);
        assertTrue(out.contains("h3 rx  52:54:00:00:00:01 > ff:ff:ff:ff:ff:ff"), out);
        assertTrue(out.contains("h2 rx  52:54:00:00:00:01 > 52:54:00:00:00:02, ethertype 0x88b5, length 60: \"frame 2 for h2\""), out);
        assertFalse(out.contains("h3 rx  52:54:00:00:00:01 > 52:54:00:00:00:02"), "h3 must not see unicast for h2:\n" + out);
        assertEquals(out, run(1, null), "the demo is deterministic");
    }

    @Test
    void writesAPcapOfH1sPort() {
        Path file = dir.resolve("demo.pcap");
        String out = run(1, file);
        assertTrue(out.contains("wrote 6 frames"), out);
        assertEquals(6, PcapReader.read(file).records().size());
    }
}
