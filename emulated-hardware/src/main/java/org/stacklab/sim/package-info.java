/**
 * The scenario's time: one discrete-event loop on a virtual nanosecond clock, and the seeded
 * random source every random choice derives from.
 *
 * <p>Every host, NIC and wire of a scenario shares one {@link org.stacklab.sim.EventLoop}. Events run
 * in (time, sequence number) order, so a run is a pure function of its inputs and its seed. This
 * package is not hardware: the kernel uses it too, for timers and softirqs, the way Linux uses
 * jiffies and hrtimers.
 */
package org.stacklab.sim;
