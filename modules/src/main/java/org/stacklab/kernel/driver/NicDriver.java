package org.stacklab.kernel.driver;

import org.stacklab.kernel.core.SkBuff;

/**
 * The part of a NIC driver that talks to the hardware: ring setup, transmit, the interrupt handler
 * and the NAPI poll. Lab 1 asks a student to write exactly one class implementing this for the
 * e1000; the reference is {@code org.stacklab.solutions.driver.E1000Driver}.
 *
 * <p>Everything else is framework ({@link NicDriverModule}): binding to the PCI bus, creating and
 * registering the {@link org.stacklab.kernel.core.NetDevice}, requesting the IRQ line, the NAPI
 * context, per-device counters, and turning an exception in driver code into a logged oops. One
 * instance is made per device, so fields are per-device state (the {@code e1000_adapter}).
 *
 * <p>The kernel calls these methods one at a time, on the event loop; none may block or throw.
 * Every method that can fail returns 0 or {@code -errno} (e.g. {@code Errno.ENOMEM.neg()}).
 */
public interface NicDriver {
    /**
     * Brings the device to a known state and sets it up ({@code e1000_probe}): reset it, read the MAC
     * address into {@code nic.netdev()}, allocate the RX and TX rings and their buffers with
     * {@link NicContext#dmaAlloc}, program the ring registers, configure receive and transmit, set
     * the link up. Interrupts stay masked until {@link #open()}. Keep {@code nic} for later calls.
     */
    int probe(NicContext nic);

    /** {@code ip link set DEV up}: enable the receiver, transmitter and interrupts. 0 or -errno. */
    int open();

    /** {@code ip link set DEV down}: mask interrupts, stop receiving and transmitting. */
    void stop();

    /**
     * Queues one frame ({@code skb.data()} at the Ethernet header, {@code skb.len()} bytes) on the
     * TX ring. Copy the bytes into the descriptor's buffer (the skb is not kept), hand the
     * descriptor to the device, and stop the queue ({@code nic.netdev().netifStopQueue()}) when the
     * ring is full. Returns {@code NetDeviceOps.NETDEV_TX_OK}, or {@code NETDEV_TX_BUSY} if there was
     * no free descriptor (the kernel keeps the frame and retries after the queue is woken).
     */
    int startXmit(SkBuff skb);

    /**
     * The hard interrupt handler ({@code e1000_intr}): read the cause register, and if there is
     * work, mask the device's interrupts and schedule NAPI ({@link NicContext#napiSchedule()}).
     * Returns true if the device had raised the interrupt (IRQ_HANDLED), false if not (IRQ_NONE).
     */
    boolean interrupt();

    /**
     * The NAPI poll ({@code e1000_clean}): reclaim finished TX descriptors (waking the queue if it
     * was stopped), then receive at most {@code budget} frames, handing each to
     * {@link NicContext#receive}, and give the descriptors back to the device (refill). If fewer
     * than {@code budget} frames were received the ring is drained: call
     * {@code nic.napi().complete(work)} and unmask interrupts. Returns the frames received, never
     * more than {@code budget}.
     */
    int poll(int budget);

    /** Interrupt moderation ({@code ethtool -C eth0 rx-usecs N}): at least {@code usecs} between interrupts; 0 = off. */
    default void setInterruptModeration(int usecs) {}

    /** Undoes probe: reset the device so it stops DMA. The framework frees the DMA memory afterwards. */
    default void remove() {}
}
