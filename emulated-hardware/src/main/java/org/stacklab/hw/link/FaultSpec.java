package org.stacklab.hw.link;

/**
 * What a {@link FaultInjector} does to frames, each a probability per frame (0..1).
 *
 * @param drop      the frame is lost
 * @param duplicate the frame arrives twice
 * @param reorder   the frame is held back and arrives after the next one
 * @param delay     the frame arrives late by a uniform 1..{@code jitterNs}
 * @param jitterNs  the largest extra delay
 * @param corrupt   one bit of the frame is flipped
 */
public record FaultSpec(double drop, double duplicate, double reorder, double delay, long jitterNs, double corrupt) {
    public static final FaultSpec NONE = new FaultSpec(0, 0, 0, 0, 0, 0);

    public FaultSpec {
        check("drop", drop);
        check("duplicate", duplicate);
        check("reorder", reorder);
        check("delay", delay);
        check("corrupt", corrupt);
        if (jitterNs < 0) throw new IllegalArgumentException("negative jitter " + jitterNs);
        if (delay > 0 && jitterNs == 0) throw new IllegalArgumentException("delay probability " + delay + " needs a jitter > 0");
    }

    private static void check(String what, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(what + " probability " + p + " outside 0..1");
    }

    public FaultSpec withDrop(double p) { return new FaultSpec(p, duplicate, reorder, delay, jitterNs, corrupt); }
    public FaultSpec withDuplicate(double p) { return new FaultSpec(drop, p, reorder, delay, jitterNs, corrupt); }
    public FaultSpec withReorder(double p) { return new FaultSpec(drop, duplicate, p, delay, jitterNs, corrupt); }
    public FaultSpec withDelay(double p, long maxJitterNs) { return new FaultSpec(drop, duplicate, reorder, p, maxJitterNs, corrupt); }
    public FaultSpec withCorrupt(double p) { return new FaultSpec(drop, duplicate, reorder, delay, jitterNs, p); }
}
