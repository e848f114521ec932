/**
 * Physical memory: the RAM a driver builds its rings and buffers in and a device DMAs into and out of.
 * {@link org.stacklab.hw.mem.PhysicalMemory#view(String)} gives each initiator (the CPU, each
 * device's DMA engine) its own window, so an access outside RAM is a bus error that names who made it.
 */
package org.stacklab.hw.mem;
