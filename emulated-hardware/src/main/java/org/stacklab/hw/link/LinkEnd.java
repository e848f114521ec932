package org.stacklab.hw.link;

/**
 * A link as the port plugged into it sees it: a transmitter that puts frames on the medium.
 * Frames serialize at the link's rate and queue behind each other, so a sender that wants to keep
 * the medium busy without queueing sends its next frame at {@link #readyAt()}.
 */
public interface LinkEnd {
    /**
     * Puts {@code frame} on the medium (or queues it behind frames still serializing). Returns the
     * virtual time at which this end can start serializing the next frame.
     */
    long transmit(byte[] frame);

    /** Virtual time at which the medium can take the next frame (now or earlier if idle). */
    long readyAt();

    /** Largest frame (without FCS) this link carries: its MTU plus the 14-byte Ethernet header. */
    int maxFrame();
}
