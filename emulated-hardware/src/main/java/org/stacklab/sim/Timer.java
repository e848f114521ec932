package org.stacklab.sim;

/**
 * A scheduled event. Cancelling is O(1): the event stays in the queue, marked dead, and is skipped
 * when its time comes (the way hrtimers are lazily removed).
 *
 * <p>A timer made with {@link EventLoop#newTimer} can be {@linkplain EventLoop#rescheduleAt
 * scheduled again} once it has run: hardware that fires once per frame (a NIC's transmit engine, a
 * wire's delivery) reuses one timer instead of allocating an event per frame.
 */
public final class Timer implements Comparable<Timer> {
    private final EventLoop loop;
    long when;
    long seq;
    final Runnable action;
    final String label;
    private boolean cancelled;
    /** In the loop's queue (live or cancelled); false once it ran or was purged. */
    boolean queued;
    /** Slot in the loop's {@link EventQueue} heap, -1 when not in it. */
    int heapIndex = -1;

    Timer(EventLoop loop, long when, long seq, Runnable action, String label) {
        this.loop = loop;
        this.when = when;
        this.seq = seq;
        this.action = action;
        this.label = label;
    }

    /** Virtual time (ns) at which this event runs (or last ran). */
    public long when() { return when; }

    /** Order among events at the same virtual time: the order they were scheduled in. */
    public long seq() { return seq; }

    /** What this event is, for traces ({@code null} if unlabelled). */
    public String label() { return label; }

    /** Stops the event from running. Cancelling a fired, cancelled or idle timer does nothing. */
    public void cancel() {
        if (cancelled || !queued) return;
        cancelled = true;
        loop.cancelled();
    }

    /** True while the event is scheduled and not cancelled. */
    public boolean isPending() { return queued && !cancelled; }

    boolean cancelled() { return cancelled; }

    /** Back to live for a new scheduling. */
    void revive(long when, long seq) {
        this.when = when;
        this.seq = seq;
        this.cancelled = false;
        this.queued = true;
    }

    @Override
    public int compareTo(Timer o) {
        int c = Long.compare(when, o.when);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public String toString() {
        return "Timer[" + Time.format(when) + " #" + seq + (label == null ? "" : " " + label) + "]";
    }
}
