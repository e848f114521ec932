package org.stacklab.labs.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpProtocolHandler;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.kernel.ip.RoutingTable;

/**
 * A stand-in for the IP layer's contract that records what the firewall asks it to send: the ICMP
 * errors REJECT requests and the segments (a TCP RST) it hands to {@link #output}.
 */
final class RecordingIp implements IpStack, KernelModule {
    /** One {@code sendDestUnreachable} call: a copy of the offending datagram (IP header first) and the code. */
    record Unreachable(byte[] datagram, int code) {}

    /** One {@code output} call: the transport bytes and the addresses. */
    record Output(byte[] segment, int saddr, int daddr, int protocol) {}

    final List<Unreachable> unreachables = new ArrayList<>();
    final List<Output> outputs = new ArrayList<>();

    @Override public String name() { return "ipv4"; }
    @Override public String impl() { return "recording-double"; }
    @Override public void init(Kernel kernel) { kernel.exportSymbol(IpStack.class, this, name()); }
    @Override public void exit(Kernel kernel) {}

    @Override
    public int output(SkBuff skb, int saddr, int daddr, int protocol, int ttl, int tos) {
        outputs.add(new Output(skb.toByteArray(), saddr, daddr, protocol));
        return 0;
    }

    @Override
    public void sendDestUnreachable(SkBuff original, int code) {
        unreachables.add(new Unreachable(original.toByteArray(), code));
    }

    @Override public void registerProtocol(int protocol, IpProtocolHandler handler) {}
    @Override public void unregisterProtocol(int protocol) {}
    @Override public int sourceAddressFor(int daddr) { return 0; }
    @Override public int mtuFor(int daddr) { return 1500; }
    @Override public boolean isLocalAddress(int addr) { return false; }
    @Override public boolean isBroadcast(int addr) { return false; }
    @Override public RoutingTable routes() { return null; }
    @Override public int addAddress(String dev, int address, int prefixLen) { return 0; }
    @Override public int removeAddress(String dev, int address, int prefixLen) { return 0; }
    @Override public List<Neighbour> neighbours() { return List.of(); }
    @Override public Map<String, Long> counters() { return Map.of(); }
}
