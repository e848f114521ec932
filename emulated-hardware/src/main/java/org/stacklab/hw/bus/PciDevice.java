package org.stacklab.hw.bus;

/**
 * What a driver's probe receives: one device on the bus. The driver may read and write its
 * registers, use physical memory for rings and buffers, and request its IRQ line, and nothing else.
 */
public interface PciDevice {
    /** Slot name, e.g. {@code 0000:00:03.0}. */
    String slot();

    /** Vendor:device, e.g. {@code 8086:100e} for the 82540EM. */
    int vendorId();

    int deviceId();

    Mmio mmio();

    DmaMemory memory();

    IrqLine irq();
}
