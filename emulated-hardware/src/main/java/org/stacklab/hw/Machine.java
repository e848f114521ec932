package org.stacklab.hw;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.hw.irq.InterruptController;
import org.stacklab.hw.mem.PhysicalMemory;
import org.stacklab.hw.nic.E1000;
import org.stacklab.sim.EventLoop;

/**
 * One host's hardware: RAM, an interrupt controller and the NICs on its PCI bus, all driven by the
 * scenario's event loop. The kernel sees each NIC only as a {@link org.stacklab.hw.bus.PciDevice}.
 *
 * <pre>{@code
 * EventLoop loop = EventLoop.virtual(42);
 * Machine h1 = new Machine(loop, "h1");
 * E1000 eth0 = h1.addE1000(0x525400000001L);     // 0000:00:03.0, IRQ 11
 * }</pre>
 */
public final class Machine {
    /** Default RAM: enough for rings and buffers of a few NICs and the kernel's DMA pool. */
    public static final long DEFAULT_MEMORY = 32L << 20;
    /** IRQ numbers NICs get in slot order, as a PC's PCI interrupt routing hands them out. */
    private static final int[] NIC_IRQS = {11, 10, 9, 5, 7, 3, 4, 6, 12, 14, 15};

    private final EventLoop loop;
    private final String name;
    private final PhysicalMemory memory;
    private final InterruptController interrupts;
    private final List<E1000> nics = new ArrayList<>();

    public Machine(EventLoop loop, String name) {
        this(loop, name, DEFAULT_MEMORY);
    }

    public Machine(EventLoop loop, String name, long memoryBytes) {
        this.loop = loop;
        this.name = name;
        this.memory = new PhysicalMemory(memoryBytes);
        this.interrupts = new InterruptController(loop, name);
    }

    public EventLoop loop() { return loop; }

    public String name() { return name; }

    public PhysicalMemory memory() { return memory; }

    public InterruptController interrupts() { return interrupts; }

    /** Plugs an 82540EM into the next free slot (0000:00:03.0, 0000:00:04.0, ...) with permanent address {@code mac}. */
    public E1000 addE1000(long mac) {
        int i = nics.size();
        if (i >= NIC_IRQS.length) throw new IllegalStateException(name + ": no free PCI slot for another NIC");
        String slot = String.format("0000:00:%02x.0", 3 + i);
        E1000 nic = new E1000(loop, name, slot, mac, memory, interrupts.line(NIC_IRQS[i]));
        nics.add(nic);
        return nic;
    }

    /** NICs in slot order. */
    public List<E1000> nics() { return List.copyOf(nics); }

    @Override
    public String toString() {
        return "Machine[" + name + ", " + memory + ", " + nics.size() + " NIC(s)]";
    }
}
