package org.stacklab.kernel.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** The kernel ring buffer that {@code dmesg} prints: {@code [    0.000123] eth0: link becomes ready}. */
public final class KernelLog {
    public static final int CAPACITY = 4096;

    private final LongSupplier clock;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private boolean echo;

    public KernelLog(LongSupplier clock) {
        this.clock = clock;
    }

    public void info(String message) { add("", message); }

    public void warn(String message) { add("WARNING: ", message); }

    public void error(String message) { add("ERROR: ", message); }

    private void add(String level, String message) {
        long t = clock.getAsLong();
        String line = String.format("[%5d.%06d] %s%s", t / 1_000_000_000L, (t / 1000) % 1_000_000, level, message);
        if (lines.size() >= CAPACITY) lines.removeFirst();
        lines.addLast(line);
        if (echo) System.out.println(line);
    }

    /** Also print every line as it is logged. */
    public void setEcho(boolean echo) { this.echo = echo; }

    public List<String> lines() { return new ArrayList<>(lines); }

    public void clear() { lines.clear(); }

    public boolean contains(String text) {
        for (String l : lines) if (l.contains(text)) return true;
        return false;
    }
}
