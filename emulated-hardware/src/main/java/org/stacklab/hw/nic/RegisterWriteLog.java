package org.stacklab.hw.nic;

import org.stacklab.hw.bus.e1000.E1000Regs;
import org.stacklab.sim.Time;

/**
 * The last {@value #CAPACITY} MMIO writes a device received, kept in fixed arrays so logging a write
 * costs no allocation. A fault report ends with them: they are usually the driver's mistake.
 */
final class RegisterWriteLog {
    static final int CAPACITY = 10;

    private final long[] time = new long[CAPACITY];
    private final int[] offset = new int[CAPACITY];
    private final int[] value = new int[CAPACITY];
    private long total;

    /** Slot of the next write: {@code total % CAPACITY}, kept so the per-write path does no division. */
    private int next;

    void record(long now, int off, int val) {
        int i = next;
        time[i] = now;
        offset[i] = off;
        value[i] = val;
        next = i + 1 == CAPACITY ? 0 : i + 1;
        total++;
    }

    void clear() { total = 0; next = 0; }

    /** One line per write, oldest first: {@code   0.000012  TDT <- 0x00000013 (19)}. */
    String format(String indent) {
        StringBuilder sb = new StringBuilder();
        long first = Math.max(0, total - CAPACITY);
        for (long k = first; k < total; k++) {
            int i = (int) (k % CAPACITY);
            sb.append(indent).append(Time.format(time[i])).append("  ")
                    .append(String.format("%-6s <- 0x%08x (%d)", E1000Regs.name(offset[i]), value[i], value[i]))
                    .append('\n');
        }
        if (total == 0) sb.append(indent).append("(none)\n");
        return sb.toString();
    }
}
