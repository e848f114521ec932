package org.stacklab.kernel.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A host's packet trace, one tcpdump-style line per frame sent or received:
 * {@code 12.000345 eth0 > IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 65535, length 0}.
 *
 * <p>Frames are copied into a bounded ring as they pass and formatted only when someone reads the
 * trace, so tracing costs one copy per frame; benchmarks {@linkplain #setEnabled switch it off}.
 */
public final class PacketTrace {
    /** One traced frame. */
    public record Entry(long time, String dev, boolean outgoing, byte[] frame, int devType) {
        /** tcpdump's one-line form, without the device column. */
        public String line() {
            return TcpdumpFormat.timestamp(time) + " " + TcpdumpFormat.describe(frame, 0, frame.length, devType);
        }

        /** The line with device and direction: {@code 0.001000 eth0 Out IP ...}. */
        public String lineWithDevice() {
            return TcpdumpFormat.timestamp(time) + " " + dev + (outgoing ? " Out " : " In  ")
                    + TcpdumpFormat.describe(frame, 0, frame.length, devType);
        }
    }

    private final int capacity;
    private final ArrayDeque<Entry> ring;
    private boolean enabled = true;
    private long total;
    private Consumer<Entry> listener;

    public PacketTrace(int capacity) {
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public void setEnabled(boolean on) { enabled = on; }

    public boolean isEnabled() { return enabled; }

    /** Called for every traced frame as it happens (live trace in the shell and demo). */
    public void setListener(Consumer<Entry> l) { listener = l; }

    /** Records {@code len} bytes of {@code buf} from {@code off} as seen on {@code dev}. */
    public void record(long time, NetDevice dev, boolean outgoing, byte[] buf, int off, int len) {
        if (!enabled) return;
        total++;
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        Entry e = new Entry(time, dev.name(), outgoing, copy, dev.type());
        if (ring.size() >= capacity) ring.removeFirst();
        ring.addLast(e);
        if (listener != null) listener.accept(e);
    }

    public List<Entry> entries() { return new ArrayList<>(ring); }

    /** Formatted lines, oldest first. */
    public List<String> lines() {
        List<String> out = new ArrayList<>(ring.size());
        for (Entry e : ring) out.add(e.line());
        return out;
    }

    /** The last {@code n} formatted lines. */
    public List<String> tail(int n) {
        List<String> all = lines();
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** Frames traced since boot (including ones that have left the ring). */
    public long total() { return total; }

    public void clear() { ring.clear(); }
}
