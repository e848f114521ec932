package org.stacklab.hw.nic;

import org.stacklab.hw.Machine;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.hw.link.Wire;
import org.stacklab.hw.testing.RawE1000Driver;
import org.stacklab.sim.EventLoop;

/** Two hosts, one e1000 each, a gigabit wire between them, both brought up by the raw driver. */
final class NicPair {
    static final long MAC_A = 0x525400000001L;
    static final long MAC_B = 0x525400000002L;
    static final long DRIVER_BASE = 0x10000;

    final EventLoop loop;
    final Machine hostA;
    final Machine hostB;
    final E1000 nicA;
    final E1000 nicB;
    final RawE1000Driver a;
    final RawE1000Driver b;
    final Wire wire;

    NicPair(long seed, LinkSpec spec, int rxDescs, int txDescs) {
        loop = EventLoop.virtual(seed);
        hostA = new Machine(loop, "a", 4 << 20);
        hostB = new Machine(loop, "b", 4 << 20);
        nicA = hostA.addE1000(MAC_A);
        nicB = hostB.addE1000(MAC_B);
        wire = Wire.connect(loop, nicA.port(), nicB.port(), spec);
        a = new RawE1000Driver(nicA, DRIVER_BASE, rxDescs, txDescs);
        b = new RawE1000Driver(nicB, DRIVER_BASE, rxDescs, txDescs);
        a.init();
        b.init();
    }

    /** A frame from A to B of {@code len} bytes carrying {@code seq} in its first payload bytes (if it fits). */
    static byte[] frame(int len, int seq) {
        byte[] f = org.stacklab.hw.link.Frames.build(MAC_B, MAC_A, 0x88B5, len);
        if (len >= 16) {
            f[14] = (byte) (seq >>> 8);
            f[15] = (byte) seq;
        }
        return f;
    }

    NicPair() {
        this(1, LinkSpec.gigabit(), 16, 16);
    }
}
