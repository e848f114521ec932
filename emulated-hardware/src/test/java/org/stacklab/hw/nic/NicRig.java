package org.stacklab.hw.nic;

import org.stacklab.hw.Machine;
import org.stacklab.hw.bus.Mmio;
import org.stacklab.hw.link.Frames;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.hw.link.RecordingPort;
import org.stacklab.hw.link.Wire;
import org.stacklab.hw.testing.RawE1000Driver;
import org.stacklab.sim.EventLoop;

/** One e1000 on a host, wired to a test peer port that records what the NIC sends and can send to it. */
final class NicRig {
    static final long MAC = 0x525400123456L;
    static final long PEER = 0x02000000BEEFL;
    static final long BASE = 0x10000;

    final EventLoop loop = EventLoop.virtual(3);
    final Machine host = new Machine(loop, "h", 1 << 20);
    final E1000 nic = host.addE1000(MAC);
    final Mmio mmio = nic.mmio();
    final RecordingPort peer = new RecordingPort(loop, "peer");
    final Wire wire;
    final RawE1000Driver drv;

    NicRig(LinkSpec spec, int rxDescs, int txDescs) {
        wire = Wire.connect(loop, nic.port(), peer, spec);
        drv = new RawE1000Driver(nic, BASE, rxDescs, txDescs);
    }

    NicRig() { this(LinkSpec.gigabit(), 16, 16); }

    /** Brings the NIC up with the raw driver. */
    NicRig up() {
        drv.init();
        return this;
    }

    /** A frame from the peer to the NIC's own address. */
    static byte[] toNic(int len) { return Frames.build(MAC, PEER, 0x88B5, len); }

    static byte[] toPeer(int len) { return Frames.build(PEER, MAC, 0x88B5, len); }

    /** The peer sends {@code frame} and the loop runs until it has arrived and been handled. */
    void deliver(byte[] frame) {
        peer.send(frame);
        loop.runUntilIdle();
    }
}
