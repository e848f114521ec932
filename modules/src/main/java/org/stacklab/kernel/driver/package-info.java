/**
 * Drivers' side of the kernel: the PCI bus ({@link org.stacklab.kernel.driver.PciBus}), coherent
 * DMA memory ({@link org.stacklab.kernel.driver.DmaAllocator}) and the NIC driver contract.
 *
 * <p>A NIC driver is split where lab 1 splits it:
 * <ul>
 *   <li>{@link org.stacklab.kernel.driver.NicDriver}: what talks to the hardware, one class —
 *       {@code probe} (reset, MAC, RX/TX rings), {@code startXmit}, {@code interrupt} and
 *       {@code poll(budget)} with refill. The reference is {@code solutions.driver.E1000Driver};
 *       the student writes their own.</li>
 *   <li>{@link org.stacklab.kernel.driver.NicDriverModule}: the module glue — registering with the
 *       PCI bus, creating and registering the {@code NetDevice}, the NAPI context, the IRQ line,
 *       counters, and containing exceptions as oopses. A component provider makes one with the
 *       driver's constructor: {@code new NicDriverModule("e1000", "student", 0x8086, 0x100e, MyE1000::new)}.</li>
 *   <li>{@link org.stacklab.kernel.driver.NicContext}: what the glue hands the driver — registers
 *       ({@code Mmio}), physical memory, {@code dmaAlloc}, the net device, NAPI, and
 *       {@code receive(skb)} to pass a frame up.</li>
 * </ul>
 * A driver reaches its device only through the bus ({@code org.stacklab.hw.bus}): MMIO, DMA memory
 * and the IRQ line, with offsets and bits from {@code hw.bus.e1000.E1000Regs}/{@code E1000Desc}.
 */
package org.stacklab.kernel.driver;
