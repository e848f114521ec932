package org.stacklab.hw.irq;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.stacklab.hw.bus.IrqLine;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Timer;

/**
 * A host's interrupt controller (think of the I/O APIC): numbered, level-triggered lines.
 *
 * <p>A device drives its line with {@link Line#assertLine()} / {@link Line#deassertLine()}; the kernel
 * sees the same line as an {@link IrqLine} and installs a handler. The handler never runs inside the
 * device's call: delivery is a separate event at the current virtual time, the way a hard IRQ is
 * taken between instructions. Because lines are level-triggered, a line still asserted and unmasked
 * after its handler returns is delivered again, in a new event.
 *
 * <p>A line delivered {@value #STORM_LIMIT} times without virtual time moving is a stuck line whose
 * handler never quiets the device; it is masked with Linux's "nobody cared" message, so a buggy
 * handler cannot hang the scenario.
 */
public final class InterruptController {
    /** Deliveries at one virtual instant after which a line counts as stuck (Linux uses 99,900 of 100,000 unhandled). */
    public static final int STORM_LIMIT = 100_000;

    private final EventLoop loop;
    private final String host;
    private final TreeMap<Integer, Line> lines = new TreeMap<>();
    private Consumer<String> log = msg -> { };

    public InterruptController(EventLoop loop) {
        this(loop, null);
    }

    /** A controller on host {@code host}, which prefixes its events' trace labels ({@code h1 irq 11}). */
    public InterruptController(EventLoop loop, String host) {
        this.loop = loop;
        this.host = host;
    }

    /** Where controller messages ("irq 11: nobody cared") go; the kernel points this at its log. */
    public void setLog(Consumer<String> log) { this.log = log == null ? msg -> { } : log; }

    /** Line {@code number}, created on first use. */
    public Line line(int number) {
        if (number < 0 || number > 255) throw new IllegalArgumentException("no irq line " + number + " (0..255)");
        return lines.computeIfAbsent(number, Line::new);
    }

    /** Lines in use, by number. */
    public List<Line> lines() { return new ArrayList<>(lines.values()); }

    /** The table {@code cat /proc/interrupts} shows: number, count, controller, owner. */
    public String procInterrupts() {
        StringBuilder sb = new StringBuilder("           CPU0\n");
        for (Line l : lines.values()) {
            sb.append(String.format("%4d: %10d   IO-APIC  %d-fasteoi   %s%n", l.number, l.count, l.number,
                    l.owner == null ? "" : l.owner));
        }
        return sb.toString();
    }

    /** One interrupt line: {@link IrqLine} for the kernel, assert/deassert for the device. */
    public final class Line implements IrqLine {
        private final int number;
        /** Delivery event, rescheduled for each interrupt. */
        private final Timer delivery;
        private String owner;
        private Runnable handler;
        private boolean asserted;
        private boolean masked;
        private boolean stormMasked;
        private long count;
        private long stormTime = -1;
        private int stormRun;

        private Line(int number) {
            this.number = number;
            this.delivery = loop.newTimer(this::deliver, (host == null ? "" : host + " ") + "irq " + number);
        }

        // ---- device side ----

        /** The device raises the line; the handler will run in its own event. */
        public void assertLine() {
            asserted = true;
            scheduleIfDeliverable();
        }

        /** The device drops the line; a delivery not yet taken is cancelled by the level check. */
        public void deassertLine() { asserted = false; }

        /** Sets the level: asserted while {@code level} is true. */
        public void setLevel(boolean level) {
            if (level) assertLine(); else deassertLine();
        }

        public boolean isAsserted() { return asserted; }

        // ---- kernel side ----

        @Override public int number() { return number; }

        @Override
        public void request(String owner, Runnable handler) {
            if (this.handler != null) {
                throw new IllegalStateException("irq " + number + " is already requested by " + this.owner
                        + " (request_irq would return -EBUSY)");
            }
            this.owner = owner;
            this.handler = handler;
            scheduleIfDeliverable();
        }

        @Override
        public void free() {
            handler = null;
            owner = null;
        }

        @Override
        public void mask() { masked = true; }

        @Override
        public void unmask() {
            masked = false;
            stormMasked = false;
            scheduleIfDeliverable();
        }

        @Override public long count() { return count; }

        /** Who requested the line, or null. */
        public String owner() { return owner; }

        public boolean isMasked() { return masked; }

        /** Asserted but not yet delivered (masked, no handler, or waiting for its event). */
        public boolean isPending() { return asserted && (masked || handler == null || delivery.isPending()); }

        /** True if the storm guard masked this line. */
        public boolean stormMasked() { return stormMasked; }

        private void scheduleIfDeliverable() {
            if (asserted && !masked && handler != null && !delivery.isPending()) {
                loop.rescheduleAt(delivery, loop.now());
            }
        }

        private void deliver() {
            if (!asserted || masked || handler == null) return;
            long now = loop.now();
            if (now != stormTime) {
                stormTime = now;
                stormRun = 0;
            }
            if (++stormRun > STORM_LIMIT) {
                masked = true;
                stormMasked = true;
                log.accept("irq " + number + ": nobody cared (the line stayed asserted through " + STORM_LIMIT
                        + " handler runs without time passing; does the handler read ICR to clear the cause?)");
                log.accept("Disabling IRQ #" + number);
                return;
            }
            count++;
            handler.run();
            scheduleIfDeliverable();
        }

        @Override
        public String toString() {
            return "irq " + number + (asserted ? " asserted" : "") + (masked ? " masked" : "")
                    + (owner == null ? "" : " (" + owner + ")");
        }
    }
}
