/**
 * The bus: the only way kernel code touches a device. A driver sees a {@link org.stacklab.hw.bus.PciDevice}:
 * 32-bit MMIO register reads and writes, the physical memory the device DMAs into and out of, and
 * an IRQ line. Nothing else of the emulated hardware is visible to the kernel.
 */
package org.stacklab.hw.bus;
