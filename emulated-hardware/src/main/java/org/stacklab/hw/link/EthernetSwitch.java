package org.stacklab.hw.link;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

/**
 * A learning Ethernet switch (IEEE 802.1D transparent bridge) with N ports.
 *
 * <p>It learns which port each source MAC lives behind, forwards a unicast frame only to the port its
 * destination was learned on, and floods broadcast, multicast and unknown unicast to every other
 * connected port. Entries not refreshed for the ageing time (802.1D's default: 300 s) are forgotten,
 * and a port losing carrier forgets what was learned on it. Frames are never sent back out of the
 * port they came in on.
 */
public final class EthernetSwitch {
    /** IEEE 802.1D default ageing time. */
    public static final long DEFAULT_AGEING_NS = Time.s(300);

    private final EventLoop loop;
    private final String name;
    private final SwitchPort[] ports;
    private final MacTable macTable = new MacTable();
    private long ageingNs = DEFAULT_AGEING_NS;
    private long forwarded, flooded, filtered, runts;

    public EthernetSwitch(EventLoop loop, String name, int portCount) {
        if (portCount < 2) throw new IllegalArgumentException("a switch needs at least 2 ports, got " + portCount);
        this.loop = loop;
        this.name = name;
        this.ports = new SwitchPort[portCount];
        for (int i = 0; i < portCount; i++) ports[i] = new SwitchPort(i);
    }

    public String name() { return name; }

    public int portCount() { return ports.length; }

    /** Port {@code i} (0-based), to connect a wire to. */
    public Port port(int i) { return ports[i]; }

    public void setAgeingTime(long ns) { this.ageingNs = ns; }

    public long ageingTime() { return ageingNs; }

    /** The port {@code mac} was learned on, or -1 if unknown or aged out. */
    public int lookup(long mac) {
        return macTable.lookup(mac, loop.now(), ageingNs);
    }

    /** Live entries in MAC order, as {@code bridge fdb show} lists them: mac → port. */
    public Map<Long, Integer> macTable() {
        return Collections.unmodifiableMap(macTable.snapshot(loop.now(), ageingNs));
    }

    /** Unicast frames sent out of exactly one port. */
    public long forwarded() { return forwarded; }
    /** Frames sent out of every other port (broadcast, multicast, unknown destination). */
    public long flooded() { return flooded; }
    /** Frames whose destination lives behind the port they came in on (not sent anywhere). */
    public long filtered() { return filtered; }
    /** Frames too short to carry an Ethernet header. */
    public long runts() { return runts; }

    /** Per-port frames received and sent. */
    public List<String> portCounters() {
        List<String> out = new ArrayList<>();
        for (SwitchPort p : ports) out.add(p.name + " rx=" + p.rx + " tx=" + p.tx + (p.link == null ? " (no carrier)" : ""));
        return out;
    }

    private void input(SwitchPort in, byte[] frame) {
        if (frame.length < LinkSpec.ETH_HEADER) {
            runts++;
            return;
        }
        long src = Frames.src(frame);
        long dst = Frames.dst(frame);
        if (!Frames.isMulticast(src)) learn(src, in.index);
        int out = Frames.isMulticast(dst) ? -1 : lookup(dst);
        if (out == in.index) {
            filtered++;
        } else if (out >= 0) {
            forwarded++;
            ports[out].send(frame);
        } else {
            flooded++;
            for (SwitchPort p : ports) if (p != in) p.send(frame);
        }
    }

    private void learn(long mac, int port) {
        macTable.learn(mac, port, loop.now());
    }

    private void forgetPort(int port) {
        macTable.removeIf(p -> p == port);
    }

    private final class SwitchPort implements Port {
        private final int index;
        private final String name;
        private LinkEnd link;
        private long rx, tx;

        SwitchPort(int index) {
            this.index = index;
            this.name = EthernetSwitch.this.name + ".p" + index;
        }

        @Override public String name() { return name; }

        @Override
        public void plugged(LinkEnd l) { this.link = l; }

        @Override
        public void unplugged() {
            this.link = null;
            forgetPort(index);
        }

        @Override
        public void receive(byte[] frame) {
            rx++;
            input(this, frame);
        }

        void send(byte[] frame) {
            if (link == null) return;
            tx++;
            link.transmit(frame);
        }

        @Override
        public String toString() { return name; }
    }
}
