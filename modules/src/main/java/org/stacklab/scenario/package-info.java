/**
 * Scenarios as code: {@link org.stacklab.scenario.Host} (a machine and the kernel booted on it from a
 * module set), {@link org.stacklab.scenario.Topology} (hosts, routers, switches, cables with faults
 * and pcap taps, presets, the combined trace and the failure report), {@link org.stacklab.scenario.Ping},
 * {@link org.stacklab.scenario.Frames} (hand-made frames) and {@link org.stacklab.scenario.KernelDemo}.
 *
 * <p>This package stands outside the kernel: it may use the hardware and every kernel contract, and
 * no kernel package may use it.
 */
package org.stacklab.scenario;
