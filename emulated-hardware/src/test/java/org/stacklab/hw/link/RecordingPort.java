package org.stacklab.hw.link;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.sim.EventLoop;

/** A test port: records what arrives (with arrival time) and sends whatever the test asks. */
public final class RecordingPort implements Port {
    private final EventLoop loop;
    private final String name;
    public final List<byte[]> frames = new ArrayList<>();
    public final List<Long> times = new ArrayList<>();
    public LinkEnd link;
    public int plugs, unplugs;

    public RecordingPort(EventLoop loop, String name) {
        this.loop = loop;
        this.name = name;
    }

    @Override public String name() { return name; }

    @Override
    public void plugged(LinkEnd l) {
        link = l;
        plugs++;
    }

    @Override
    public void unplugged() {
        link = null;
        unplugs++;
    }

    @Override
    public void receive(byte[] frame) {
        frames.add(frame);
        times.add(loop.now());
    }

    /** Sends through the link; returns when the next frame may go. */
    public long send(byte[] frame) { return link.transmit(frame); }
}
