package org.stacklab.hw.link;

/**
 * An Ethernet port: the socket on a device (a NIC, a switch) that a cable plugs into.
 *
 * <p>A link calls {@link #plugged} when a cable is connected (carrier up) and {@link #unplugged} when
 * it is pulled, and {@link #receive} for every frame that arrives, at the virtual time it has fully
 * arrived. The port sends through the {@link LinkEnd} it was given.
 *
 * <p>Frames are Ethernet frames without preamble and FCS (as a NIC's DMA and a pcap file see them).
 * A frame array is immutable once transmitted: receivers may keep and share it, and anyone who
 * alters one (the fault injector corrupting a bit) copies it first.
 */
public interface Port {
    /** For traces and counters, e.g. {@code e1000 0000:00:03.0} or {@code sw0.p2}. */
    String name();

    /** A cable was connected: carrier up, send through {@code link}. */
    void plugged(LinkEnd link);

    /** The cable was pulled: carrier down; frames in flight are lost. */
    void unplugged();

    /** A frame arrived from the link. */
    void receive(byte[] frame);
}
