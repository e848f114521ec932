package org.stacklab.testkit.tcp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpProtocolHandler;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.kernel.ip.RoutingTable;

/**
 * An IP layer for testing a transport without the real IP module: loaded as module {@code ip}, it
 * exports {@link IpStack}, records every segment the transport outputs, and lets a test inject
 * segments as if they had arrived. {@link #setWire} connects it to something that carries the
 * segments on (a {@link TcpPipe}).
 */
public final class TestIpLayer implements IpStack, KernelModule {
    private final Set<Integer> addresses = new LinkedHashSet<>();
    private final Map<Integer, IpProtocolHandler> handlers = new TreeMap<>();
    private final List<WireSegment> sent = new ArrayList<>();
    private final List<WireSegment> trace = new ArrayList<>();
    private final Map<String, Long> counters = new TreeMap<>();
    private Kernel kernel;
    private int mtu = 1500;
    private boolean recording = true;
    private Consumer<WireSegment> wire;

    public TestIpLayer(int... localAddresses) {
        for (int a : localAddresses) addresses.add(a);
    }

    @Override public String name() { return "ip"; }
    @Override public String impl() { return "test"; }

    @Override
    public void init(Kernel kernel) {
        this.kernel = kernel;
        kernel.exportSymbol(IpStack.class, this, name());
    }

    @Override public void exit(Kernel kernel) { }

    public void setMtu(int mtu) { this.mtu = mtu; }

    /** Where output segments go after being recorded (null: nowhere, the test reads them). */
    public void setWire(Consumer<WireSegment> wire) { this.wire = wire; }

    /** Keep a copy of every segment for {@link #sent()} and the ladder (off for long bulk runs). */
    public void setRecording(boolean on) { recording = on; }

    // ------------------------------------------------------------------------ IpStack

    @Override public void registerProtocol(int protocol, IpProtocolHandler handler) { handlers.put(protocol, handler); }

    @Override public void unregisterProtocol(int protocol) { handlers.remove(protocol); }

    @Override
    public int output(SkBuff skb, int saddr, int daddr, int protocol, int ttl, int tos) {
        if (saddr == 0) saddr = sourceAddressFor(daddr);
        counters.merge("OutRequests", 1L, Long::sum);
        WireSegment w = new WireSegment(kernel.now(), kernel.hostname(), true, saddr, daddr, skb.toByteArray());
        if (recording) {
            sent.add(w);
            trace.add(w);
        }
        if (wire != null) wire.accept(w);
        return 0;
    }

    @Override public int sourceAddressFor(int daddr) { return addresses.isEmpty() ? 0 : addresses.iterator().next(); }

    @Override public int mtuFor(int daddr) { return mtu; }

    @Override public boolean isLocalAddress(int addr) { return addresses.contains(addr); }

    @Override public boolean isBroadcast(int addr) { return addr == 0xFFFFFFFF; }

    @Override
    public RoutingTable routes() { throw new UnsupportedOperationException("the test IP layer has no routing table"); }

    @Override
    public int addAddress(String dev, int address, int prefixLen) {
        addresses.add(address);
        return 0;
    }

    @Override
    public int removeAddress(String dev, int address, int prefixLen) {
        addresses.remove(address);
        return 0;
    }

    @Override public List<Neighbour> neighbours() { return List.of(); }

    @Override public void sendDestUnreachable(SkBuff original, int code) { counters.merge("OutDestUnreachs", 1L, Long::sum); }

    @Override public Map<String, Long> counters() { return Map.copyOf(counters); }

    // ------------------------------------------------------------------------ the test's side

    /** Delivers a transport segment ({@code bytes} = header + data) to the protocol's handler now. */
    public void inject(int protocol, int saddr, int daddr, byte[] bytes) {
        counters.merge("InDelivers", 1L, Long::sum);
        if (recording) trace.add(new WireSegment(kernel.now(), kernel.hostname(), false, saddr, daddr, bytes.clone()));
        IpProtocolHandler h = handlers.get(protocol);
        if (h == null) return;
        byte[] frame = new byte[SkBuff.DEFAULT_HEADROOM + bytes.length];
        System.arraycopy(bytes, 0, frame, SkBuff.DEFAULT_HEADROOM, bytes.length);
        SkBuff skb = SkBuff.wrap(frame, frame.length);
        skb.setNetworkHeader(SkBuff.DEFAULT_HEADROOM - 20);
        skb.pull(SkBuff.DEFAULT_HEADROOM);
        skb.resetTransportHeader();
        kernel.guarded("ip protocol " + protocol + " receive", () -> h.receive(skb, saddr, daddr));
    }

    /** Segments output so far, oldest first. */
    public List<WireSegment> sent() { return sent; }

    /** Everything sent and injected, in order. */
    public List<WireSegment> trace() { return trace; }

    public Kernel kernel() { return kernel; }
}
