package org.stacklab.hw.bench;

import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import org.stacklab.hw.Machine;
import org.stacklab.hw.link.Frames;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.hw.link.Wire;
import org.stacklab.hw.nic.E1000;
import org.stacklab.hw.testing.RawE1000Driver;
import org.stacklab.sim.EventLoop;

/**
 * How fast the emulated hardware moves frames, in wall-clock time: N frames of 1514 bytes from one
 * e1000's TX ring, over a 10 Gbit/s wire, into another e1000's RX ring, with interrupt-driven raw
 * drivers on both ends (the sender refills its ring on TXDW, the receiver drains on RXT0, both
 * moderated by ITR). Every frame is copied three times (driver → TX buffer, TX DMA, RX DMA), as on
 * a real machine.
 *
 * <pre>
 * java -cp emulated-hardware/target/classes org.stacklab.hw.bench.NicBench --frames 1000000
 * </pre>
 *
 * Prints {@code name=value} lines: frames, wall_s, frames_per_sec, gbps (of frame bytes per wall
 * second), the loop thread's CPU time (honest on a busy machine), and the virtual-time figures.
 */
public final class NicBench {
    private static final int FRAME = 1514;
    private static final int RING = 256;
    private static final int ITR_VALUE = 40; // 10.24 µs: about 8 frames at 10 Gbit/s per interrupt

    private final EventLoop loop = EventLoop.virtual(1);
    private final RawE1000Driver tx;
    private final RawE1000Driver rx;
    private final E1000 txNic;
    private final E1000 rxNic;
    private final byte[] frame;
    private final long frames;
    private long queued;
    private long received;

    private NicBench(long frames) {
        this.frames = frames;
        Machine a = new Machine(loop, "a", 8L << 20);
        Machine b = new Machine(loop, "b", 8L << 20);
        txNic = a.addE1000(0x525400000001L);
        rxNic = b.addE1000(0x525400000002L);
        Wire.connect(loop, txNic.port(), rxNic.port(), LinkSpec.gigabit().withBandwidth(10_000_000_000L).withTxQueueLen(0));
        tx = new RawE1000Driver(txNic, 0x10000, 8, RING);
        rx = new RawE1000Driver(rxNic, 0x10000, RING, 8);
        tx.init();
        rx.init();
        frame = Frames.build(rxNic.macAddress(), txNic.macAddress(), 0x88B5, FRAME);
        txNic.irq().request("bench-tx", this::txInterrupt);
        rxNic.irq().request("bench-rx", this::rxInterrupt);
        tx.enableInterrupts(ICR_TXDW, ITR_VALUE);
        rx.enableInterrupts(ICR_RXT0 | ICR_RXO, ITR_VALUE);
    }

    private void txInterrupt() {
        tx.readIcr();
        refill();
    }

    private void refill() {
        boolean any = false;
        while (queued < frames && tx.queue(frame, FRAME)) {
            queued++;
            any = true;
        }
        if (any) tx.flush();
    }

    private void rxInterrupt() {
        rx.readIcr();
        received += rx.drainRx(RING);
    }

    private void run() {
        refill();
        loop.runUntilIdle();
        if (received != frames) {
            throw new IllegalStateException("sent " + frames + " frames, received " + received
                    + " (MPC=" + rxNic.mmio().read32(MPC) + ", faults=" + txNic.faults() + rxNic.faults() + ")");
        }
    }

    public static void main(String[] args) {
        long frames = 1_000_000;
        long warmup = 200_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--frames": frames = Long.parseLong(args[++i]); break;
                case "--warmup": warmup = Long.parseLong(args[++i]); break;
                default:
                    System.err.println("usage: NicBench [--frames N] [--warmup N]");
                    System.exit(2);
            }
        }
        if (warmup > 0) new NicBench(warmup).run();

        NicBench b = new NicBench(frames);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        b.run();
        long wall = System.nanoTime() - t0;
        double cpuS = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        double wallS = wall / 1e9;
        System.out.println("frames=" + frames);
        System.out.println("frame_bytes=" + FRAME);
        System.out.println("wall_s=" + String.format("%.3f", wallS));
        System.out.println("frames_per_sec=" + Math.round(frames / wallS));
        System.out.println("gbps=" + String.format("%.2f", frames * FRAME * 8 / wallS / 1e9));
        // on a shared machine wall time includes waiting for a core; CPU time of the loop thread does not
        System.out.println("cpu_s=" + String.format("%.3f", cpuS));
        System.out.println("frames_per_cpu_sec=" + Math.round(frames / cpuS));
        System.out.println("virtual_s=" + String.format("%.6f", b.loop.now() / 1e9));
        System.out.println("virtual_gbps=" + String.format("%.2f", frames * FRAME * 8 / (b.loop.now() / 1e9) / 1e9));
        System.out.println("events=" + b.loop.eventsRun());
        System.out.println("tx_interrupts=" + b.txNic.interruptsRaised());
        System.out.println("rx_interrupts=" + b.rxNic.interruptsRaised());
    }
}
