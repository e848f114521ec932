package org.stacklab.labs.tcpflow;

import static org.stacklab.testkit.tcp.Seg.ack;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/**
 * The congestion window as the wire shows it. The test plays a receiver that acknowledges every
 * segment on its own, one round trip after it was sent; a sender limited by cwnd then has exactly
 * cwnd bytes in flight at the start of each round. Every step is kept as a row of a text chart
 * (time, what happened, segments in flight, a bar), which failure messages show.
 */
final class WireCwndTrace {
    private final TcpHarness h;
    private final FlowLab.Conn c;
    private final int mss;
    /** Data segments sent and not yet acknowledged, oldest first. */
    private final List<WireSegment> outstanding = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();
    private long acked;

    WireCwndTrace(TcpHarness h, FlowLab.Conn c, int mss) {
        this.h = h;
        this.c = c;
        this.mss = mss;
    }

    /** A sequence number as a byte offset into our stream. */
    long rel(int seq) { return (seq - (c.iss() + 1)) & 0xffffffffL; }

    /** Takes in what the host sent since the last look; returns how many data segments that was. */
    int collect() {
        int n = 0;
        for (WireSegment w : h.drainSent()) {
            if (w.dataLength() == 0) continue;
            outstanding.add(w);
            n++;
        }
        return n;
    }

    int inFlight() { return outstanding.size(); }

    /** Counts {@code w} as outstanding (a segment collected elsewhere). */
    void outstandingAdd(WireSegment w) { outstanding.add(w); }

    List<WireSegment> outstanding() { return List.copyOf(outstanding); }

    /** The peer acknowledges everything up to byte offset {@code upTo} (cumulative); returns segments sent in answer. */
    int ackUpTo(long upTo, String event) {
        h.receive(ack().seq(c.peer(0)).ack(c.us(upTo)));
        if (upTo > acked) acked = upTo;
        outstanding.removeIf(w -> rel(w.seq()) + w.dataLength() <= acked);
        int sent = collect();
        row(event + (sent > 0 ? " -> sent " + sent : ""));
        return sent;
    }

    /** One round trip: wait {@code rtt}, then acknowledge each outstanding segment on its own; returns segments in flight after. */
    int round(long rtt) {
        h.after(rtt);
        List<WireSegment> now = List.copyOf(outstanding);
        for (WireSegment w : now) {
            h.receive(ack().seq(c.peer(0)).ack(c.us(rel(w.seq()) + w.dataLength())));
            acked = Math.max(acked, rel(w.seq()) + w.dataLength());
            outstanding.removeIf(x -> rel(x.seq()) + x.dataLength() <= acked);
            collect();
        }
        row("acked " + now.size() + " segments one by one");
        return inFlight();
    }

    void row(String event) {
        int n = inFlight();
        rows.add(String.format("  %12s  %-46s %4d  %s", Time.formatMs(h.now()), event, n, "#".repeat(Math.min(n, 100))));
    }

    /** The chart: congestion window (segments in flight, MSS = {@code mss} bytes) over time. */
    String chart() {
        StringBuilder sb = new StringBuilder("\ncwnd over time (segments in flight, MSS " + mss + "):\n");
        sb.append(String.format("  %12s  %-46s %4s%n", "time", "step", "cwnd"));
        for (String r : rows) sb.append(r).append('\n');
        return sb.toString();
    }
}
