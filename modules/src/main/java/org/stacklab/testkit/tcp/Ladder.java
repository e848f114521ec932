package org.stacklab.testkit.tcp;

import java.util.List;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.tcp.TcpFlags;
import org.stacklab.kernel.tcp.TcpHeader;
import org.stacklab.sim.Time;

/**
 * Draws segments as the packet ladder of a connection, left host to right host:
 * <pre>
 *      time     10.0.0.1                                   10.0.0.2
 *  0.000000     |  -- S seq 3911 win 65535 mss 1460 -->      |
 *  0.000500     |  <-- S. seq 7702 ack 3912 win 65535 ------ |
 * </pre>
 */
public final class Ladder {
    private Ladder() {}

    private static final int WIDTH = 70;

    /** The ladder of {@code segments}, with {@code left} drawn on the left; the last {@code max} lines. */
    public static String draw(List<WireSegment> segments, int left, int max) {
        StringBuilder sb = new StringBuilder();
        int right = 0;
        for (WireSegment w : segments) {
            if (w.saddr != left) { right = w.saddr; break; }
            if (w.daddr != left) { right = w.daddr; break; }
        }
        sb.append(String.format("%12s  %-15s%" + (WIDTH - 13) + "s%n", "time", Ip4.format(left), Ip4.format(right)));
        int from = Math.max(0, segments.size() - max);
        if (from > 0) sb.append(String.format("%12s  ... %d earlier segments%n", "", from));
        for (int i = from; i < segments.size(); i++) {
            WireSegment w = segments.get(i);
            boolean rightward = w.saddr == left;
            String label = label(w);
            int room = WIDTH - 6;
            if (label.length() > room - 6) label = label.substring(0, room - 6);
            String body;
            if (rightward) body = "-- " + label + " " + "-".repeat(Math.max(1, room - label.length() - 5)) + ">";
            else body = "<" + "-".repeat(Math.max(1, room - label.length() - 5)) + " " + label + " --";
            sb.append(String.format("%12s  | %s |%s%n", Time.format(w.time), body,
                    w.note().isEmpty() ? "" : "  " + w.note()));
        }
        return sb.toString();
    }

    static String label(WireSegment w) {
        TcpHeader h = w.header();
        if (h == null) return "(garbled)";
        StringBuilder sb = new StringBuilder(TcpFlags.tcpdump(h.flags()));
        int len = w.dataLength();
        if (h.syn() || h.rst() || len > 0 || h.fin() || !h.hasAck()) sb.append(" seq ").append(Integer.toUnsignedString(h.seq()));
        if (len > 0) sb.append(':').append(Integer.toUnsignedString(h.seq() + len));
        if (h.hasAck()) sb.append(" ack ").append(Integer.toUnsignedString(h.ack()));
        sb.append(" win ").append(h.window());
        if (h.mss() >= 0) sb.append(" mss ").append(h.mss());
        return sb.toString();
    }
}
