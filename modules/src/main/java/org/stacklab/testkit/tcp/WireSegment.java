package org.stacklab.testkit.tcp;

import org.stacklab.kernel.core.Ip4;
import org.stacklab.sim.Time;
import org.stacklab.kernel.tcp.TcpHeader;

/**
 * One TCP segment as it crossed the (fake) IP layer: when, between which addresses, its bytes
 * (header + data, copied), and what happened to it on the way ({@code note}: lost, duplicated,
 * corrupted, ...). {@link #header()} parses it; tests read {@code seq()}, {@code ack()}, {@code flags()}.
 */
public final class WireSegment {
    public final long time;
    public final String host;
    public final boolean outgoing;
    public final int saddr, daddr;
    public final byte[] bytes;
    private final TcpHeader header;
    String note = "";

    WireSegment(long time, String host, boolean outgoing, int saddr, int daddr, byte[] bytes) {
        this.time = time;
        this.host = host;
        this.outgoing = outgoing;
        this.saddr = saddr;
        this.daddr = daddr;
        this.bytes = bytes;
        this.header = TcpHeader.parse(bytes, 0, bytes.length);
    }

    /** The parsed header, or null if the bytes are not a valid TCP header (a corrupted copy). */
    public TcpHeader header() { return header; }

    public int seq() { return header.seq(); }
    public int ack() { return header.ack(); }
    public int flags() { return header.flags(); }
    public int window() { return header.window(); }
    public int srcPort() { return header.srcPort(); }
    public int dstPort() { return header.dstPort(); }

    public int dataLength() { return header == null ? 0 : bytes.length - header.length(); }

    public byte[] data() {
        byte[] d = new byte[dataLength()];
        System.arraycopy(bytes, bytes.length - d.length, d, 0, d.length);
        return d;
    }

    public String note() { return note; }

    /** tcpdump's line: {@code 0.000100 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 65535, length 0}. */
    public String line() {
        String what = header == null ? "[bad tcp header] length " + bytes.length : header.describe(dataLength());
        return Time.format(time) + " IP " + Ip4.format(saddr) + "." + (header == null ? "?" : header.srcPort()) + " > "
                + Ip4.format(daddr) + "." + (header == null ? "?" : header.dstPort()) + ": " + what
                + (note.isEmpty() ? "" : "   (" + note + ")");
    }

    @Override
    public String toString() { return line(); }
}
