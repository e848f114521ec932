package org.stacklab.kernel.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A network interface ({@code struct net_device}): {@code eth0}, {@code lo}. The driver fills in
 * the MAC, the MTU and its {@link NetDeviceOps}; the kernel keeps the flags, the addresses, the
 * counters and the transmit queue that holds frames while the driver's ring is full.
 */
public final class NetDevice {
    // Flags as in <linux/if.h>.
    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_PROMISC = 0x100;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_LOWER_UP = 0x10000;

    public static final int ARPHRD_ETHER = 1;
    public static final int ARPHRD_LOOPBACK = 772;

    private final String name;
    private final NetDeviceOps ops;
    private int ifindex;
    private long mac;
    private int mtu;
    private int flags;
    private int type = ARPHRD_ETHER;
    private int txQueueLen = 1000;
    private int irq = -1;
    private Kernel kernel;
    private boolean queueStopped;
    private final ArrayDeque<SkBuff> qdisc = new ArrayDeque<>();
    private final List<InetIfAddr> addresses = new ArrayList<>();
    private final NetDeviceStats stats = new NetDeviceStats();
    /** The driver's private state (netdev_priv). */
    public Object priv;

    public NetDevice(String name, NetDeviceOps ops) {
        this.name = name;
        this.ops = ops;
    }

    public String name() { return name; }
    public NetDeviceOps ops() { return ops; }
    public int ifindex() { return ifindex; }
    void setIfindex(int i) { ifindex = i; }
    public Kernel kernel() { return kernel; }
    void setKernel(Kernel k) { kernel = k; }

    public long mac() { return mac; }
    public void setMac(long mac) { this.mac = mac; }
    public int mtu() { return mtu; }
    public void setMtu(int mtu) { this.mtu = mtu; }
    public int flags() { return flags; }
    public void setFlags(int flags) { this.flags = flags; }
    public void addFlags(int f) { flags |= f; }
    public void clearFlags(int f) { flags &= ~f; }
    public boolean isUp() { return (flags & IFF_UP) != 0; }
    public boolean hasCarrier() { return (flags & IFF_LOWER_UP) != 0; }
    public int type() { return type; }
    public void setType(int t) { type = t; }
    public int txQueueLen() { return txQueueLen; }
    public void setTxQueueLen(int n) { txQueueLen = n; }
    public int irq() { return irq; }
    public void setIrq(int irq) { this.irq = irq; }
    public NetDeviceStats stats() { return stats; }

    public List<InetIfAddr> addresses() { return Collections.unmodifiableList(addresses); }
    public void addAddress(InetIfAddr a) { addresses.add(a); }
    public boolean removeAddress(InetIfAddr a) { return addresses.remove(a); }

    /** First address, the one used as source by default, or 0. */
    public int primaryAddress() { return addresses.isEmpty() ? 0 : addresses.get(0).address(); }

    // ---- carrier and queue control, called by the driver ----

    /** The driver saw the link come up (netif_carrier_on). */
    public void netifCarrierOn() {
        if (!hasCarrier()) {
            flags |= IFF_LOWER_UP | IFF_RUNNING;
            if (kernel != null) kernel.log().info(name + ": link becomes ready");
        }
    }

    /** The link went down (netif_carrier_off). */
    public void netifCarrierOff() {
        if (hasCarrier()) {
            flags &= ~(IFF_LOWER_UP | IFF_RUNNING);
            if (kernel != null) kernel.log().info(name + ": link is not ready");
        }
    }

    /** The ring is full: hold further frames in the queue (netif_stop_queue). */
    public void netifStopQueue() {
        if (!queueStopped) {
            queueStopped = true;
            stats.txQueueStops++;
        }
    }

    /** Space came free in the ring: send what waited (netif_wake_queue). */
    public void netifWakeQueue() {
        if (!queueStopped) return;
        queueStopped = false;
        drainQdisc();
    }

    public boolean isQueueStopped() { return queueStopped; }

    /** Frames held while the queue is stopped. */
    public int qdiscLength() { return qdisc.size(); }

    /** Called by the kernel to transmit (dev_queue_xmit's last step). */
    void queueXmit(SkBuff skb) {
        if (!isUp()) {
            stats.txDropped++;
            if (kernel != null) kernel.drop(Kernel.DROP_DEV_DOWN);
            return;
        }
        if (queueStopped || !qdisc.isEmpty()) {
            if (qdisc.size() >= txQueueLen) {
                // The queue is full (txqueuelen frames wait for the ring): tail drop, as pfifo_fast does.
                stats.txDropped++;
                if (kernel != null) kernel.drop(Kernel.DROP_QDISC);
                return;
            }
            qdisc.addLast(skb);
            return;
        }
        if (ops.startXmit(skb, this) == NetDeviceOps.NETDEV_TX_BUSY) {
            queueStopped = true;
            qdisc.addFirst(skb);
        }
    }

    private void drainQdisc() {
        SkBuff skb;
        while (!queueStopped && (skb = qdisc.pollFirst()) != null) {
            if (ops.startXmit(skb, this) == NetDeviceOps.NETDEV_TX_BUSY) {
                queueStopped = true;
                qdisc.addFirst(skb);
            }
        }
    }

    /** Drops everything queued (on ip link set down). */
    void purgeQdisc() {
        stats.txDropped += qdisc.size();
        if (kernel != null) kernel.drop(Kernel.DROP_DEV_DOWN, qdisc.size());
        qdisc.clear();
    }

    @Override
    public String toString() { return name; }
}
