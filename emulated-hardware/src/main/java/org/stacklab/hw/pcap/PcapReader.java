package org.stacklab.hw.pcap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a classic pcap file (either byte order, microsecond or nanosecond magic). Enough to check
 * what {@link PcapWriter} wrote and to replay a capture.
 */
public final class PcapReader {
    private static final int MAGIC_NS = 0xa1b23c4d;

    /** One captured frame: virtual time in ns, the captured bytes and the frame's original length. */
    public record Record(long timeNs, byte[] data, int originalLength) { }

    /** The file's link type and records. */
    public record Capture(int linkType, int snaplen, int versionMajor, int versionMinor, List<Record> records) { }

    private PcapReader() {}

    public static Capture read(Path path) {
        try {
            return read(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pcap file " + path, e);
        }
    }

    public static Capture read(byte[] file) {
        if (file.length < 24) throw new IllegalArgumentException("not a pcap file: " + file.length + " bytes, header needs 24");
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != PcapWriter.MAGIC && magic != MAGIC_NS) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
            if (magic != PcapWriter.MAGIC && magic != MAGIC_NS) {
                throw new IllegalArgumentException(String.format("not a pcap file: magic 0x%08x", b.getInt(0)));
            }
        }
        long fracNs = magic == MAGIC_NS ? 1 : 1000;
        int major = b.getShort(4) & 0xFFFF;
        int minor = b.getShort(6) & 0xFFFF;
        int snaplen = b.getInt(16);
        int linkType = b.getInt(20);
        List<Record> records = new ArrayList<>();
        int pos = 24;
        while (pos + 16 <= file.length) {
            long sec = b.getInt(pos) & 0xFFFF_FFFFL;
            long frac = b.getInt(pos + 4) & 0xFFFF_FFFFL;
            int incl = b.getInt(pos + 8);
            int orig = b.getInt(pos + 12);
            pos += 16;
            if (incl < 0 || pos + incl > file.length) throw new IllegalArgumentException("truncated pcap record at offset " + (pos - 16));
            byte[] data = new byte[incl];
            System.arraycopy(file, pos, data, 0, incl);
            pos += incl;
            records.add(new Record(sec * 1_000_000_000L + frac * fracNs, data, orig));
        }
        if (pos != file.length) throw new IllegalArgumentException("trailing " + (file.length - pos) + " bytes after the last pcap record");
        return new Capture(linkType, snaplen, major, minor, records);
    }
}
