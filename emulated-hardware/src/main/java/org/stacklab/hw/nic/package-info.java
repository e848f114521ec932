/**
 * The emulated Intel 82540EM (e1000) NIC: register file, descriptor rings, DMA, interrupts with
 * throttling, address filtering, statistics, link status, and named hardware faults for driver
 * mistakes. {@link org.stacklab.hw.nic.E1000} is the device; the other classes are its engines.
 */
package org.stacklab.hw.nic;
