package org.stacklab.hw.tap;

import java.io.Closeable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.stacklab.hw.link.LinkEnd;
import org.stacklab.hw.link.Port;
import org.stacklab.sim.EventLoop;

/**
 * A cable from an emulated port to a real Linux TAP interface: the Linux kernel becomes the
 * device at the other end. Frames Linux sends out of the TAP arrive at the port; frames the port
 * transmits are handed to Linux as if they had arrived on the TAP.
 *
 * <pre>{@code
 * EventLoop loop = EventLoop.realTime(seed);             // virtual time follows the wall clock
 * Port eth0 = host.addNic();
 * TapBridge tap = TapBridge.open(loop, "tap0");          // TapException: one line saying what to fix
 * tap.connect(PcapTap.wrap(loop, eth0, Path.of("tap0.pcap")));
 * ... run the loop ...
 * tap.close();
 * }</pre>
 *
 * <p>A dedicated reader thread waits on the TAP and {@linkplain EventLoop#post posts} each frame
 * into the loop, which delivers it at the virtual time it picks it up: the loop must be
 * {@linkplain EventLoop#realTime real-time}, or TCP's timers would race ahead of a peer that lives
 * in wall time. Transmission runs on the loop's thread and writes straight to the TAP; Linux takes
 * a frame in microseconds, so the link never holds a queue of its own ({@link #readyAt} is now).
 *
 * <p>If the loop falls behind, at most {@value #MAX_PENDING} received frames wait for it; later ones
 * are dropped and counted, as a NIC drops when its receive ring is full.
 */
public final class TapBridge implements LinkEnd, Closeable {
    /** Received frames waiting for the loop before the bridge drops (a receive ring's worth). */
    public static final int MAX_PENDING = 4096;
    /** Ethernet MTU 1500 + 14-byte header + a VLAN tag: the largest frame either side carries. */
    public static final int MAX_FRAME = 1518;
    /** How often the reader thread looks at whether it should stop. */
    static final int POLL_MS = 100;

    private final EventLoop loop;
    private final TapDevice dev;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counters counters = new Counters();
    private Port port;
    private Thread reader;
    private volatile boolean running;
    private volatile String failure;

    private TapBridge(EventLoop loop, TapDevice dev) {
        this.loop = loop;
        this.dev = dev;
    }

    /** Opens TAP {@code ifname} for a scenario driven by {@code loop} (which must be real-time). */
    public static TapBridge open(EventLoop loop, String ifname) throws TapException {
        if (!loop.isRealTime()) {
            throw new IllegalArgumentException("a TAP bridge needs a real-time loop (EventLoop.realTime(seed)):"
                    + " Linux lives in wall time");
        }
        return new TapBridge(loop, TapDevice.open(ifname));
    }

    /** The TAP interface's name on the Linux side. */
    public String ifname() { return dev.name(); }

    public Counters counters() { return counters; }

    /** Why the reader stopped early (the interface was deleted under us), or null. */
    public String failure() { return failure; }

    /**
     * Plugs the cable into {@code port} (carrier up) and starts reading. Call before the loop runs,
     * or on the loop's thread.
     */
    public void connect(Port p) {
        if (port != null) throw new IllegalStateException(ifname() + " is already connected to " + port.name());
        port = p;
        p.plugged(this);
        running = true;
        reader = new Thread(this::readLoop, "tap-reader[" + ifname() + "]");
        reader.setDaemon(true);
        reader.start();
    }

    /** The reader thread: Linux's frames into the loop. Nothing here touches scenario state. */
    private void readLoop() {
        try {
            while (running) {
                byte[] frame = dev.read(POLL_MS);
                if (frame == null) continue;
                if (pending.incrementAndGet() > MAX_PENDING) {
                    pending.decrementAndGet();
                    counters.rxDropped.incrementAndGet();
                    continue;
                }
                loop.post(() -> deliver(frame));
            }
        } catch (TapException e) {
            failure = e.getMessage();
            running = false;
            loop.post(() -> { }); // wake the loop so whoever runs it sees failure()
        }
    }

    /** On the loop's thread: the frame has fully arrived at the port. */
    private void deliver(byte[] frame) {
        pending.decrementAndGet();
        Port p = port;
        if (p == null) return;
        if (frame.length > MAX_FRAME) {
            counters.oversize.incrementAndGet();
            return;
        }
        counters.rxFrames.incrementAndGet();
        counters.rxBytes.addAndGet(frame.length);
        p.receive(frame);
    }

    @Override
    public long transmit(byte[] frame) {
        long now = loop.now();
        if (frame.length > MAX_FRAME) {
            counters.oversize.incrementAndGet();
            return now;
        }
        int errno = dev.write(frame);
        if (errno == 0) {
            counters.txFrames.incrementAndGet();
            counters.txBytes.addAndGet(frame.length);
        } else {
            // EIO: the Linux side is down (ip link set NAME up); the frame is lost, as without carrier.
            counters.txErrors.incrementAndGet();
        }
        return now;
    }

    @Override public long readyAt() { return loop.now(); }

    @Override public int maxFrame() { return MAX_FRAME; }

    /**
     * Pulls the cable (the port loses carrier), stops the reader and detaches from the TAP. Call
     * on the loop's thread or once the loop has stopped; idempotent.
     */
    @Override
    public void close() {
        running = false;
        Thread r = reader;
        if (r != null) {
            try {
                r.join(2L * POLL_MS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reader = null;
        }
        Port p = port;
        port = null;
        if (p != null) p.unplugged();
        dev.close();
    }

    /** What crossed the bridge; readable from any thread. */
    public static final class Counters {
        final AtomicLong rxFrames = new AtomicLong();
        final AtomicLong rxBytes = new AtomicLong();
        final AtomicLong txFrames = new AtomicLong();
        final AtomicLong txBytes = new AtomicLong();
        final AtomicLong rxDropped = new AtomicLong();
        final AtomicLong txErrors = new AtomicLong();
        final AtomicLong oversize = new AtomicLong();

        /** Frames from Linux delivered to the port. */
        public long rxFrames() { return rxFrames.get(); }
        public long rxBytes() { return rxBytes.get(); }
        /** Frames from the port handed to Linux. */
        public long txFrames() { return txFrames.get(); }
        public long txBytes() { return txBytes.get(); }
        /** Frames from Linux dropped because the loop was {@value TapBridge#MAX_PENDING} frames behind. */
        public long rxDropped() { return rxDropped.get(); }
        /** Frames Linux refused (its side of the TAP was down). */
        public long txErrors() { return txErrors.get(); }
        /** Frames longer than {@value TapBridge#MAX_FRAME} bytes, either way. */
        public long oversize() { return oversize.get(); }

        @Override
        public String toString() {
            return "rx " + rxFrames() + " frames " + rxBytes() + " bytes, tx " + txFrames() + " frames " + txBytes()
                    + " bytes, rx dropped " + rxDropped() + ", tx errors " + txErrors() + ", oversize " + oversize();
        }
    }
}
