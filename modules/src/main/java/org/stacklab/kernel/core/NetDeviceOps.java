package org.stacklab.kernel.core;

/**
 * What a driver provides for its device ({@code struct net_device_ops}). The kernel calls these;
 * the driver never calls up into IP or TCP, it hands received packets to
 * {@link Kernel#netifReceiveSkb(SkBuff)}.
 */
public interface NetDeviceOps {
    int NETDEV_TX_OK = 0;
    int NETDEV_TX_BUSY = 0x10;

    /** {@code ip link set DEV up}: enable the receiver and transmitter. 0 or -errno. */
    int open(NetDevice dev);

    /** {@code ip link set DEV down}. */
    int stop(NetDevice dev);

    /**
     * Queue one frame (Ethernet header included, {@code skb.data()} at the MAC header) for
     * transmission. Return {@link #NETDEV_TX_OK} once the device owns the bytes, or
     * {@link #NETDEV_TX_BUSY} if the ring is full (after {@link NetDevice#netifStopQueue()}).
     */
    int startXmit(SkBuff skb, NetDevice dev);

    /** Interrupt moderation ({@code ethtool -C rx-usecs}): minimum microseconds between interrupts; 0 = off. */
    default void setInterruptModeration(NetDevice dev, int usecs) {}
}
