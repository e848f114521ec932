package org.stacklab.kernel.core;

import org.stacklab.sim.EventLoop;

/** Helpers for core tests. */
final class TestKernels {
    private TestKernels() {}

    static Kernel boot(EventLoop loop, String name) {
        return new Kernel(name, loop, ModuleSet.reference());
    }

    /** A registered, up Ethernet device whose transmits are recorded in nothing (a sink). */
    static NetDevice sinkDevice(Kernel k, String name) {
        NetDevice d = new NetDevice(name, new NetDeviceOps() {
            @Override public int open(NetDevice dev) { return 0; }
            @Override public int stop(NetDevice dev) { return 0; }
            @Override public int startXmit(SkBuff skb, NetDevice dev) { return NETDEV_TX_OK; }
        });
        d.setMac(0x525400000001L);
        d.setMtu(1500);
        k.registerNetdev(d);
        k.devOpen(d);
        return d;
    }
}
