package org.stacklab.hw.link;

import java.util.Arrays;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Timer;

/**
 * A point-to-point cable between two ports, full duplex: each direction serializes frames at the
 * link's bandwidth, one after another, and delivers each one {@link LinkSpec#propagationNs} after
 * its last bit left. Frames longer than the MTU allows are dropped and counted; frames beyond the
 * transmit queue are tail-dropped and counted.
 *
 * <p>Pulling the cable ({@link #unplugCable()}) drops carrier on both ports (a NIC raises LSC) and
 * loses the frames in flight; {@link #plugCable()} brings carrier back.
 */
public final class Wire {
    private final EventLoop loop;
    private final LinkSpec spec;
    private final Port a;
    private final Port b;
    private final Direction ab;
    private final Direction ba;
    private boolean plugged;

    private Wire(EventLoop loop, Port a, Port b, LinkSpec spec) {
        this.loop = loop;
        this.spec = spec;
        this.a = a;
        this.b = b;
        this.ab = new Direction(a.name() + " > " + b.name(), b);
        this.ba = new Direction(b.name() + " > " + a.name(), a);
    }

    /** Connects {@code a} and {@code b} with a cable of {@code spec}; both ports see carrier at once. */
    public static Wire connect(EventLoop loop, Port a, Port b, LinkSpec spec) {
        Wire w = new Wire(loop, a, b, spec);
        w.plugCable();
        return w;
    }

    public LinkSpec spec() { return spec; }

    public Port portA() { return a; }

    public Port portB() { return b; }

    public boolean isPlugged() { return plugged; }

    /** Connects the cable: carrier up on both ports. */
    public void plugCable() {
        if (plugged) return;
        plugged = true;
        a.plugged(ab);
        b.plugged(ba);
    }

    /** Pulls the cable: frames in flight are lost, both ports lose carrier. */
    public void unplugCable() {
        if (!plugged) return;
        plugged = false;
        ab.loseInFlight();
        ba.loseInFlight();
        a.unplugged();
        b.unplugged();
    }

    /** Counters of the direction {@code from} transmits on. */
    public Counters counters(Port from) {
        if (from == a) return ab.counters;
        if (from == b) return ba.counters;
        throw new IllegalArgumentException(from.name() + " is not an end of this wire");
    }

    /** What one direction of a wire did. */
    public static final class Counters {
        long frames, bytes, oversize, queueDrops, carrierDrops, lostInFlight;

        /** Frames delivered to the far port. */
        public long frames() { return frames; }
        /** Bytes of those frames (without FCS). */
        public long bytes() { return bytes; }
        /** Frames dropped for exceeding the MTU. */
        public long oversize() { return oversize; }
        /** Frames tail-dropped because the transmit queue was full. */
        public long queueDrops() { return queueDrops; }
        /** Frames sent while the cable was out. */
        public long carrierDrops() { return carrierDrops; }
        /** Frames on the wire when the cable was pulled. */
        public long lostInFlight() { return lostInFlight; }

        @Override
        public String toString() {
            return "frames=" + frames + " bytes=" + bytes + " oversize=" + oversize + " queueDrops=" + queueDrops
                    + " carrierDrops=" + carrierDrops + " lostInFlight=" + lostInFlight;
        }
    }

    @Override
    public String toString() { return "Wire[" + a.name() + " <-> " + b.name() + ", " + spec + "]"; }

    /**
     * One direction: a FIFO of frames in flight (serializing or propagating) with their arrival times.
     * Propagation is constant, so arrivals are in FIFO order and one pending event suffices.
     */
    private final class Direction implements LinkEnd {
        private final Port to;
        /** Fires at the head frame's arrival; rescheduled, never reallocated. */
        private final Timer delivery;
        private final Counters counters = new Counters();
        private byte[][] frames = new byte[64][];
        private long[] arrival = new long[64];
        private long[] start = new long[64];
        private int head, size;
        private long busyUntil;

        Direction(String label, Port to) {
            this.to = to;
            this.delivery = loop.newTimer(this::deliverDue, label);
        }

        @Override public long readyAt() { return busyUntil; }

        @Override public int maxFrame() { return spec.maxFrame(); }

        @Override
        public long transmit(byte[] frame) {
            long now = loop.now();
            if (!plugged) {
                counters.carrierDrops++;
                return now;
            }
            if (frame.length > spec.maxFrame()) {
                counters.oversize++;
                return Math.max(now, busyUntil);
            }
            if (busyUntil > now && queuedBehind(now, spec.txQueueLen()) >= spec.txQueueLen()) {
                counters.queueDrops++;
                return busyUntil;
            }
            long begin = Math.max(now, busyUntil);
            busyUntil = begin + spec.serializationNs(frame.length);
            push(frame, begin, busyUntil + spec.propagationNs());
            if (!delivery.isPending()) loop.rescheduleAt(delivery, arrival[head]);
            return busyUntil;
        }

        /**
         * Frames that have not started serializing at {@code now}, counted up to {@code limit}. Start
         * times grow along the FIFO, so the waiting frames are its newest entries.
         */
        private int queuedBehind(long now, int limit) {
            int mask = frames.length - 1;
            int n = 0;
            while (n < size && n <= limit && start[(head + size - 1 - n) & mask] > now) n++;
            return n;
        }

        private void push(byte[] frame, long begin, long at) {
            if (size == frames.length) grow();
            int i = (head + size) & (frames.length - 1);
            frames[i] = frame;
            start[i] = begin;
            arrival[i] = at;
            size++;
        }

        private void grow() {
            int n = frames.length;
            byte[][] f = new byte[n * 2][];
            long[] ar = new long[n * 2];
            long[] st = new long[n * 2];
            for (int k = 0; k < size; k++) {
                int i = (head + k) & (n - 1);
                f[k] = frames[i];
                ar[k] = arrival[i];
                st[k] = start[i];
            }
            frames = f;
            arrival = ar;
            start = st;
            head = 0;
        }

        private void deliverDue() {
            long now = loop.now();
            while (size > 0 && arrival[head] <= now) {
                byte[] f = frames[head];
                frames[head] = null;
                head = (head + 1) & (frames.length - 1);
                size--;
                counters.frames++;
                counters.bytes += f.length;
                to.receive(f);
            }
            if (size > 0 && !delivery.isPending()) loop.rescheduleAt(delivery, arrival[head]);
        }

        void loseInFlight() {
            counters.lostInFlight += size;
            Arrays.fill(frames, null);
            head = 0;
            size = 0;
            busyUntil = loop.now();
            delivery.cancel();
        }
    }
}
