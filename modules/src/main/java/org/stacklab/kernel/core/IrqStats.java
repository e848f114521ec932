package org.stacklab.kernel.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-IRQ interrupt counts of one kernel ({@code kstat_irqs}), which /proc/interrupts prints. A
 * driver registers its line when it requests the IRQ and counts every interrupt its handler takes,
 * so interrupt moderation (ITR) and NAPI polling show up as counts that grow slower than packets.
 */
public final class IrqStats {
    /** One requested interrupt line: {@code request_irq(irq, handler, flags, name, dev)}. */
    public static final class Line {
        public final int irq;
        public final String name;
        public final String chip;
        long count;

        Line(int irq, String name, String chip) {
            this.irq = irq;
            this.name = name;
            this.chip = chip;
        }

        public long count() { return count; }
    }

    private final Map<Integer, Line> lines = new TreeMap<>();

    public static IrqStats of(Kernel kernel) {
        return kernel.subsystem(IrqStats.class, IrqStats::new);
    }

    /** The driver took {@code irq} for the device {@code name} ({@code request_irq}). */
    public void request(int irq, String name) {
        lines.computeIfAbsent(irq, i -> new Line(i, name, "IO-APIC"));
    }

    /** The line was released ({@code free_irq}). */
    public void free(int irq) {
        lines.remove(irq);
        if (last != null && last.irq == irq) last = null;
    }

    /** The line counted last: a NIC interrupting twice per frame finds it without a map lookup. */
    private Line last;

    /** One interrupt was delivered on {@code irq} (counted even if the line was never requested). */
    public void count(int irq) {
        Line l = last;
        if (l == null || l.irq != irq) {
            l = lines.computeIfAbsent(irq, i -> new Line(i, "", "IO-APIC"));
            last = l;
        }
        l.count++;
    }

    /** Interrupts delivered on {@code irq} so far. */
    public long interrupts(int irq) {
        Line l = lines.get(irq);
        return l == null ? 0 : l.count;
    }

    /** Lines in IRQ order. */
    public Collection<Line> lines() { return List.copyOf(lines.values()); }
}
