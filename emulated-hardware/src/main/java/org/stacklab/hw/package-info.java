/**
 * The emulated machine. {@link org.stacklab.hw.Machine} is one host's hardware: physical memory
 * ({@code hw.mem}), an interrupt controller ({@code hw.irq}) and e1000 NICs ({@code hw.nic}) whose
 * ports are connected by wires and switches ({@code hw.link}) and may be captured ({@code hw.pcap}).
 * The kernel reaches a device only through {@code hw.bus}.
 */
package org.stacklab.hw;
