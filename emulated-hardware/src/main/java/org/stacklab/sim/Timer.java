package org.stacklab.sim;

/**
 * A scheduled event. Cancelling is O(1): the event stays in the queue, marked dead, and is skipped
 * when its time comes (the way hrtimers are lazily removed).
 */
public final class Timer implements Comparable<Timer> {
    private final EventLoop loop;
    final long when;
    final long seq;
    final Runnable action;
    final String label;
    private boolean cancelled;
    private boolean fired;

    Timer(EventLoop loop, long when, long seq, Runnable action, String label) {
        this.loop = loop;
        this.when = when;
        this.seq = seq;
        this.action = action;
        this.label = label;
    }

    /** Virtual time (ns) at which this event runs. */
    public long when() { return when; }

    /** Order among events at the same virtual time: the order they were scheduled in. */
    public long seq() { return seq; }

    /** What this event is, for traces ({@code null} if unlabelled). */
    public String label() { return label; }

    /** Stops the event from running. Cancelling a fired or cancelled timer does nothing. */
    public void cancel() {
        if (cancelled || fired) return;
        cancelled = true;
        loop.cancelled();
    }

    /** True until the event has run or been cancelled. */
    public boolean isPending() { return !cancelled && !fired; }

    boolean cancelled() { return cancelled; }

    void markFired() { fired = true; }

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
