package org.stacklab.kernel.core;

/**
 * The loopback device {@code lo} (drivers/net/loopback.c): every frame it transmits comes straight
 * back in through {@link Kernel#netifRx}, in softirq context, never touching a NIC. Its MTU is
 * 65536, so a TCP segment over lo can be much larger than over Ethernet.
 */
public final class LoopbackDevice implements NetDeviceOps {
    public static final int MTU = 65536;

    private LoopbackDevice() {}

    /** Creates and registers {@code lo} on {@code kernel}, up, without addresses (IP adds 127.0.0.1/8). */
    public static NetDevice create(Kernel kernel) {
        NetDevice lo = new NetDevice("lo", new LoopbackDevice());
        lo.setType(NetDevice.ARPHRD_LOOPBACK);
        lo.setMtu(MTU);
        lo.setMac(0);
        lo.setTxQueueLen(1000);
        lo.setFlags(NetDevice.IFF_LOOPBACK | NetDevice.IFF_RUNNING | NetDevice.IFF_LOWER_UP);
        kernel.registerNetdev(lo);
        kernel.devOpen(lo);
        return lo;
    }

    @Override
    public int open(NetDevice dev) { return 0; }

    @Override
    public int stop(NetDevice dev) { return 0; }

    @Override
    public int startXmit(SkBuff skb, NetDevice dev) {
        int len = skb.len();
        dev.stats().txPackets++;
        dev.stats().txBytes += len;
        dev.stats().rxPackets++;
        dev.stats().rxBytes += len;
        // The sender may reuse nothing of this skb after startXmit, so lo hands it over as is (no copy).
        skb.dev = dev;
        // The bytes never leave memory, so the receiver need not verify the transport checksum
        // (loopback's NETIF_F_RXCSUM: Linux marks them verified too). The sender still fills it in.
        skb.ipSummed = SkBuff.CHECKSUM_UNNECESSARY;
        dev.kernel().netifRx(skb);
        return NETDEV_TX_OK;
    }
}
