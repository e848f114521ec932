package org.stacklab.testkit.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stacklab.hw.pcap.PcapWriter;
import org.stacklab.kernel.core.Checksum;

/**
 * Writes the segments a test saw as a pcap file (Ethernet + IPv4 + TCP, stamped with the virtual
 * clock) that {@code tcpdump -nr FILE} and Wireshark open. The test IP layer carries bare TCP
 * segments, so the IPv4 and Ethernet headers are made up here: addresses as recorded, TTL 64.
 */
public final class SegmentPcap {
    private SegmentPcap() {}

    /** Writes {@code target/pcap/NAME.pcap}; returns its path, or null if it could not be written. */
    public static Path write(String name, List<WireSegment> segments) {
        if (segments.isEmpty()) return null;
        try {
            Path dir = Path.of("target", "pcap");
            Files.createDirectories(dir);
            Path p = dir.resolve(name + ".pcap");
            try (OutputStream os = Files.newOutputStream(p); PcapWriter w = new PcapWriter(os)) {
                for (WireSegment s : segments) w.write(s.time, frame(s));
            }
            return p.toAbsolutePath();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] frame(WireSegment s) {
        byte[] f = new byte[14 + 20 + s.bytes.length];
        f[5] = (byte) (s.daddr & 0xff);                  // 02:00:00:00:00:xx, xx = the host part
        f[0] = 2;
        f[11] = (byte) (s.saddr & 0xff);
        f[6] = 2;
        f[12] = 0x08;                                     // EtherType IPv4
        int ip = 14;
        f[ip] = 0x45;
        int total = 20 + s.bytes.length;
        f[ip + 2] = (byte) (total >>> 8);
        f[ip + 3] = (byte) total;
        f[ip + 8] = 64;
        f[ip + 9] = 6;                                    // TCP
        for (int i = 0; i < 4; i++) {
            f[ip + 12 + i] = (byte) (s.saddr >>> (24 - 8 * i));
            f[ip + 16 + i] = (byte) (s.daddr >>> (24 - 8 * i));
        }
        int csum = Checksum.compute(f, ip, 20);
        f[ip + 10] = (byte) (csum >>> 8);
        f[ip + 11] = (byte) csum;
        System.arraycopy(s.bytes, 0, f, ip + 20, s.bytes.length);
        return f;
    }
}
