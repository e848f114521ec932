package org.stacklab.kernel.driver;

import org.stacklab.hw.bus.PciDevice;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;

/**
 * A driver for PCI network devices ({@code struct pci_driver}). The bus calls {@link #probe} for each
 * device whose vendor and device id match; the driver brings the device up to a known state, sets
 * up its rings and returns the {@link NetDevice} it will register.
 */
public interface PciDriver {
    String name();

    int vendorId();

    int deviceId();

    /** Resets and sets up the device; returns the net device to register (name already chosen). */
    NetDevice probe(PciDevice pdev, Kernel kernel, String ifname);

    /** Undoes probe: stop DMA, free the IRQ. */
    void remove(NetDevice dev);
}
