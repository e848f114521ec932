package org.stacklab.hw.pcap;

import java.io.Closeable;
import java.nio.file.Path;
import org.stacklab.hw.link.LinkEnd;
import org.stacklab.hw.link.Port;
import org.stacklab.hw.link.PortWrapper;
import org.stacklab.sim.EventLoop;

/**
 * A capture point on a port: every frame the port sends (when it starts onto the link) and every
 * frame it receives (when it has fully arrived) is written to a pcap file, at virtual time. Wrap the
 * port before connecting it:
 *
 * <pre>{@code
 * PcapTap tap = PcapTap.wrap(loop, nic.port(), Path.of("eth0.pcap"));
 * Wire.connect(loop, tap, sw.port(0), LinkSpec.gigabit());
 * ... run ...
 * tap.close();
 * }</pre>
 *
 * Wrapped outside a {@link org.stacklab.hw.link.FaultInjector} it sees frames as the wire carried
 * them; inside, as the device received them.
 */
public final class PcapTap extends PortWrapper implements Closeable {
    private final EventLoop loop;
    private final PcapWriter writer;
    private final boolean ownsWriter;

    private PcapTap(EventLoop loop, Port inner, PcapWriter writer, boolean ownsWriter) {
        super(inner);
        this.loop = loop;
        this.writer = writer;
        this.ownsWriter = ownsWriter;
    }

    /** Captures {@code port}'s traffic into a new file at {@code path}; {@link #close()} finishes it. */
    public static PcapTap wrap(EventLoop loop, Port port, Path path) {
        return new PcapTap(loop, port, PcapWriter.open(path), true);
    }

    /** Captures into an existing writer (several taps may share one file); closing the tap flushes it. */
    public static PcapTap wrap(EventLoop loop, Port port, PcapWriter writer) {
        return new PcapTap(loop, port, writer, false);
    }

    public PcapWriter writer() { return writer; }

    @Override
    public void receive(byte[] frame) {
        writer.write(loop.now(), frame);
        inner.receive(frame);
    }

    @Override
    protected LinkEnd wrapLink(LinkEnd link) {
        return new LinkEnd() {
            @Override
            public long transmit(byte[] frame) {
                writer.write(loop.now(), frame);
                return link.transmit(frame);
            }

            @Override public long readyAt() { return link.readyAt(); }

            @Override public int maxFrame() { return link.maxFrame(); }
        };
    }

    @Override
    public void close() {
        if (ownsWriter) writer.close(); else writer.flush();
    }
}
