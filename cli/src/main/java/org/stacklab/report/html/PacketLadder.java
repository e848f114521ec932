package org.stacklab.report.html;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.tcp.TcpHeader;

/**
 * The packet ladder of two hosts, made from their real packet traces: one {@link Arrow} per frame
 * that one sent to the other, with the time it left and the time it arrived (or none: lost on the
 * way), and for TCP what tcpdump would show with relative sequence numbers, plus the states each
 * side passes through and the retransmissions and duplicate ACKs.
 *
 * <p>The two traces are matched frame by frame: a frame the sender traced going out and the receiver
 * traced coming in is one arrow from one time to the other; a frame that went out and never came in
 * was lost on the wire (the fault injector dropped it) and is drawn stopping midway. (The fault
 * injector only counts its drops; the two traces say which frames they were.) Matching compares
 * the IP packet without TTL and checksum (a router changes both) or the ARP message.
 *
 * <p>This is the model; {@link LadderSvg} draws it.
 */
public final class PacketLadder {
    public enum Kind { TCP, UDP, ICMP, ARP, OTHER }

    public static final long LOST = -1, IN_FLIGHT = -2;

    /**
     * A frame unmatched this soon before the traces were read is "in flight", not lost: the demo
     * reads a section's traces the moment its last command returns, and a command can return with a
     * final ACK or FIN still in the NIC's ring. A frame on the emulated wires arrives within
     * microseconds; a millisecond is ample.
     */
    static final long IN_FLIGHT_NS = 1_000_000;

    /**
     * One frame between the two hosts.
     *
     * @param rightward  sent by the left host to the right one
     * @param sendTime   when the sender traced it going out (ns)
     * @param recvTime   when the receiver traced it coming in, {@link #LOST} if it never arrived, or
     *                   {@link #IN_FLIGHT} if it left so shortly before the traces were read that it may
     *                   just not have arrived yet
     * @param flags      TCP flags as tcpdump prints them ({@code S.}, {@code P.}, {@code .}), else ""
     * @param relSeq     TCP: sequence number relative to the sender's ISN (tcpdump's default)
     * @param relAck     TCP: acknowledgment number relative to the receiver's ISN, -1 without ACK
     * @param label      the short text on the arrow
     * @param tcpdump    the sender's full tcpdump line (absolute numbers, as the console trace shows)
     * @param dupAck     TCP: 1, 2, 3... for the n-th duplicate ACK in a row, else 0
     */
    public record Arrow(Kind kind, boolean rightward, long sendTime, long recvTime, String flags, long relSeq,
                        long relAck, int window, int length, String label, String tcpdump, boolean retransmission,
                        int dupAck) {
        /** Sent and never received: dropped on the way. */
        public boolean lost() { return recvTime == LOST; }

        /** Sent so shortly before the traces were read that it may still have been on its way. */
        public boolean inFlight() { return recvTime == IN_FLIGHT; }

        public boolean arrived() { return recvTime >= 0; }

        Arrow withLabel(String l) {
            return new Arrow(kind, rightward, sendTime, recvTime, flags, relSeq, relAck, window, length, l, tcpdump,
                    retransmission, dupAck);
        }
    }

    /** Side {@code left} entered {@code state} at {@code time}, when it sent or received {@code arrow}. */
    public record StateChange(boolean left, long time, String state, Arrow arrow, boolean onSend) {}

    /** What one traced frame is, as far as the ladder cares. */
    public record Frame(Kind kind, int srcIp, int dstIp, int srcPort, int dstPort, TcpHeader tcp, int dataLen,
                        String matchKey) {}

    private final String leftName, rightName;
    private final int leftIp, rightIp;
    private final List<Arrow> arrows;
    private final List<StateChange> states;
    private final String initialLeft, initialRight;

    private PacketLadder(String leftName, int leftIp, String rightName, int rightIp, List<Arrow> arrows,
                         List<StateChange> states, String initialLeft, String initialRight) {
        this.leftName = leftName;
        this.leftIp = leftIp;
        this.rightName = rightName;
        this.rightIp = rightIp;
        this.arrows = arrows;
        this.states = states;
        this.initialLeft = initialLeft;
        this.initialRight = initialRight;
    }

    public String leftName() { return leftName; }
    public String rightName() { return rightName; }
    public int leftIp() { return leftIp; }
    public int rightIp() { return rightIp; }
    public List<Arrow> arrows() { return arrows; }
    public List<StateChange> states() { return states; }
    /** TCP state of each side before the first arrow (LISTEN for a server), or null for no TCP. */
    public String initialLeft() { return initialLeft; }
    public String initialRight() { return initialRight; }

    /** Every frame between the two hosts: ARP, ICMP, UDP, TCP. */
    public static Predicate<Frame> everything() { return f -> true; }

    /** The frames of TCP connections to or from {@code port} (a server's port picks one connection per client). */
    public static Predicate<Frame> tcpPort(int port) {
        return f -> f.kind() == Kind.TCP && (f.srcPort() == port || f.dstPort() == port);
    }

    /**
     * The ladder of the frames {@code which} keeps between the two hosts. {@code rightTrace} may be
     * null (only one side traced): arrows then arrive when they leave and nothing is known lost.
     */
    public static PacketLadder between(String leftName, int leftIp, List<PacketTrace.Entry> leftTrace,
                                       String rightName, int rightIp, List<PacketTrace.Entry> rightTrace,
                                       Predicate<Frame> which) {
        long last = 0;
        for (var t : java.util.Arrays.asList(leftTrace, rightTrace)) {
            if (t != null && !t.isEmpty()) last = Math.max(last, t.get(t.size() - 1).time());
        }
        return between(leftName, leftIp, leftTrace, rightName, rightIp, rightTrace, which, last);
    }

    /** As above, with the traces read at virtual time {@code now} (ns): what left just before may be in flight. */
    public static PacketLadder between(String leftName, int leftIp, List<PacketTrace.Entry> leftTrace,
                                       String rightName, int rightIp, List<PacketTrace.Entry> rightTrace,
                                       Predicate<Frame> which, long now) {
        List<Arrow> raw = new ArrayList<>();
        List<Frame> rawFrames = new ArrayList<>();
        direction(leftTrace, leftIp, rightTrace, rightIp, true, which, now, raw, rawFrames);
        direction(rightTrace, rightIp, leftTrace, leftIp, false, which, now, raw, rawFrames);
        Integer[] order = new Integer[raw.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, Comparator.comparingLong(i -> raw.get(i).sendTime()));
        List<Arrow> sorted = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        for (int i : order) {
            sorted.add(raw.get(i));
            frames.add(rawFrames.get(i));
        }
        TcpAnnotator tcp = new TcpAnnotator();
        List<Arrow> annotated = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) annotated.add(tcp.annotate(sorted.get(i), frames.get(i)));
        // States are one connection's: a ladder holding several (everything() between two busy hosts)
        // shows none rather than a mix.
        Set<String> connections = new HashSet<>();
        for (Frame f : frames) {
            if (f != null && f.kind() == Kind.TCP) connections.add(Math.min(f.srcPort(), f.dstPort()) + "/" + Math.max(f.srcPort(), f.dstPort()));
        }
        boolean one = connections.size() == 1;
        List<StateChange> states = one ? TcpStates.derive(annotated) : List.of();
        return new PacketLadder(leftName, leftIp, rightName, rightIp, List.copyOf(annotated), states,
                one ? TcpStates.initial(annotated, true) : null, one ? TcpStates.initial(annotated, false) : null);
    }

    /** This ladder cut to {@code n} arrows from index {@code from} (a long transfer shown in part). */
    public PacketLadder window(int from, int n) {
        int a = Math.max(0, Math.min(from, arrows.size()));
        int b = Math.min(arrows.size(), a + n);
        List<Arrow> kept = arrows.subList(a, b);
        List<StateChange> st = new ArrayList<>();
        for (StateChange s : states) if (kept.contains(s.arrow())) st.add(s);
        return new PacketLadder(leftName, leftIp, rightName, rightIp, List.copyOf(kept), st,
                a == 0 ? initialLeft : null, a == 0 ? initialRight : null);
    }

    /** Index of the first lost arrow, or -1. */
    public int firstLost() {
        for (int i = 0; i < arrows.size(); i++) if (arrows.get(i).lost()) return i;
        return -1;
    }

    /**
     * The arrows from {@code me} to {@code peer}: each frame {@code me} traced going out, with the
     * time {@code peer} traced it coming in. Frames are matched by content. When the same bytes went
     * out more than once (a retransmission identical to a lost original), an arrival belongs to the
     * latest copy sent before it: an earlier copy would have arrived earlier, had it arrived at all.
     * Either trace may be null (not traced): then what the other side saw is all there is.
     */
    private static void direction(List<PacketTrace.Entry> senderTrace, int me, List<PacketTrace.Entry> receiverTrace,
                                  int peer, boolean rightward, Predicate<Frame> which, long now,
                                  List<Arrow> out, List<Frame> frames) {
        List<PacketTrace.Entry> sends = new ArrayList<>(), arrivals = new ArrayList<>();
        List<Frame> sendFrames = new ArrayList<>(), arrivalFrames = new ArrayList<>();
        pick(senderTrace, true, me, peer, which, sends, sendFrames);
        pick(receiverTrace, false, me, peer, which, arrivals, arrivalFrames);
        long[] recv = new long[sends.size()];
        if (receiverTrace == null) {
            for (int i = 0; i < recv.length; i++) recv[i] = sends.get(i).time();   // nothing known: arrives at once
        } else {
            Map<String, List<Integer>> byContent = new HashMap<>();
            for (int i = 0; i < sends.size(); i++) {
                byContent.computeIfAbsent(sendFrames.get(i).matchKey(), k -> new ArrayList<>()).add(i);
                long age = now - sends.get(i).time();
                recv[i] = age < IN_FLIGHT_NS ? IN_FLIGHT : LOST;
            }
            boolean[] matched = new boolean[sends.size()];
            for (int j = 0; j < arrivals.size(); j++) {
                PacketTrace.Entry r = arrivals.get(j);
                List<Integer> copies = byContent.getOrDefault(arrivalFrames.get(j).matchKey(), List.of());
                int best = -1;
                for (int i : copies) if (!matched[i] && sends.get(i).time() <= r.time()) best = i;
                if (best >= 0) {
                    matched[best] = true;
                    recv[best] = r.time();
                } else {
                    // The sender's trace no longer holds it (its ring overflowed) or was not kept:
                    // drawn as leaving when it arrived, so nothing seen is left out.
                    out.add(new Arrow(arrivalFrames.get(j).kind(), rightward, r.time(), r.time(), "", 0, -1, 0, 0, "",
                            r.line(), false, 0));
                    frames.add(arrivalFrames.get(j));
                }
            }
        }
        for (int i = 0; i < sends.size(); i++) {
            out.add(new Arrow(sendFrames.get(i).kind(), rightward, sends.get(i).time(), recv[i], "", 0, -1, 0, 0, "",
                    sends.get(i).line(), false, 0));
            frames.add(sendFrames.get(i));
        }
    }

    /** The frames from {@code from} to {@code to} in {@code trace}: going out ({@code outgoing}) at the sender, or coming in at the receiver. */
    private static void pick(List<PacketTrace.Entry> trace, boolean outgoing, int from, int to, Predicate<Frame> which,
                             List<PacketTrace.Entry> entries, List<Frame> frames) {
        if (trace == null) return;
        for (PacketTrace.Entry e : trace) {
            if (e.outgoing() != outgoing) continue;
            Frame f = decode(e.frame());
            if (f == null || f.srcIp() != from || f.dstIp() != to && !isArpFor(f, to) || !which.test(f)) continue;
            entries.add(e);
            frames.add(f);
        }
    }

    /** An ARP request asking for {@code ip} (broadcast, so its destination is only in the ARP body). */
    private static boolean isArpFor(Frame f, int ip) { return f.kind() == Kind.ARP && f.dstIp() == ip; }

    /** Reads what the ladder needs from an Ethernet frame; null if it is neither IPv4 nor ARP. */
    public static Frame decode(byte[] f) {
        if (f.length < 14) return null;
        int type = u16(f, 12);
        if (type == 0x0806) {
            if (f.length < 14 + 28) return null;
            String key = "arp:" + new String(f, 14, 28, StandardCharsets.ISO_8859_1);
            return new Frame(Kind.ARP, u32(f, 14 + 14), u32(f, 14 + 24), -1, -1, null, 0, key);
        }
        if (type != 0x0800 || f.length < 14 + 20 || (f[14] >>> 4 & 0xf) != 4) return null;
        int ihl = (f[14] & 0x0f) * 4;
        int total = u16(f, 16);
        if (ihl < 20 || total < ihl || 14 + total > f.length) return null;
        byte[] ip = java.util.Arrays.copyOfRange(f, 14, 14 + total);
        ip[8] = 0;                 // TTL: a router lowers it
        ip[10] = 0;                // and so rewrites the header checksum
        ip[11] = 0;
        String key = "ip:" + new String(ip, StandardCharsets.ISO_8859_1);
        int proto = f[14 + 9] & 0xff;
        int src = u32(f, 14 + 12), dst = u32(f, 14 + 16);
        int t = 14 + ihl, tlen = total - ihl;
        boolean firstFragment = (u16(f, 14 + 6) & 0x1fff) == 0;
        if (proto == 6 && firstFragment && tlen >= 20) {
            TcpHeader th = TcpHeader.parse(f, t, tlen);
            if (th != null) return new Frame(Kind.TCP, src, dst, th.srcPort(), th.dstPort(), th, tlen - th.length(), key);
        }
        if (proto == 17 && firstFragment && tlen >= 8) {
            return new Frame(Kind.UDP, src, dst, u16(f, t), u16(f, t + 2), null, tlen - 8, key);
        }
        if (proto == 1) return new Frame(Kind.ICMP, src, dst, -1, -1, null, tlen, key);
        return new Frame(Kind.OTHER, src, dst, -1, -1, null, tlen, key);
    }

    /** tcpdump's flag letters, in tcpdump's order (FIN SYN RST PSH ACK URG ECE CWR): {@code S.}, {@code P.}. */
    static String flagLetters(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & 0x01) != 0) sb.append('F');
        if ((flags & 0x02) != 0) sb.append('S');
        if ((flags & 0x04) != 0) sb.append('R');
        if ((flags & 0x08) != 0) sb.append('P');
        if ((flags & 0x10) != 0) sb.append('.');
        if ((flags & 0x20) != 0) sb.append('U');
        if ((flags & 0x40) != 0) sb.append('E');
        if ((flags & 0x80) != 0) sb.append('W');
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /**
     * Gives TCP arrows their tcpdump-style numbers and marks, in send order: relative sequence
     * numbers from each side's ISN, retransmissions (data or SYN/FIN at or below what that side has
     * already sent) and duplicate ACKs (the same ACK and window again, while the peer has data
     * outstanding beyond it), as a receiver sends them to ask for a missing segment.
     */
    private static final class TcpAnnotator {
        // Keyed by one direction of one connection ("R40000>80"), so a ladder holding several
        // connections numbers each from its own ISNs.
        private final Map<String, Long> isn = new HashMap<>();
        private final Map<String, Long> highest = new HashMap<>();   // relative end of what each side sent
        private final Map<String, Long> lastAck = new HashMap<>();
        private final Map<String, Integer> lastWin = new HashMap<>();
        private final Map<String, Integer> dups = new HashMap<>();

        Arrow annotate(Arrow a, Frame f) {
            if (f == null) return a;
            if (f.kind() != Kind.TCP) return a.withLabel(otherLabel(f, a));
            TcpHeader h = f.tcp();
            String me = (a.rightward() ? "R" : "L") + h.srcPort() + ">" + h.dstPort();
            String peer = (a.rightward() ? "L" : "R") + h.dstPort() + ">" + h.srcPort();
            int flags = h.flags();
            boolean syn = (flags & 0x02) != 0, fin = (flags & 0x01) != 0, rst = (flags & 0x04) != 0, ack = (flags & 0x10) != 0;
            long seq = h.seq() & 0xffffffffL;
            if (syn || !isn.containsKey(me)) isn.putIfAbsent(me, syn ? seq : seq - 1);
            long relSeq = (seq - isn.get(me)) & 0xffffffffL;
            long relAck = -1;
            if (ack) relAck = isn.containsKey(peer) ? ((h.ack() & 0xffffffffL) - isn.get(peer)) & 0xffffffffL : h.ack() & 0xffffffffL;
            int len = f.dataLen();
            long end = relSeq + len + (syn ? 1 : 0) + (fin ? 1 : 0);
            long sentBefore = highest.getOrDefault(me, -1L);
            boolean retrans = end > relSeq && sentBefore >= 0 && end <= sentBefore;
            if (end > sentBefore) highest.put(me, end);
            int dup = 0;
            boolean pureAck = ack && len == 0 && !syn && !fin && !rst;
            if (pureAck && lastAck.containsKey(me) && lastAck.get(me) == relAck && lastWin.get(me) == h.window()
                    && highest.getOrDefault(peer, 0L) > relAck) {
                dup = dups.getOrDefault(me, 0) + 1;
            }
            dups.put(me, dup);
            if (ack) {
                lastAck.put(me, relAck);
                lastWin.put(me, h.window());
            }
            String letters = flagLetters(flags);
            StringBuilder label = new StringBuilder("[").append(letters).append(']');
            // tcpdump prints seq only when the segment occupies sequence space (or resets).
            if (len > 0) label.append(" seq ").append(relSeq).append(':').append(relSeq + len);
            else if (syn || fin || rst) label.append(" seq ").append(relSeq);
            if (ack) label.append(" ack ").append(relAck);
            label.append(" win ").append(h.window());
            if (len > 0) label.append(" len ").append(len);
            return new Arrow(Kind.TCP, a.rightward(), a.sendTime(), a.recvTime(), letters, relSeq, relAck, h.window(),
                    len, label.toString(), a.tcpdump(), retrans, dup);
        }

        private static String otherLabel(Frame f, Arrow a) {
            String line = a.tcpdump();
            return switch (f.kind()) {
                case ARP -> line.contains("Request") ? "ARP who-has " + Ip4.format(f.dstIp())
                        : line.contains("Reply") ? "ARP " + Ip4.format(f.srcIp()) + " is-at " + afterIsAt(line) : "ARP";
                case ICMP -> "ICMP " + icmpWords(line);
                case UDP -> "UDP " + f.srcPort() + " > " + f.dstPort() + " len " + f.dataLen();
                default -> "IP";
            };
        }

        private static String afterIsAt(String line) {
            int i = line.indexOf("is-at ");
            if (i < 0) return "";
            String rest = line.substring(i + 6);
            int c = rest.indexOf(',');
            return c < 0 ? rest : rest.substring(0, c);
        }

        /** "echo request, id 1, seq 2" from tcpdump's ICMP text. */
        private static String icmpWords(String line) {
            int i = line.indexOf("ICMP ");
            if (i < 0) return "";
            String rest = line.substring(i + 5);
            int len = rest.lastIndexOf(", length");
            return len < 0 ? rest : rest.substring(0, len);
        }
    }

    static int u16(byte[] b, int o) { return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff); }

    static int u32(byte[] b, int o) { return (u16(b, o) << 16) | u16(b, o + 2); }
}
