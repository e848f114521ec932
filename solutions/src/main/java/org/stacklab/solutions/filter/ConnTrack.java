package org.stacklab.solutions.filter;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connection tracking REDIRECT needs (nf_conntrack + nf_nat, cut to what a redirect uses): for
 * each redirected flow the original tuple and the tuple its replies will carry, so later packets of
 * the flow are rewritten the same way without consulting the nat chain again, and replies get
 * their source rewritten back (a client that talked to port 80 sees port 80 answer).
 *
 * <p>Entries expire on the virtual clock, checked when looked up: an idle TCP flow after 5 days
 * (nf_conntrack_tcp_timeout_established), 2 minutes after a FIN or RST was seen; a UDP flow after
 * 30 seconds without a reply, 180 once both directions have been seen. At most {@link #MAX}
 * entries (nf_conntrack_max); a new flow when the table is full is not redirected and is counted.
 */
final class ConnTrack {
    static final int MAX = 65536;
    static final long SEC = 1_000_000_000L;

    record Tuple(int protocol, int saddr, int sport, int daddr, int dport) {}

    /** One redirected flow: original destination and where it was sent instead. */
    static final class Entry {
        final Tuple original;
        final Tuple reply;
        final int origDaddr, origDport;
        long lastSeen;
        long timeout;
        boolean seenReply;

        Entry(Tuple original, Tuple reply, long now, long timeout) {
            this.original = original;
            this.reply = reply;
            this.origDaddr = original.daddr();
            this.origDport = original.dport();
            this.lastSeen = now;
            this.timeout = timeout;
        }
    }

    private final Map<Tuple, Entry> byOriginal = new LinkedHashMap<>();
    private final Map<Tuple, Entry> byReply = new LinkedHashMap<>();
    long dropsFull;

    boolean isEmpty() { return byOriginal.isEmpty(); }

    int size() { return byOriginal.size(); }

    Entry original(Tuple t, long now) { return live(byOriginal.get(t), now); }

    Entry reply(Tuple t, long now) { return live(byReply.get(t), now); }

    /** Records that {@code original} now goes to {@code newDaddr:newDport}; null if the table is full. */
    Entry add(Tuple original, int newDaddr, int newDport, long now) {
        if (byOriginal.size() >= MAX) {
            expire(now);
            if (byOriginal.size() >= MAX) {
                dropsFull++;
                return null;
            }
        }
        Tuple reply = new Tuple(original.protocol(), newDaddr, newDport, original.saddr(), original.sport());
        Entry e = new Entry(original, reply, now, original.protocol() == 6 ? 432_000 * SEC : 30 * SEC);
        byOriginal.put(original, e);
        byReply.put(reply, e);
        return e;
    }

    /** Notes a packet of the flow: refreshes the timer and shortens it once the flow is closing. */
    void seen(Entry e, boolean isReply, int tcpFlags, long now) {
        e.lastSeen = now;
        if (isReply && !e.seenReply) {
            e.seenReply = true;
            if (e.original.protocol() == 17) e.timeout = 180 * SEC;
        }
        if (e.original.protocol() == 6 && (tcpFlags & (Ipv4Packet.TCP_FIN | Ipv4Packet.TCP_RST)) != 0) {
            e.timeout = 120 * SEC;
        }
    }

    private Entry live(Entry e, long now) {
        if (e == null) return null;
        if (now - e.lastSeen > e.timeout) {
            remove(e);
            return null;
        }
        return e;
    }

    private void remove(Entry e) {
        byOriginal.remove(e.original);
        byReply.remove(e.reply);
    }

    private void expire(long now) {
        Iterator<Entry> it = byOriginal.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (now - e.lastSeen > e.timeout) {
                it.remove();
                byReply.remove(e.reply);
            }
        }
    }

    void clear() {
        byOriginal.clear();
        byReply.clear();
    }
}
