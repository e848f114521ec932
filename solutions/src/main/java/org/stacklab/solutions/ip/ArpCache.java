package org.stacklab.solutions.ip;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.scaffold.AbstractArpCache;
import org.stacklab.kernel.ip.scaffold.IpMib;

/**
 * The neighbour cache (RFC 826, RFC 1122 §2.3.2, Linux's NUD states): the given
 * {@link AbstractArpCache} with the reference {@link #output} and {@link #update}.
 */
public final class ArpCache extends AbstractArpCache {
    public ArpCache(Kernel kernel, IpMib mib, NeighOps ops) {
        super(kernel, mib, ops);
    }

    /** Sends {@code skb} (data at the IP header) to the neighbour {@code ip} on {@code dev}, resolving it first if need be. */
    @Override
    public void output(SkBuff skb, int ip, NetDevice dev) {
        Entry e = entries.get(key(dev, ip));
        if (e == null) {
            e = create(dev, ip);
            if (e == null) {
                mib.drop(IpMib.NEIGH_FAILED);
                return;
            }
        }
        if (e.state == null || e.state == State.FAILED) {
            // A new neighbour, or one that failed before: ask again (Linux retries FAILED on the next packet).
            enqueue(e, skb);
            startResolution(e);
            return;
        }
        switch (e.state) {
            case REACHABLE, PERMANENT, DELAY, PROBE -> ops.transmit(skb, dev, e.mac);
            case STALE -> {
                // RFC 1122 §2.3.2.1: use the stale binding, but start re-confirming it.
                ops.transmit(skb, dev, e.mac);
                setState(e, State.DELAY);
                arm(e, sec("delay_first_probe_time", 5));
            }
            default -> enqueue(e, skb); // INCOMPLETE
        }
    }

    /**
     * Records that {@code ip} is at {@code mac} ({@code neigh_update}). {@code confirmed} means
     * proof of two-way reachability (a reply addressed to us): the entry becomes REACHABLE;
     * otherwise a new or changed binding becomes STALE and a valid one keeps its state.
     * {@code create} false only refreshes an entry that already exists.
     */
    @Override
    public void update(NetDevice dev, int ip, long mac, boolean confirmed, boolean create) {
        Entry e = entries.get(key(dev, ip));
        if (e == null) {
            if (!create) return;
            e = create(dev, ip);
            if (e == null) return;
        }
        if (e.state == State.PERMANENT) return;
        boolean changed = e.mac != mac;
        e.mac = mac;
        e.updatedAt = kernel.now();
        if (confirmed) {
            e.confirmedAt = kernel.now();
            setState(e, State.REACHABLE);
            arm(e, ms("base_reachable_time_ms", 30_000));
        } else if (changed || e.state == null || e.state == State.INCOMPLETE || e.state == State.FAILED) {
            setState(e, State.STALE);
            cancelTimer(e);
        }
        SkBuff skb;
        while ((skb = e.queue.pollFirst()) != null) ops.transmit(skb, dev, e.mac);
    }
}
