package org.stacklab.kernel.core;

/**
 * One device's NAPI context: the poll function the softirq calls with a budget, and its weight.
 *
 * <p>The driver's IRQ handler masks the device's interrupts and calls {@link Kernel#napiSchedule};
 * the NET_RX softirq then calls {@link Poll#poll} with at most {@link #weight()} frames of budget.
 * A poll that used less than its budget has drained the ring: it calls {@link #complete(int)} and
 * unmasks interrupts. One that used all of it stays scheduled and is polled again, so a flood of
 * frames costs polls, not interrupts.
 */
public final class NapiStruct {
    /** Linux's NAPI_POLL_WEIGHT. */
    public static final int DEFAULT_WEIGHT = 64;

    /** The driver's poll routine. Returns the number of frames processed, never more than budget. */
    @FunctionalInterface
    public interface Poll {
        int poll(NapiStruct napi, int budget);
    }

    private final NetDevice dev;
    private final Poll poll;
    private final int weight;
    boolean scheduled;
    /** True while the softirq is inside this context's poll (it is off the poll list then). */
    boolean polling;
    private long polls;
    private long framesPolled;
    private int maxWorkSeen;

    public NapiStruct(NetDevice dev, Poll poll, int weight) {
        this.dev = dev;
        this.poll = poll;
        this.weight = weight;
    }

    public NetDevice dev() { return dev; }
    public int weight() { return weight; }
    public boolean isScheduled() { return scheduled; }

    /** Times poll was called. */
    public long polls() { return polls; }
    /** Frames all polls reported. */
    public long framesPolled() { return framesPolled; }
    /** The most work one poll ever reported (never above weight for a correct driver). */
    public int maxWorkSeen() { return maxWorkSeen; }

    /** The driver is done: the ring is drained (napi_complete_done). */
    public void complete(int workDone) {
        scheduled = false;
    }

    int runPoll(int budget) {
        polls++;
        polling = true;
        int work;
        try {
            work = poll.poll(this, budget);
        } finally {
            polling = false;
        }
        framesPolled += Math.max(0, work);
        maxWorkSeen = Math.max(maxWorkSeen, work);
        return work;
    }
}
