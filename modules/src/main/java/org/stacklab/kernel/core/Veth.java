package org.stacklab.kernel.core;

import java.util.function.BiPredicate;

/**
 * A virtual Ethernet pair (Linux's veth): what one end transmits arrives at the other end, after a
 * fixed delay, with no NIC, ring or interrupt in between. Tests of IP, UDP and TCP use it to connect
 * two kernels in microseconds; scenarios that teach the driver use the emulated e1000 instead.
 */
public final class Veth implements NetDeviceOps {
    private final long delayNs;
    private NetDevice self;
    private NetDevice peer;
    private BiPredicate<byte[], Integer> filter;

    private Veth(long delayNs) {
        this.delayNs = delayNs;
    }

    /**
     * Creates {@code nameA} on {@code a} and {@code nameB} on {@code b} (MTU 1500), registered and
     * up, joined to each other. Returns the two devices.
     */
    public static NetDevice[] pair(Kernel a, String nameA, long macA, Kernel b, String nameB, long macB, long delayNs) {
        Veth va = new Veth(delayNs);
        Veth vb = new Veth(delayNs);
        NetDevice da = make(a, nameA, macA, va);
        NetDevice db = make(b, nameB, macB, vb);
        va.self = da;
        va.peer = db;
        vb.self = db;
        vb.peer = da;
        return new NetDevice[] {da, db};
    }

    private static NetDevice make(Kernel k, String name, long mac, Veth ops) {
        NetDevice d = new NetDevice(name, ops);
        d.setMac(mac);
        d.setMtu(1500);
        d.setFlags(NetDevice.IFF_BROADCAST | NetDevice.IFF_MULTICAST | NetDevice.IFF_RUNNING | NetDevice.IFF_LOWER_UP);
        d.priv = ops;
        k.registerNetdev(d);
        k.devOpen(d);
        return d;
    }

    /** A test hook: frames for which {@code keep(frame, length)} is false are lost on the way. */
    public static void setFilter(NetDevice dev, BiPredicate<byte[], Integer> keep) {
        ((Veth) dev.priv).filter = keep;
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
        byte[] frame = new byte[len];
        System.arraycopy(skb.buf(), skb.data(), frame, 0, len);
        if (filter != null && !filter.test(frame, len)) return NETDEV_TX_OK;
        NetDevice to = peer;
        Kernel k = to.kernel();
        k.loop().schedule(delayNs, () -> {
            if (!to.isUp()) return;
            to.stats().rxPackets++;
            to.stats().rxBytes += len;
            SkBuff rx = SkBuff.wrap(frame, len);
            rx.dev = to;
            k.netifRx(rx);
        }, "veth " + self.name() + " -> " + to.name());
        return NETDEV_TX_OK;
    }
}
