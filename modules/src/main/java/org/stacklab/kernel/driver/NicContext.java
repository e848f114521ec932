package org.stacklab.kernel.driver;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.hw.bus.Mmio;
import org.stacklab.hw.bus.PciDevice;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NapiStruct;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;

/**
 * What the framework hands a {@link NicDriver} for one device: the registers, physical memory for
 * rings and buffers, the net device and its NAPI context, and the way up into the stack.
 */
public final class NicContext {
    private final Kernel kernel;
    private final PciDevice pdev;
    private final NetDevice netdev;
    private final DmaAllocator allocator;
    private final List<DmaAllocator.Region> regions = new ArrayList<>();
    private NapiStruct napi;

    NicContext(Kernel kernel, PciDevice pdev, NetDevice netdev) {
        this.kernel = kernel;
        this.pdev = pdev;
        this.netdev = netdev;
        this.allocator = DmaAllocator.of(kernel, pdev.memory());
    }

    void setNapi(NapiStruct napi) { this.napi = napi; }

    public Kernel kernel() { return kernel; }

    /** The device's register window (BAR0): 32-bit reads and writes at the datasheet's offsets. */
    public Mmio regs() { return pdev.mmio(); }

    /** Physical memory, as the CPU sees it: read descriptors the device wrote, copy frames in and out. */
    public DmaMemory memory() { return pdev.memory(); }

    public PciDevice pciDevice() { return pdev; }

    /** The interface ({@code eth0}): set its MAC in probe; stop and wake its queue; carrier on/off. */
    public NetDevice netdev() { return netdev; }

    /** This device's NAPI context (weight 64). */
    public NapiStruct napi() { return napi; }

    /** Device name for log lines: {@code eth0}. */
    public String name() { return netdev.name(); }

    /**
     * Coherent DMA memory ({@code dma_alloc_coherent}), zero-filled, aligned to {@code align}
     * (at least 128); freed by the framework when the device is removed. Null when memory is
     * exhausted (return {@code -ENOMEM} from probe).
     */
    public DmaAllocator.Region dmaAlloc(int size, int align) {
        DmaAllocator.Region r = allocator.alloc(size, align);
        if (r != null) regions.add(r);
        return r;
    }

    /** Schedules this device's NAPI poll ({@code napi_schedule}), from the interrupt handler. */
    public void napiSchedule() { kernel.napiSchedule(napi); }

    /**
     * Hands one received frame up the stack ({@code netif_receive_skb}) and counts it on the device:
     * {@code skb.data()} at the Ethernet header, {@code skb.len()} the frame length without FCS.
     */
    public void receive(SkBuff skb) {
        skb.dev = netdev;
        netdev.stats().rxPackets++;
        netdev.stats().rxBytes += skb.len();
        kernel.netifReceiveSkb(skb);
    }

    /** Logs a line prefixed with the device name, as {@code netdev_info} does. */
    public void log(String message) { kernel.log().info(netdev.name() + ": " + message); }

    void freeAll() {
        for (DmaAllocator.Region r : regions) allocator.free(r);
        regions.clear();
    }

    /** DMA bytes this device holds. */
    public long dmaBytes() {
        long n = 0;
        for (DmaAllocator.Region r : regions) n += r.size();
        return n;
    }
}
