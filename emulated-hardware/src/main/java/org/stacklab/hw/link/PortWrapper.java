package org.stacklab.hw.link;

/**
 * A port that stands in front of another and passes everything through; subclasses intercept the
 * frames arriving ({@link #receive}) or leaving ({@link #wrapLink}). This is how the fault injector and
 * the pcap tap attach to any port without the port or the link knowing.
 */
public abstract class PortWrapper implements Port {
    protected final Port inner;

    protected PortWrapper(Port inner) {
        this.inner = inner;
    }

    /** The wrapped port. */
    public Port inner() { return inner; }

    @Override public String name() { return inner.name(); }

    @Override public void plugged(LinkEnd link) { inner.plugged(wrapLink(link)); }

    @Override public void unplugged() { inner.unplugged(); }

    @Override public void receive(byte[] frame) { inner.receive(frame); }

    /** The link the inner port will transmit through; override to see outgoing frames. */
    protected LinkEnd wrapLink(LinkEnd link) { return link; }
}
