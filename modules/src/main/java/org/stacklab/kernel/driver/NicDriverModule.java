package org.stacklab.kernel.driver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.stacklab.hw.bus.IrqLine;
import org.stacklab.hw.bus.PciDevice;
import org.stacklab.kernel.core.IrqStats;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.NapiStruct;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.NetDeviceOps;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.socket.Errno;

/**
 * The module glue of a NIC driver: a {@link KernelModule} whose init registers a PCI driver for one
 * vendor:device id, and which, for each device the bus binds, creates the net device, its NAPI
 * context and its IRQ handler around a fresh {@link NicDriver}. Both the reference e1000 and a
 * student's lab 1 driver load through this class; only the {@code NicDriver} differs.
 *
 * <p>Driver code runs guarded: an exception is an oops in the kernel log (and counted as a drop when
 * a frame was lost), never an exception out of the kernel. An interrupt handler that throws has its
 * line disabled; one that returns without clearing its cause is caught by the interrupt controller,
 * which masks the line with Linux's "nobody cared".
 */
public final class NicDriverModule implements KernelModule {
    public static final String DROP_DRIVER_OOPS = "DRIVER_OOPS";

    private final String name;
    private final String impl;
    private final int vendorId;
    private final int deviceId;
    private final Supplier<? extends NicDriver> factory;
    private final Map<NetDevice, Bound> bound = new LinkedHashMap<>();
    private Kernel kernel;
    private PciDriver pciDriver;

    public NicDriverModule(String name, String impl, int vendorId, int deviceId, Supplier<? extends NicDriver> factory) {
        this.name = name;
        this.impl = impl;
        this.vendorId = vendorId;
        this.deviceId = deviceId;
        this.factory = factory;
    }

    @Override public String name() { return name; }
    @Override public String impl() { return impl; }

    @Override
    public void init(Kernel k) {
        this.kernel = k;
        pciDriver = new PciDriver() {
            @Override public String name() { return name; }
            @Override public int vendorId() { return vendorId; }
            @Override public int deviceId() { return deviceId; }
            @Override public NetDevice probe(PciDevice pdev, Kernel kernel, String ifname) { return probeDevice(pdev, ifname); }
            @Override public void remove(NetDevice dev) { removeDevice(dev); }
        };
        PciBus.of(k).registerDriver(pciDriver);
    }

    @Override
    public void exit(Kernel k) {
        PciBus.of(k).unregisterDriver(pciDriver);
    }

    /** The driver instance behind {@code dev} (tests look at its state), or null. */
    public NicDriver driverOf(NetDevice dev) {
        Bound b = bound.get(dev);
        return b == null ? null : b.driver;
    }

    /** The NAPI context of {@code dev}, or null. */
    public NapiStruct napiOf(NetDevice dev) {
        Bound b = bound.get(dev);
        return b == null ? null : b.ctx.napi();
    }

    /** Devices this module drives. */
    public List<NetDevice> devices() { return List.copyOf(bound.keySet()); }

    private NetDevice probeDevice(PciDevice pdev, String ifname) {
        NicDriver drv = factory.get();
        Bound b = new Bound(drv, pdev);
        NetDevice dev = new NetDevice(ifname, b);
        dev.setMtu(1500);
        dev.setFlags(NetDevice.IFF_BROADCAST | NetDevice.IFF_MULTICAST);
        dev.setIrq(pdev.irq().number());
        dev.priv = drv;
        NicContext ctx = new NicContext(kernel, pdev, dev);
        ctx.setNapi(new NapiStruct(dev, (napi, budget) -> drv.poll(budget), NapiStruct.DEFAULT_WEIGHT));
        b.ctx = ctx;
        int rc;
        try {
            rc = drv.probe(ctx);
        } catch (RuntimeException | StackOverflowError e) {
            kernel.oops(name + " probe of " + pdev.slot(), e);
            rc = Errno.EIO.neg();
        }
        if (rc != 0) {
            kernel.log().error(name + " " + pdev.slot() + ": probe failed with error " + rc);
            ctx.freeAll();
            return null;
        }
        bound.put(dev, b);
        return dev;
    }

    private void removeDevice(NetDevice dev) {
        Bound b = bound.remove(dev);
        if (b == null) return;
        if (b.irqRequested) {
            b.pdev.irq().free();
            b.irqRequested = false;
        }
        kernel.guarded(name + " remove " + dev.name(), b.driver::remove);
        b.ctx.freeAll();
    }

    /** One bound device: the driver instance, and the net_device_ops the kernel calls. */
    private final class Bound implements NetDeviceOps {
        final NicDriver driver;
        final PciDevice pdev;
        NicContext ctx;
        boolean irqRequested;

        Bound(NicDriver driver, PciDevice pdev) {
            this.driver = driver;
            this.pdev = pdev;
        }

        @Override
        public int open(NetDevice dev) {
            IrqLine irq = pdev.irq();
            if (!irqRequested) {
                irq.request(dev.name(), this::onInterrupt); // /proc/interrupts shows the interface, as for e1000
                IrqStats.of(kernel).request(irq.number(), dev.name()); // the /proc/interrupts row
                irqRequested = true;
            }
            try {
                return driver.open();
            } catch (RuntimeException | StackOverflowError e) {
                kernel.oops(name + " open " + dev.name(), e);
                return Errno.EIO.neg();
            }
        }

        @Override
        public int stop(NetDevice dev) {
            kernel.guarded(name + " stop " + dev.name(), driver::stop);
            if (irqRequested) {
                pdev.irq().free();
                irqRequested = false;
            }
            return 0;
        }

        @Override
        public int startXmit(SkBuff skb, NetDevice dev) {
            int len = skb.len();
            int rc;
            try {
                rc = driver.startXmit(skb);
            } catch (RuntimeException | StackOverflowError e) {
                kernel.oops(name + " start_xmit " + dev.name(), e);
                dev.stats().txDropped++;
                kernel.drop(DROP_DRIVER_OOPS);
                return NETDEV_TX_OK;
            }
            if (rc == NETDEV_TX_OK) {
                dev.stats().txPackets++;
                dev.stats().txBytes += len;
            }
            return rc;
        }

        @Override
        public void setInterruptModeration(NetDevice dev, int usecs) {
            kernel.guarded(name + " set ITR " + dev.name(), () -> driver.setInterruptModeration(usecs));
        }

        /** The kernel's /proc/interrupts, looked up once rather than per interrupt. */
        private IrqStats irqStats;

        void onInterrupt() {
            if (irqStats == null) irqStats = IrqStats.of(kernel);
            irqStats.count(pdev.irq().number());
            try {
                driver.interrupt();
            } catch (RuntimeException | StackOverflowError e) {
                kernel.oops(name + " interrupt " + ctx.name(), e);
                // The line is level-triggered: a handler that threw before acknowledging the cause would
                // run again at once, forever. Disable it, as an oops in hard IRQ context would.
                pdev.irq().mask();
                kernel.log().error("irq " + pdev.irq().number() + " (" + ctx.name() + ") disabled after an oops in its handler");
            }
        }
    }
}
