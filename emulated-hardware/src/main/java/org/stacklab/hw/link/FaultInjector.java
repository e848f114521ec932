package org.stacklab.hw.link;

import org.stacklab.sim.EventLoop;
import org.stacklab.sim.SeededRandom;
import org.stacklab.sim.Time;
import org.stacklab.sim.Timer;

/**
 * Wraps a port and misbehaves, seeded, on the frames arriving at it: one direction of a link. Wrap
 * both ends of a wire for faults both ways. Its random stream is forked from the scenario's by name,
 * so a run replays exactly from its seed and adding an injector elsewhere does not change this one.
 *
 * <pre>{@code
 * Port faulty = FaultInjector.wrap(loop, "h2-rx", nic2.port(), FaultSpec.NONE.withDrop(0.01).withReorder(0.02));
 * Wire.connect(loop, nic1.port(), faulty, LinkSpec.gigabit());
 * }</pre>
 *
 * <p>Per frame, in order: drop; otherwise corrupt one bit (on a copy); duplicate; hold back for
 * reordering; delay. A held-back frame is released right after the next frame, or after
 * {@link #REORDER_HOLD_NS} if none comes.
 */
public final class FaultInjector extends PortWrapper {
    /** Longest a frame is held back waiting for a frame to overtake it. */
    public static final long REORDER_HOLD_NS = Time.ms(1);

    private final EventLoop loop;
    private final String name;
    private final SeededRandom rnd;
    private final FaultSpec spec;
    private byte[] held;
    private Timer heldTimer;
    private long passed, dropped, duplicated, reordered, delayed, corrupted;

    private FaultInjector(EventLoop loop, String name, Port inner, FaultSpec spec) {
        super(inner);
        this.loop = loop;
        this.name = name;
        this.rnd = loop.random().fork("fault-injector:" + name);
        this.spec = spec;
    }

    /** Frames arriving at {@code port} suffer {@code spec}; {@code name} keys the random stream. */
    public static FaultInjector wrap(EventLoop loop, String name, Port port, FaultSpec spec) {
        return new FaultInjector(loop, name, port, spec);
    }

    public FaultSpec spec() { return spec; }

    @Override
    public void receive(byte[] frame) {
        if (rnd.chance(spec.drop())) {
            dropped++;
            return;
        }
        if (rnd.chance(spec.corrupt()) && frame.length > 0) {
            frame = frame.clone();
            int bit = rnd.nextInt(frame.length * 8);
            frame[bit >>> 3] ^= (byte) (1 << (bit & 7));
            corrupted++;
        }
        boolean dup = rnd.chance(spec.duplicate());
        if (dup) duplicated++;
        if (held == null && rnd.chance(spec.reorder())) {
            reordered++;
            held = frame;
            heldTimer = loop.schedule(REORDER_HOLD_NS, this::releaseHeld, "fault " + name + " release");
            if (dup) pass(frame);
            return;
        }
        pass(frame);
        if (dup) pass(frame);
        releaseHeld();
    }

    private void pass(byte[] frame) {
        if (rnd.chance(spec.delay())) {
            delayed++;
            long extra = 1 + rnd.nextLong(spec.jitterNs());
            loop.schedule(extra, () -> deliver(frame), "fault " + name + " delayed");
        } else {
            deliver(frame);
        }
    }

    private void deliver(byte[] frame) {
        passed++;
        inner.receive(frame);
    }

    private void releaseHeld() {
        if (held == null) return;
        byte[] f = held;
        held = null;
        heldTimer.cancel();
        heldTimer = null;
        deliver(f);
    }

    @Override
    public void unplugged() {
        held = null;
        if (heldTimer != null) heldTimer.cancel();
        heldTimer = null;
        super.unplugged();
    }

    /** Frames handed on to the wrapped port (duplicates count twice). */
    public long passed() { return passed; }
    public long dropped() { return dropped; }
    public long duplicated() { return duplicated; }
    public long reordered() { return reordered; }
    public long delayed() { return delayed; }
    public long corrupted() { return corrupted; }

    @Override
    public String toString() {
        return "FaultInjector[" + name + " " + spec + "] passed=" + passed + " dropped=" + dropped + " duplicated="
                + duplicated + " reordered=" + reordered + " delayed=" + delayed + " corrupted=" + corrupted;
    }
}
