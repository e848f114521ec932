package org.stacklab.hw.link;

import org.stacklab.sim.Time;

/**
 * The physical properties of a link: bandwidth, propagation delay, MTU and how many frames may wait
 * to be serialized (a transmit queue, like {@code txqueuelen}).
 *
 * @param bandwidthBps      bits per second
 * @param propagationNs     time for a bit to cross the cable
 * @param mtu               largest payload (IP packet) a frame carries; frames over {@code mtu + 14} bytes are dropped
 * @param txQueueLen        frames that may wait behind the one serializing; more are tail-dropped
 */
public record LinkSpec(long bandwidthBps, long propagationNs, int mtu, int txQueueLen) {
    /** Preamble+SFD (8), FCS (4) and inter-frame gap (12): bytes a frame occupies on the wire beyond its own. */
    public static final int WIRE_OVERHEAD = 24;
    /** Frames shorter than this (without FCS) are padded on the wire. */
    public static final int MIN_FRAME = 60;
    public static final int ETH_HEADER = 14;

    public LinkSpec {
        if (bandwidthBps <= 0) throw new IllegalArgumentException("bandwidth must be positive: " + bandwidthBps);
        if (propagationNs < 0) throw new IllegalArgumentException("negative propagation delay: " + propagationNs);
        if (mtu < 68 || mtu > 65535) throw new IllegalArgumentException("MTU " + mtu + " outside 68..65535");
        if (txQueueLen < 0) throw new IllegalArgumentException("negative txQueueLen: " + txQueueLen);
    }

    /** 1 Gbit/s, 1 µs (200 m of cable), MTU 1500, 1000 frames of queue. */
    public static LinkSpec gigabit() { return new LinkSpec(1_000_000_000L, Time.us(1), 1500, 1000); }

    /** 100 Mbit/s, 1 µs, MTU 1500. */
    public static LinkSpec fastEthernet() { return new LinkSpec(100_000_000L, Time.us(1), 1500, 1000); }

    public LinkSpec withBandwidth(long bps) { return new LinkSpec(bps, propagationNs, mtu, txQueueLen); }
    public LinkSpec withDelay(long ns) { return new LinkSpec(bandwidthBps, ns, mtu, txQueueLen); }
    public LinkSpec withMtu(int m) { return new LinkSpec(bandwidthBps, propagationNs, m, txQueueLen); }
    public LinkSpec withTxQueueLen(int n) { return new LinkSpec(bandwidthBps, propagationNs, mtu, n); }

    /** Largest frame without FCS. */
    public int maxFrame() { return mtu + ETH_HEADER; }

    /** Nanoseconds a frame of {@code len} bytes (without FCS) occupies the medium, overhead included. */
    public long serializationNs(int len) {
        long bits = (long) (Math.max(len, MIN_FRAME) + WIRE_OVERHEAD) * 8;
        return (bits * 1_000_000_000L + bandwidthBps - 1) / bandwidthBps;
    }
}
