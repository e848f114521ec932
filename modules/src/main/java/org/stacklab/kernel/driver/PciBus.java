package org.stacklab.kernel.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.hw.bus.PciDevice;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;

/**
 * The kernel's view of the PCI bus: devices the machine has, drivers modules registered, and the
 * binding between them. A device found before its driver is loaded is probed when the driver
 * registers, as with {@code modprobe e1000} after boot.
 */
public final class PciBus {
    private final Kernel kernel;
    private final List<PciDevice> devices = new ArrayList<>();
    private final Map<PciDevice, String> wantedNames = new LinkedHashMap<>();
    private final Map<PciDevice, NetDevice> bound = new LinkedHashMap<>();
    private final Map<PciDevice, PciDriver> boundDriver = new LinkedHashMap<>();
    private final List<PciDriver> drivers = new ArrayList<>();

    private PciBus(Kernel kernel) {
        this.kernel = kernel;
    }

    public static PciBus of(Kernel kernel) {
        return kernel.subsystem(PciBus.class, () -> new PciBus(kernel));
    }

    /** The machine plugs a device in; {@code ifname} is the name its net device will get. */
    public void attach(PciDevice dev, String ifname) {
        devices.add(dev);
        wantedNames.put(dev, ifname);
        kernel.log().info(String.format("pci %s: [%04x:%04x] found", dev.slot(), dev.vendorId(), dev.deviceId()));
        for (PciDriver d : drivers) if (tryBind(d, dev)) break;
    }

    public void registerDriver(PciDriver driver) {
        drivers.add(driver);
        for (PciDevice dev : devices) if (!bound.containsKey(dev)) tryBind(driver, dev);
    }

    public void unregisterDriver(PciDriver driver) {
        drivers.remove(driver);
        for (PciDevice dev : new ArrayList<>(bound.keySet())) {
            if (boundDriver.get(dev) == driver) {
                NetDevice nd = bound.remove(dev);
                boundDriver.remove(dev);
                kernel.unregisterNetdev(nd);
                driver.remove(nd);
            }
        }
    }

    private boolean tryBind(PciDriver d, PciDevice dev) {
        if (d.vendorId() != dev.vendorId() || d.deviceId() != dev.deviceId()) return false;
        NetDevice nd = d.probe(dev, kernel, wantedNames.get(dev));
        if (nd == null) return false;
        bound.put(dev, nd);
        boundDriver.put(dev, d);
        kernel.registerNetdev(nd);
        kernel.log().info(d.name() + " " + dev.slot() + " " + nd.name() + ": Intel(R) PRO/1000 Network Connection");
        return true;
    }

    public List<PciDevice> devices() { return List.copyOf(devices); }

    /** The net device bound to {@code dev}, or null. */
    public NetDevice netdevOf(PciDevice dev) { return bound.get(dev); }
}
