package org.stacklab.report.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.stacklab.report.html.PacketLadder.Arrow;
import org.stacklab.report.html.PacketLadder.Kind;
import org.stacklab.report.html.PacketLadder.StateChange;

/**
 * The TCP states of both ends of a ladder, worked out from the segments as RFC 9293's state diagram
 * (section 3.3.2) moves them: the packet trace records frames, not state changes, so the ladder
 * replays the diagram. A side changes state when it sends or receives a segment, so a lost segment
 * changes only its sender's state, exactly as on the real hosts.
 *
 * <p>Names are the RFC's, as {@code ss} and the course text print them (SYN-SENT, TIME-WAIT, ...).
 */
final class TcpStates {
    private TcpStates() {}

    /** The state of the left (or right) side before the first arrow: who listens, who connects. */
    static String initial(List<Arrow> arrows, boolean left) {
        for (Arrow a : arrows) {
            if (a.kind() != Kind.TCP) continue;
            boolean pureSyn = a.flags().contains("S") && !a.flags().contains(".");
            if (!pureSyn) return "ESTABLISHED";         // the ladder starts mid-connection
            return a.rightward() == left ? "CLOSED" : "LISTEN";
        }
        return null;
    }

    static List<StateChange> derive(List<Arrow> arrows) {
        record Event(long time, int order, Arrow arrow, boolean left, boolean send) {}
        List<Event> events = new ArrayList<>();
        int n = 0;
        for (Arrow a : arrows) {
            if (a.kind() != Kind.TCP) continue;
            events.add(new Event(a.sendTime(), n++, a, a.rightward(), true));
            if (a.arrived()) events.add(new Event(a.recvTime(), n++, a, !a.rightward(), false));
        }
        events.sort(Comparator.comparingLong(Event::time).thenComparingInt(Event::order));
        String[] state = {initial(arrows, true), initial(arrows, false)};     // [0] left, [1] right
        long[] finEnd = {-1, -1};                                              // relative seq just past our FIN
        List<StateChange> out = new ArrayList<>();
        for (Event e : events) {
            int me = e.left() ? 0 : 1;
            Arrow a = e.arrow();
            String f = a.flags();
            boolean syn = f.contains("S"), fin = f.contains("F"), rst = f.contains("R"), ack = f.contains(".");
            String s = state[me], next = s;
            if (rst) next = "CLOSED";
            else if (e.send()) {
                if (syn && !ack) next = "SYN-SENT";
                if (fin) {
                    finEnd[me] = a.relSeq() + a.length() + 1;
                    if (s.equals("ESTABLISHED") || s.equals("SYN-RECEIVED")) next = "FIN-WAIT-1";
                    else if (s.equals("CLOSE-WAIT")) next = "LAST-ACK";
                }
            } else {
                boolean finAcked = ack && finEnd[me] >= 0 && a.relAck() >= finEnd[me];
                if (syn && !ack && (s.equals("LISTEN") || s.equals("SYN-SENT"))) next = "SYN-RECEIVED";
                else if (syn && ack && s.equals("SYN-SENT")) next = "ESTABLISHED";
                else if (ack && s.equals("SYN-RECEIVED") && !syn) next = "ESTABLISHED";
                if (finAcked) {
                    if (next.equals("FIN-WAIT-1")) next = "FIN-WAIT-2";
                    else if (next.equals("CLOSING")) next = "TIME-WAIT";
                    else if (next.equals("LAST-ACK")) next = "CLOSED";
                }
                if (fin) {
                    if (next.equals("ESTABLISHED")) next = "CLOSE-WAIT";
                    else if (next.equals("FIN-WAIT-1")) next = "CLOSING";
                    else if (next.equals("FIN-WAIT-2")) next = "TIME-WAIT";
                }
            }
            if (!next.equals(s)) {
                state[me] = next;
                out.add(new StateChange(e.left(), e.time(), next, a, e.send()));
            }
        }
        return out;
    }
}
