/**
 * The bridge to real Linux: {@link org.stacklab.hw.tap.TapBridge} connects an emulated port to a
 * Linux TAP interface ({@link org.stacklab.hw.tap.TapDevice}, opened through {@code /dev/net/tun}
 * with JNA), so the Linux kernel's own ping, curl and nc talk to an emulated host and emulated
 * programs reach Linux servers. The scenario runs on a real-time
 * {@link org.stacklab.sim.EventLoop}; a reader thread posts Linux's frames into it.
 */
package org.stacklab.hw.tap;
