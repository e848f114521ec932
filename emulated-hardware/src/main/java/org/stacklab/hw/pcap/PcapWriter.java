package org.stacklab.hw.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the classic libpcap format (magic 0xa1b2c3d4, version 2.4, microsecond timestamps,
 * LINKTYPE_ETHERNET) that tcpdump and Wireshark read. Timestamps are the scenario's virtual time, so
 * a capture of a replayed run is byte-for-byte the same file.
 */
public final class PcapWriter implements Closeable {
    public static final int MAGIC = 0xa1b2c3d4;
    public static final int VERSION_MAJOR = 2;
    public static final int VERSION_MINOR = 4;
    public static final int SNAPLEN = 65535;
    public static final int LINKTYPE_ETHERNET = 1;

    private final OutputStream out;
    private final byte[] header = new byte[16];
    private long records;

    /** Writes the file header to {@code out}; records follow. */
    public PcapWriter(OutputStream out) {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        byte[] h = new byte[24];
        putLe32(h, 0, MAGIC);
        putLe16(h, 4, VERSION_MAJOR);
        putLe16(h, 6, VERSION_MINOR);
        putLe32(h, 8, 0);   // thiszone: timestamps are UTC (virtual)
        putLe32(h, 12, 0);  // sigfigs
        putLe32(h, 16, SNAPLEN);
        putLe32(h, 20, LINKTYPE_ETHERNET);
        write(h, 0, h.length);
    }

    /** Creates (or truncates) {@code path}. */
    public static PcapWriter open(Path path) {
        try {
            return new PcapWriter(Files.newOutputStream(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create pcap file " + path, e);
        }
    }

    /** Records {@code frame} as seen at virtual time {@code timeNs}. */
    public void write(long timeNs, byte[] frame) { write(timeNs, frame, 0, frame.length); }

    public void write(long timeNs, byte[] frame, int off, int len) {
        long us = timeNs / 1000;
        int caplen = Math.min(len, SNAPLEN);
        putLe32(header, 0, (int) (us / 1_000_000));
        putLe32(header, 4, (int) (us % 1_000_000));
        putLe32(header, 8, caplen);
        putLe32(header, 12, len);
        write(header, 0, 16);
        write(frame, off, caplen);
        records++;
    }

    /** Records written so far. */
    public long records() { return records; }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pcap file", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close pcap file", e);
        }
    }

    private void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pcap file", e);
        }
    }

    private static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    private static void putLe16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }
}
