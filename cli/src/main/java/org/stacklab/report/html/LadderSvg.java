package org.stacklab.report.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.TcpdumpFormat;
import org.stacklab.report.html.PacketLadder.Arrow;
import org.stacklab.report.html.PacketLadder.Kind;
import org.stacklab.report.html.PacketLadder.StateChange;

/**
 * Draws a {@link PacketLadder} as inline SVG: the course text's handshake diagram, made from a real
 * trace. Time goes down; the left host's line is on the left, the right host's on the right.
 *
 * <p>The vertical axis is <em>ordinal</em>: every send and every arrival gets its own row, in time
 * order, and the row is labelled with its tcpdump timestamp on that host's side. A linear time scale
 * would squash a 20 µs handshake into one pixel next to a 10 ms pause; rows keep every arrow
 * readable, and a pause longer than {@link #GAP_NS} is drawn as a break in the host lines with its
 * length written in it. An arrow runs from the row where it left to the row where it arrived, so
 * segments in flight together cross, as they do on the wire.
 */
public final class LadderSvg {
    /** A pause longer than this between two rows is drawn as a break in the time axis. */
    static final long GAP_NS = 1_000_000;

    static final double WIDTH = 1000, LEFT = 215, RIGHT = 785, ROW = 26, TOP = 86, GAP = 30;

    private LadderSvg() {}

    /** The ladder as one {@code <svg>} element (no namespace attribute: it is meant to sit inline in HTML). */
    public static String draw(PacketLadder ladder) {
        // One row per event: the send of each arrow and its arrival (a lost frame has none).
        record Event(long time, int order, Arrow arrow, boolean send) {}
        List<Arrow> arrows = ladder.arrows();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < arrows.size(); i++) {
            Arrow a = arrows.get(i);
            events.add(new Event(a.sendTime(), 2 * i, a, true));
            if (a.arrived()) events.add(new Event(a.recvTime(), 2 * i + 1, a, false));
        }
        events.sort(Comparator.comparingLong(Event::time).thenComparingInt(Event::order));

        StringBuilder body = new StringBuilder();
        StringBuilder axis = new StringBuilder();
        Map<Arrow, Double> sendY = new HashMap<>(), recvY = new HashMap<>();
        List<double[]> gaps = new ArrayList<>();
        double y = TOP + (ladder.initialLeft() != null ? ROW : 0);
        long prev = Long.MIN_VALUE;
        for (Event e : events) {
            if (prev != Long.MIN_VALUE && e.time() - prev > GAP_NS) {
                gaps.add(new double[] {y - ROW / 2 + 4, y + GAP - ROW / 2 - 4});
                axis.append(Svg.text((LEFT + RIGHT) / 2, y + GAP / 2 - ROW / 2 + 4, "gap", "middle",
                        "\u22ee  " + duration(e.time() - prev) + " later  \u22ee"));
                y += GAP;
            }
            prev = e.time();
            boolean leftSide = e.send() == e.arrow().rightward();
            (e.send() ? sendY : recvY).put(e.arrow(), y);
            String ts = TcpdumpFormat.timestamp(e.time());
            axis.append(leftSide ? Svg.text(LEFT - 140, y + 4, "time", "end", ts)
                    : Svg.text(RIGHT + 140, y + 4, "time", "start", ts));
            axis.append(Svg.line(leftSide ? LEFT - 4 : RIGHT, y, leftSide ? LEFT : RIGHT + 4, y, "tick"));
            y += ROW;
        }
        double bottom = y;

        // Host lines, broken where time was skipped.
        double from = TOP - 12;
        StringBuilder hosts = new StringBuilder();
        for (double[] g : gaps) {
            hosts.append(Svg.line(LEFT, from, LEFT, g[0], "host")).append(Svg.line(RIGHT, from, RIGHT, g[0], "host"));
            hosts.append(Svg.line(LEFT, g[0], LEFT, g[1], "host-gap")).append(Svg.line(RIGHT, g[0], RIGHT, g[1], "host-gap"));
            from = g[1];
        }
        hosts.append(Svg.line(LEFT, from, LEFT, bottom, "host")).append(Svg.line(RIGHT, from, RIGHT, bottom, "host"));
        hosts.append(hostBox(LEFT, ladder.leftName(), ladder.leftIp()));
        hosts.append(hostBox(RIGHT, ladder.rightName(), ladder.rightIp()));

        // Labels sit in the middle of their arrows, as in the textbook diagram, unless segments are in
        // flight together: then crossing arrows would pile their labels up in the middle, so each
        // label hugs its sender's line instead, where consecutive sends are a row apart.
        boolean centred = true;
        for (Arrow a : arrows) if (a.arrived() && recvY.get(a) - sendY.get(a) > 2.5 * ROW) centred = false;
        for (int i = 0; i < arrows.size(); i++) {
            Arrow a = arrows.get(i);
            double recv = a.arrived() ? recvY.get(a) : sendY.get(a) + ROW;
            if (!a.arrived()) {
                // Aim a lost frame the way the next frame in its direction went, so it runs with the
                // burst it belonged to instead of cutting flat across it.
                for (int j = i + 1; j < arrows.size(); j++) {
                    Arrow b = arrows.get(j);
                    if (b.rightward() == a.rightward() && b.arrived()) {
                        recv = sendY.get(a) + Math.max(ROW, recvY.get(b) - sendY.get(b));
                        break;
                    }
                }
            }
            body.append(arrow(a, sendY.get(a), recv, centred));
        }

        StringBuilder states = new StringBuilder();
        if (ladder.initialLeft() != null) {
            states.append(pill(true, TOP, ladder.initialLeft(), "state initial"));
            states.append(pill(false, TOP, ladder.initialRight(), "state initial"));
        }
        for (StateChange s : ladder.states()) {
            double sy = s.onSend() ? sendY.get(s.arrow()) : recvY.get(s.arrow());
            states.append(pill(s.left(), sy, s.state(), "state"));
        }

        double height = bottom + 10;
        return "<svg class=\"ladder\" width=\"" + Svg.n(WIDTH) + "\" height=\"" + Svg.n(height) + "\" viewBox=\"0 0 "
                + Svg.n(WIDTH) + " " + Svg.n(height) + "\" role=\"img\" aria-label=\"packet ladder between "
                + Svg.esc(ladder.leftName()) + " and " + Svg.esc(ladder.rightName()) + "\">"
                + hosts + axis + states + body + "</svg>";
    }

    private static String hostBox(double x, String name, int ip) {
        String label = name + "  " + Ip4.format(ip);
        double w = Math.max(120, Svg.monoWidth(label, 14) + 24);
        return "<rect x=\"" + Svg.n(x - w / 2) + "\" y=\"14\" width=\"" + Svg.n(w) + "\" height=\"34\" rx=\"6\" class=\"hostbox\"/>"
                + Svg.text(x, 36, "hostname", "middle", label);
    }

    /** A state name beside a host line, on the outer side, at the row where the state began. */
    private static String pill(boolean left, double y, String state, String cls) {
        double w = Svg.monoWidth(state, 11) + 14;
        double x = left ? LEFT - 10 - w : RIGHT + 10;
        return "<g class=\"" + cls + "\"><rect x=\"" + Svg.n(x) + "\" y=\"" + Svg.n(y - 9) + "\" width=\"" + Svg.n(w)
                + "\" height=\"18\" rx=\"9\"/>" + Svg.text(x + w / 2, y + 4, "statename", "middle", state) + "</g>";
    }

    private static String arrow(Arrow a, double y1, double recvRow, boolean centred) {
        double x1 = a.rightward() ? LEFT : RIGHT;
        double x2 = a.rightward() ? RIGHT : LEFT;
        double y2 = recvRow;
        String cls = arrowClass(a);
        if (!a.arrived()) {
            // Stops midway: the frame left the sender and never reached the other end.
            x2 = x1 + (x2 - x1) * 0.55;
            y2 = y1 + (recvRow - y1) * 0.55;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<g class=\"arrow ").append(cls).append("\" data-kind=\"").append(a.kind())
          .append("\" data-dir=\"").append(a.rightward() ? "right" : "left").append('"');
        if (a.kind() == Kind.TCP) {
            sb.append(" data-flags=\"").append(Svg.esc(a.flags())).append("\" data-seq=\"").append(a.relSeq())
              .append("\" data-ack=\"").append(a.relAck()).append("\" data-len=\"").append(a.length())
              .append("\" data-win=\"").append(a.window()).append('"');
        }
        if (a.lost()) sb.append(" data-lost=\"true\"");
        if (a.inFlight()) sb.append(" data-inflight=\"true\"");
        if (a.retransmission()) sb.append(" data-retransmission=\"true\"");
        if (a.dupAck() > 0) sb.append(" data-dupack=\"").append(a.dupAck()).append('"');
        sb.append('>');
        String fate = a.lost() ? "never arrived: dropped on the wire"
                : a.inFlight() ? "still on its way when the trace was read"
                : a.recvTime() == a.sendTime() ? "" : "arrived " + TcpdumpFormat.timestamp(a.recvTime());
        sb.append("<title>").append(Svg.esc(a.tcpdump() + (fate.isEmpty() ? "" : "\n" + fate))).append("</title>");
        // A wide invisible line under the arrow makes it easy to hover.
        sb.append(Svg.line(x1, y1, x2, y2, "hit"));
        sb.append(Svg.line(x1, y1, x2, y2, "shaft"));
        double dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy), ux = dx / len, uy = dy / len;
        if (a.inFlight()) {
            sb.append(Svg.text(x2 + (a.rightward() ? 12 : -12), y2 + 4, "lostnote inflight", a.rightward() ? "start" : "end",
                    "still on its way"));
        } else if (a.lost()) {
            double s = 6;
            sb.append(Svg.line(x2 - s, y2 - s, x2 + s, y2 + s, "cross")).append(Svg.line(x2 - s, y2 + s, x2 + s, y2 - s, "cross"));
            sb.append(Svg.text(x2 + (a.rightward() ? 12 : -12), y2 + 4, "lostnote", a.rightward() ? "start" : "end",
                    "dropped on the wire"));
        } else {
            double hx = x2 - ux * 10, hy = y2 - uy * 10, px = -uy * 4.5, py = ux * 4.5;
            sb.append("<polygon class=\"head\" points=\"").append(Svg.n(x2)).append(',').append(Svg.n(y2)).append(' ')
              .append(Svg.n(hx + px)).append(',').append(Svg.n(hy + py)).append(' ')
              .append(Svg.n(hx - px)).append(',').append(Svg.n(hy - py)).append("\"/>");
        }
        // The label is turned with its arrow so it never crosses its own line; a lost arrow's label
        // lies along the whole path it would have taken, before the cross.
        double lx1 = a.rightward() ? LEFT : RIGHT, lx2 = a.rightward() ? RIGHT : LEFT;
        double ly2 = recvRow;
        double t = centred && a.arrived() ? 0.5 : centred ? 0.28 : 16 / (RIGHT - LEFT);
        double mx = lx1 + (lx2 - lx1) * t, my = y1 + (ly2 - y1) * t;
        String anchor = centred ? "middle" : a.rightward() ? "start" : "end";
        double angle = Math.toDegrees(Math.atan2(Math.abs(ly2 - y1) * (a.rightward() ? 1 : -1), Math.abs(lx2 - lx1)));
        String label = a.label();
        if (a.retransmission()) label += "  \u21ba retransmission";
        if (a.dupAck() > 0) label += "  dup ACK #" + a.dupAck();
        sb.append("<text class=\"label\" x=\"").append(Svg.n(mx)).append("\" y=\"").append(Svg.n(my - 5))
          .append("\" text-anchor=\"").append(anchor).append("\" transform=\"rotate(").append(Svg.n(angle)).append(' ')
          .append(Svg.n(mx)).append(' ').append(Svg.n(my)).append(")\">").append(Svg.esc(label)).append("</text>");
        sb.append("</g>");
        return sb.toString();
    }

    private static String arrowClass(Arrow a) {
        if (a.lost()) return "lost";
        if (a.inFlight()) return "inflight";
        if (a.retransmission()) return "retrans";
        if (a.dupAck() > 0) return "dupack";
        return switch (a.kind()) {
            case TCP -> a.flags().contains("R") ? "rst"
                    : a.flags().contains("S") || a.flags().contains("F") ? "ctl"
                    : a.length() > 0 ? "data" : "ack";
            case ARP -> "arp";
            case ICMP -> "icmp";
            case UDP -> "udp";
            default -> "other";
        };
    }

    static String duration(long ns) {
        if (ns >= 1_000_000_000L) return String.format(java.util.Locale.ROOT, "%.3f s", ns / 1e9);
        if (ns >= 1_000_000L) return String.format(java.util.Locale.ROOT, "%.3f ms", ns / 1e6);
        return String.format(java.util.Locale.ROOT, "%.1f \u00b5s", ns / 1e3);
    }

    /** The colours the arrows use, for the page's legend. */
    static String css() {
        return """
            svg.ladder { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; background: #fff; }
            svg.ladder .host { stroke: #334155; stroke-width: 2.5; }
            svg.ladder .host-gap { stroke: #94a3b8; stroke-width: 2.5; stroke-dasharray: 2 5; }
            svg.ladder .hostbox { fill: #1e293b; }
            svg.ladder .hostname { fill: #fff; font-size: 14px; font-weight: bold; }
            svg.ladder .time { fill: #64748b; font-size: 11px; }
            svg.ladder .tick { stroke: #334155; stroke-width: 1.5; }
            svg.ladder .gap { fill: #64748b; font-size: 12px; font-style: italic; }
            svg.ladder .state rect { fill: #eef2ff; stroke: #6366f1; }
            svg.ladder .state.initial rect { fill: #f8fafc; stroke: #94a3b8; }
            svg.ladder .statename { fill: #3730a3; font-size: 11px; font-weight: bold; }
            svg.ladder .hit { stroke: transparent; stroke-width: 12; }
            svg.ladder .shaft { stroke-width: 1.8; }
            svg.ladder .label { font-size: 12px; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
            svg.ladder .arrow:hover .shaft { stroke-width: 3.5; }
            svg.ladder .arrow:hover .label { font-weight: bold; }
            svg.ladder .lostnote { fill: #b91c1c; font-size: 11px; font-style: italic; }
            svg.ladder .cross { stroke: #b91c1c; stroke-width: 3; }
            """ + colour("data", "#1d4ed8") + colour("ack", "#475569") + colour("ctl", "#7c3aed")
                + colour("rst", "#9f1239") + colour("retrans", "#dc2626") + colour("dupack", "#ea580c")
                + colour("lost", "#b91c1c") + colour("arp", "#a16207") + colour("icmp", "#15803d")
                + colour("udp", "#0e7490") + colour("other", "#525252")
                + colour("inflight", "#64748b")
                + "svg.ladder .lost .shaft, svg.ladder .inflight .shaft { stroke-dasharray: 7 4; }\n"
                + "svg.ladder .lostnote.inflight { fill: #64748b; }\n";
    }

    private static String colour(String cls, String c) {
        return "svg.ladder ." + cls + " .shaft { stroke: " + c + "; } svg.ladder ." + cls + " .head { fill: " + c
                + "; } svg.ladder ." + cls + " .label { fill: " + c + "; }\n";
    }

    /** Swatch classes and what they mean, in legend order. */
    static final String[][] LEGEND = {
        {"ctl", "SYN / FIN"}, {"data", "TCP data"}, {"ack", "TCP ACK"}, {"retrans", "retransmission"},
        {"dupack", "duplicate ACK"}, {"lost", "dropped on the wire"}, {"inflight", "still on its way"}, {"rst", "RST"}, {"arp", "ARP"},
        {"icmp", "ICMP"}, {"udp", "UDP"},
    };
}
