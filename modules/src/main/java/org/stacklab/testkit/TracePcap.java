package org.stacklab.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.Topology;

/**
 * Writes a kernel's packet trace as a classic pcap file (LINKTYPE_ETHERNET, microsecond stamps of
 * the virtual clock) that Wireshark and tcpdump open: {@code tcpdump -nr target/pcap/NAME.pcap}.
 */
public final class TracePcap {
    private TracePcap() {}

    /** Writes the file and returns its path, or null if it could not be written (the test goes on). */
    public static Path write(String name, List<PacketTrace.Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le32(out, 0xa1b2c3d4);
        le16(out, 2);
        le16(out, 4);
        le32(out, 0);
        le32(out, 0);
        le32(out, 65535);
        le32(out, 1);
        for (PacketTrace.Entry e : entries) {
            le32(out, (int) (e.time() / 1_000_000_000L));
            le32(out, (int) ((e.time() / 1000) % 1_000_000));
            le32(out, e.frame().length);
            le32(out, e.frame().length);
            out.write(e.frame(), 0, e.frame().length);
        }
        try {
            Path dir = Path.of("target", "pcap");
            Files.createDirectories(dir);
            Path p = dir.resolve(name + ".pcap");
            Files.write(p, out.toByteArray());
            return p.toAbsolutePath();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes each host's frames of {@code t} as {@code NAME-HOST.pcap} and lists the paths written,
     * one line {@code "  pcap of HOST's frames: PATH"} each, for a failure message.
     */
    public static String writeEach(String name, Topology t) {
        StringBuilder sb = new StringBuilder();
        for (Host h : t.hosts()) {
            Path p = write(name + "-" + h.name(), h.kernel().trace().entries());
            if (p != null) sb.append("  pcap of ").append(h.name()).append("'s frames: ").append(p).append('\n');
        }
        return sb.toString();
    }

    private static void le16(ByteArrayOutputStream o, int v) {
        o.write(v);
        o.write(v >>> 8);
    }

    private static void le32(ByteArrayOutputStream o, int v) {
        le16(o, v);
        le16(o, v >>> 16);
    }
}
