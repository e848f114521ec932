package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.hw.pcap.PcapReader;

class KernelDemoTest {
    static String run(long seed, Path pcap) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        KernelDemo.run(new PrintStream(b, true, StandardCharsets.UTF_8), seed, pcap);
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDemoShowsArpPingLoopbackNapiAndTheRouter(@TempDir Path dir) {
        Path pcap = dir.resolve("demo.pcap");
        String out = run(42, pcap);
        assertTrue(out.contains("h1 eth0 Out ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28"), out);
        assertTrue(out.contains("64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time="), out);
        assertTrue(out.contains("64 bytes from 127.0.0.1: icmp_seq=1"), out);
        assertTrue(out.contains("(eth0 sent 0 frames meanwhile)"), out);
        assertTrue(out.contains("500 packets transmitted, 500 received"), out);
        assertTrue(out.matches("(?s).*h2 eth0: 500 frames in \\d+ polls \\(at most (6[0-4]|[1-5]?\\d) each\\), \\d{1,2} interrupts.*"), out);
        assertTrue(out.contains("From 10.0.1.254 icmp_seq=1 Time to live exceeded"), out);
        assertTrue(out.contains("ICMP time exceeded in-transit"), out);
        assertTrue(!out.contains("bad cksum"), out);
        assertTrue(PcapReader.read(pcap).records().size() > 1000, "h1's cable captured");
        assertEquals(out, run(42, pcap), "the demo is deterministic");
    }
}
