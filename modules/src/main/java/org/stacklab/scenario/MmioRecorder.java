package org.stacklab.scenario;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.hw.bus.IrqLine;
import org.stacklab.hw.bus.Mmio;
import org.stacklab.hw.bus.PciDevice;
import org.stacklab.hw.bus.e1000.E1000Regs;
import org.stacklab.sim.EventLoop;

/**
 * Stands between a driver and its device on the bus and records every register access, so a test
 * can check the driver's register protocol (reset before reading the MAC, IMC in the interrupt
 * handler, IMS only after the poll drained the ring, one RDT write per poll). Keeps the last
 * {@link #CAPACITY} accesses.
 */
public final class MmioRecorder implements PciDevice {
    public static final int CAPACITY = 100_000;

    /** One register access at virtual time {@code time}. */
    public record Access(long time, boolean write, int offset, int value) {
        @Override
        public String toString() {
            return String.format("%s %s %s 0x%08x", org.stacklab.sim.Time.format(time), write ? "W" : "R",
                    E1000Regs.name(offset), value);
        }
    }

    private final PciDevice inner;
    private final EventLoop loop;
    private final ArrayDeque<Access> log = new ArrayDeque<>();
    private final Mmio mmio;

    public MmioRecorder(PciDevice inner, EventLoop loop) {
        this.inner = inner;
        this.loop = loop;
        Mmio regs = inner.mmio();
        this.mmio = new Mmio() {
            @Override
            public int read32(int offset) {
                int v = regs.read32(offset);
                add(new Access(loop.now(), false, offset, v));
                return v;
            }

            @Override
            public void write32(int offset, int value) {
                add(new Access(loop.now(), true, offset, value));
                regs.write32(offset, value);
            }
        };
    }

    private void add(Access a) {
        if (log.size() >= CAPACITY) log.removeFirst();
        log.addLast(a);
    }

    /** Accesses, oldest first. */
    public List<Access> accesses() { return new ArrayList<>(log); }

    /** Values written to the register at {@code offset}, in order. */
    public List<Integer> writes(int offset) {
        List<Integer> out = new ArrayList<>();
        for (Access a : log) if (a.write() && a.offset() == offset) out.add(a.value());
        return out;
    }

    /** Times the register at {@code offset} was read ({@code write} false) or written. */
    public long count(int offset, boolean write) {
        long n = 0;
        for (Access a : log) if (a.write() == write && a.offset() == offset) n++;
        return n;
    }

    public void clear() { log.clear(); }

    @Override public String slot() { return inner.slot(); }
    @Override public int vendorId() { return inner.vendorId(); }
    @Override public int deviceId() { return inner.deviceId(); }
    @Override public Mmio mmio() { return mmio; }
    @Override public DmaMemory memory() { return inner.memory(); }
    @Override public IrqLine irq() { return inner.irq(); }
}
