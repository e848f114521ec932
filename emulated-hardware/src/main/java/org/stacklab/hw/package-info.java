/**
 * The emulated machine. {@link org.stacklab.hw.Machine} is one host's hardware: physical memory
 * ({@code hw.mem}), an interrupt controller ({@code hw.irq}) and e1000 NICs ({@code hw.nic}) whose
 * ports are connected by wires and switches ({@code hw.link}) and may be captured ({@code hw.pcap}).
 * The kernel reaches a device only through {@code hw.bus}.
 *
 * <p>Without a kernel, {@code hw.testing.RawE1000Driver} drives a NIC directly; {@code hw.demo}
 * runs a small switched network that way, and {@code hw.bench.NicBench} measures how fast frames
 * move NIC → wire → NIC.
 */
package org.stacklab.hw;
