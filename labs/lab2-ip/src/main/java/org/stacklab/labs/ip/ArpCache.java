package org.stacklab.labs.ip;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.scaffold.AbstractArpCache;
import org.stacklab.kernel.ip.scaffold.IpMib;

/**
 * The neighbour cache (RFC 826, RFC 1122 §2.3.2, Linux's NUD states): the given
 * {@link AbstractArpCache} (entries, timers, states, queues) and your {@link #output} and {@link #update}.
 */
public final class ArpCache extends AbstractArpCache {
    public ArpCache(Kernel kernel, IpMib mib, NeighOps ops) {
        super(kernel, mib, ops);
    }

    /** Sends {@code skb} (data at the IP header) to the neighbour {@code ip} on {@code dev}, resolving it first if need be. */
    @Override
    public void output(SkBuff skb, int ip, NetDevice dev) {
        // TODO(3): known neighbour: ops.transmit; unknown: create, enqueue, startResolution (RFC 1122 §2.3.2.2)
        throw new UnsupportedOperationException("TODO: ArpCache.output (lab 2, step 3)");
    }

    /**
     * Records that {@code ip} is at {@code mac} ({@code neigh_update}). {@code confirmed} means
     * proof of two-way reachability (a reply addressed to us): the entry becomes REACHABLE;
     * otherwise a new or changed binding becomes STALE and a valid one keeps its state.
     * {@code create} false only refreshes an entry that already exists.
     */
    @Override
    public void update(NetDevice dev, int ip, long mac, boolean confirmed, boolean create) {
        // TODO(3): record ip -> mac, set the NUD state, flush the queued packets (RFC 826 "Packet Reception")
        throw new UnsupportedOperationException("TODO: ArpCache.update (lab 2, step 3)");
    }
}
