package org.stacklab.kernel.ip.scaffold;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.sim.Time;
import org.stacklab.sim.Timer;

/**
 * The neighbour table for IPv4 ({@code ip neigh}): one entry per (device, address) with Linux's
 * NUD state machine, every timeout on the kernel's virtual clock.
 *
 * <pre>
 *   (none) --packet--> INCOMPLETE --reply--> REACHABLE --30 s--> STALE --packet--> DELAY
 *                         | 3 requests,          ^                                  | 5 s, no confirmation
 *                         v 1 s apart            +------------ reply ---------------+
 *                       FAILED  <---- 3 unicast probes unanswered ---- PROBE <------+
 * </pre>
 *
 * Packets sent to an INCOMPLETE neighbour wait in a bounded queue ({@code unres_qlen}); when it is
 * full the oldest is dropped and counted (as Linux does); when resolution fails the waiting
 * packets are dropped and each one's sender told with ICMP host unreachable (RFC 1122 §2.3.2.2).
 *
 * <p>The given part of the neighbour cache: a subclass writes {@link #output} and {@link #update}
 * with the helpers here ({@link #create}, {@link #enqueue}, {@link #startResolution},
 * {@link #setState}, {@link #arm}).
 *
 * <p>Tunables are read from sysctl each time, under Linux's names and defaults. Linux draws the
 * reachable time at random from [0.5, 1.5] × base; here it is exactly the base, so traces stay easy
 * to read and tests can name the second an entry goes STALE.
 */
public abstract class AbstractArpCache {
    public enum State { INCOMPLETE, REACHABLE, STALE, DELAY, PROBE, FAILED, PERMANENT }

    /** What the cache asks of the ARP protocol: send requests, transmit resolved packets, report failures. */
    public interface NeighOps {
        /** Sends an ARP request for {@code ip} out of {@code dev}; to {@code knownMac} if non-zero (a unicast probe), else broadcast. */
        void solicit(NetDevice dev, int ip, long knownMac);

        /** Puts the Ethernet header on an IPv4 packet for {@code mac} and queues it on {@code dev}. */
        void transmit(SkBuff skb, NetDevice dev, long mac);

        /** Resolution failed for a packet that waited: drop it and tell its sender. */
        void unreachable(SkBuff skb);
    }

    public static final String SYSCTL = "net.ipv4.neigh.default.";
    public static final int GC_THRESH3 = 1024;

    /** One neighbour ({@code struct neighbour}). */
    protected static final class Entry {
        public final int ip;
        public final NetDevice dev;
        public long mac;
        public State state;
        public long updatedAt;
        public long confirmedAt;
        public int probes;
        public Timer timer;
        public final ArrayDeque<SkBuff> queue = new ArrayDeque<>(4);

        Entry(int ip, NetDevice dev) {
            this.ip = ip;
            this.dev = dev;
        }
    }

    protected final Kernel kernel;
    protected final IpMib mib;
    protected final NeighOps ops;
    protected final Map<Long, Entry> entries = new TreeMap<>();

    protected AbstractArpCache(Kernel kernel, IpMib mib, NeighOps ops) {
        this.kernel = kernel;
        this.mib = mib;
        this.ops = ops;
    }

    // ---------------------------------------------------------------- sending through the cache

    /** Sends {@code skb} (data at the IP header) to the neighbour {@code ip} on {@code dev}, resolving it first if need be. */
    public abstract void output(SkBuff skb, int ip, NetDevice dev);

    protected Entry create(NetDevice dev, int ip) {
        if (entries.size() >= GC_THRESH3 && !evictOne()) return null;
        Entry e = new Entry(ip, dev);
        e.updatedAt = kernel.now();
        entries.put(key(dev, ip), e);
        return e;
    }

    protected void startResolution(Entry e) {
        setState(e, State.INCOMPLETE);
        e.probes = 1;
        ops.solicit(e.dev, e.ip, 0);
        arm(e, ms("retrans_time_ms", 1000));
    }

    /**
     * The newest packet waiting for {@code ip} on {@code dev} (data at its IP header), or null: the
     * packet whose source address {@code arp_announce} may put in the request ({@code arp_solicit}
     * peeks at the tail of the entry's queue, as here).
     */
    public SkBuff lastQueued(NetDevice dev, int ip) {
        Entry e = entries.get(key(dev, ip));
        return e == null ? null : e.queue.peekLast();
    }

    protected void enqueue(Entry e, SkBuff skb) {
        if (e.queue.size() >= kernel.sysctl().get(SYSCTL + "unres_qlen", 3)) {
            e.queue.pollFirst();
            mib.drop(IpMib.NEIGH_QUEUEFULL);
        }
        e.queue.addLast(skb);
    }

    // ---------------------------------------------------------------- learning from ARP packets

    /**
     * Records that {@code ip} is at {@code mac} ({@code neigh_update}). {@code confirmed} means
     * proof of two-way reachability (a reply addressed to us): the entry becomes REACHABLE;
     * otherwise a new or changed binding becomes STALE and a valid one keeps its state.
     * {@code create} false only refreshes an entry that already exists.
     */
    public abstract void update(NetDevice dev, int ip, long mac, boolean confirmed, boolean create);

    /** {@code ip neigh add ... nud permanent}: a static entry that never ages. */
    public void addPermanent(NetDevice dev, int ip, long mac) {
        Entry e = entries.get(key(dev, ip));
        if (e == null) e = create(dev, ip);
        if (e == null) return;
        cancelTimer(e);
        e.mac = mac;
        e.updatedAt = kernel.now();
        setState(e, State.PERMANENT);
        SkBuff skb;
        while ((skb = e.queue.pollFirst()) != null) ops.transmit(skb, dev, mac);
    }

    // ---------------------------------------------------------------- timers

    private void timerFired(Entry e) {
        e.timer = null;
        switch (e.state) {
            case INCOMPLETE -> {
                if (e.probes >= kernel.sysctl().get(SYSCTL + "mcast_solicit", 3)) {
                    fail(e);
                } else {
                    e.probes++;
                    ops.solicit(e.dev, e.ip, 0);
                    arm(e, ms("retrans_time_ms", 1000));
                }
            }
            case REACHABLE -> setState(e, State.STALE);
            case DELAY -> {
                // Confirmed while in DELAY would have moved it to REACHABLE; so no news: probe it.
                setState(e, State.PROBE);
                e.probes = 1;
                ops.solicit(e.dev, e.ip, e.mac);
                arm(e, ms("retrans_time_ms", 1000));
            }
            case PROBE -> {
                if (e.probes >= kernel.sysctl().get(SYSCTL + "ucast_solicit", 3)) {
                    fail(e);
                } else {
                    e.probes++;
                    ops.solicit(e.dev, e.ip, e.mac);
                    arm(e, ms("retrans_time_ms", 1000));
                }
            }
            default -> { }
        }
    }

    private void fail(Entry e) {
        setState(e, State.FAILED);
        SkBuff skb;
        while ((skb = e.queue.pollFirst()) != null) {
            mib.drop(IpMib.NEIGH_FAILED);
            ops.unreachable(skb);
        }
    }

    protected void arm(Entry e, long delayNs) {
        cancelTimer(e);
        e.timer = kernel.timer(delayNs, () -> timerFired(e), "neigh " + Ip4.format(e.ip));
    }

    protected static void cancelTimer(Entry e) {
        if (e.timer != null) e.timer.cancel();
        e.timer = null;
    }

    protected void setState(Entry e, State s) {
        if (e.state == s) return;
        kernel.log().info("arp: " + Ip4.format(e.ip) + " dev " + e.dev.name()
                + (e.mac != 0 ? " lladdr " + MacAddr.format(e.mac) : "") + " " + (e.state == null ? "NONE" : e.state) + " -> " + s);
        e.state = s;
        e.updatedAt = kernel.now();
    }

    /** Makes room by forgetting the oldest FAILED or STALE entry (neigh_forced_gc). */
    private boolean evictOne() {
        Entry victim = null;
        for (Entry e : entries.values()) {
            if ((e.state == State.FAILED || e.state == State.STALE) && (victim == null || e.updatedAt < victim.updatedAt)) victim = e;
        }
        if (victim == null) return false;
        remove(victim);
        return true;
    }

    private void remove(Entry e) {
        cancelTimer(e);
        for (SkBuff ignored : e.queue) mib.drop(IpMib.NEIGH_FAILED);
        e.queue.clear();
        entries.remove(key(e.dev, e.ip));
    }

    /** Forgets every entry of {@code dev} (address removed, device down) or all when null; cancels their timers. */
    public void flush(NetDevice dev) {
        for (Entry e : new ArrayList<>(entries.values())) if (dev == null || e.dev == dev) remove(e);
    }

    // ---------------------------------------------------------------- inspection

    public State state(NetDevice dev, int ip) {
        Entry e = entries.get(key(dev, ip));
        return e == null ? null : e.state;
    }

    /** Packets waiting for {@code ip} to resolve. */
    public int queued(NetDevice dev, int ip) {
        Entry e = entries.get(key(dev, ip));
        return e == null ? 0 : e.queue.size();
    }

    public List<Neighbour> neighbours() {
        List<Neighbour> out = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            if (e.state != null) out.add(new Neighbour(e.ip, e.mac, e.dev.name(), e.state.name(), e.updatedAt));
        }
        return out;
    }

    protected long ms(String name, long dflt) { return kernel.sysctl().get(SYSCTL + name, dflt) * Time.MS; }

    protected long sec(String name, long dflt) { return kernel.sysctl().get(SYSCTL + name, dflt) * Time.SEC; }

    protected static long key(NetDevice dev, int ip) { return ((long) dev.ifindex() << 32) | (ip & 0xffffffffL); }
}
