package org.stacklab.userland;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpProtocolHandler;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.kernel.ip.Route;
import org.stacklab.kernel.ip.RoutingTable;

/** The IpStack contract with tables a test fills in (routes, ARP entries, MIB counters). */
final class FakeIpStack implements IpStack {
    final List<Route> routes = new ArrayList<>();
    final List<Neighbour> neighbours = new ArrayList<>();
    final Map<String, Long> counters = new LinkedHashMap<>();

    @Override public void registerProtocol(int protocol, IpProtocolHandler handler) {}
    @Override public void unregisterProtocol(int protocol) {}
    @Override public int output(SkBuff skb, int saddr, int daddr, int protocol, int ttl, int tos) { return 0; }
    @Override public int sourceAddressFor(int daddr) { return 0; }
    @Override public int mtuFor(int daddr) { return 1500; }
    @Override public boolean isLocalAddress(int addr) { return false; }
    @Override public boolean isBroadcast(int addr) { return false; }
    @Override public RoutingTable routes() { return table; }
    @Override public int addAddress(String dev, int address, int prefixLen) { return 0; }
    @Override public int removeAddress(String dev, int address, int prefixLen) { return 0; }
    @Override public List<Neighbour> neighbours() { return neighbours; }
    @Override public void sendDestUnreachable(SkBuff original, int code) {}
    @Override public Map<String, Long> counters() { return counters; }

    void add(Route r) { routes.add(r); }

    private final RoutingTable table = new RoutingTable() {
        @Override public void add(Route r) { routes.add(r); }
        @Override public boolean remove(Route r) { return routes.remove(r); }
        @Override public Route lookup(int daddr) { return null; }
        @Override public List<Route> routes() { return routes; }
    };
}
