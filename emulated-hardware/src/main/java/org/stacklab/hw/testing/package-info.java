/**
 * Helpers to drive the emulated hardware without a kernel: {@link org.stacklab.hw.testing.RawE1000Driver}
 * programs an e1000's rings directly, for hardware tests, the NIC benchmark and the hardware demo.
 */
package org.stacklab.hw.testing;
