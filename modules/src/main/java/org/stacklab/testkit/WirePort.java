package org.stacklab.testkit;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.hw.link.LinkEnd;
import org.stacklab.hw.link.Port;

/**
 * A test port at the far end of a cable, the "wire": records every frame that arrives and sends the
 * frames a test makes. A subclass may answer what arrives (calling {@code super.receive} first).
 */
public class WirePort implements Port {
    public final List<byte[]> frames = new ArrayList<>();
    private LinkEnd link;

    @Override public String name() { return "wire"; }
    @Override public void plugged(LinkEnd l) { link = l; }
    @Override public void unplugged() { link = null; }
    @Override public void receive(byte[] frame) { frames.add(frame); }

    /** Sends {@code frame} to the host; lost while no cable is plugged in. */
    public void send(byte[] frame) { if (link != null) link.transmit(frame); }
}
