package org.stacklab.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.Topology;

/**
 * The HTML report of a whole scenario, from what every host's packet trace holds: for every two
 * hosts that exchanged frames, one ladder per TCP connection and one for everything else (ARP, ICMP,
 * UDP). What {@code stacklab shell --html FILE} writes when the shell exits.
 */
public final class TraceReport {
    /** Longer ladders are cut to this many arrows (from a little before their first lost frame). */
    static final int MAX_ARROWS = 80;

    private TraceReport() {}

    public static HtmlReport of(Topology topo, String title) {
        HtmlReport report = new HtmlReport(title);
        List<Host> hosts = topo.hosts();
        int ladders = 0;
        for (int i = 0; i < hosts.size(); i++) {
            for (int j = i + 1; j < hosts.size(); j++) {
                ladders += pair(report, hosts.get(i), hosts.get(j), topo.loop().now());
            }
        }
        if (ladders == 0) {
            report.section("No traffic");
            report.paragraph("No frames crossed a wire between two hosts. Run a command that sends some (h1 ping -c 1 h2) first.");
        }
        return report;
    }

    private static int pair(HtmlReport report, Host a, Host b, long now) {
        int ipA = address(a), ipB = address(b);
        if (ipA == 0 || ipB == 0) return 0;
        List<PacketTrace.Entry> ta = a.kernel().trace().entries(), tb = b.kernel().trace().entries();
        // The TCP connections between the two, by the pair of ports, in the order they began.
        Set<Long> connections = new LinkedHashSet<>();
        for (PacketTrace.Entry e : ta) {
            PacketLadder.Frame f = PacketLadder.decode(e.frame());
            if (f == null || f.kind() != PacketLadder.Kind.TCP) continue;
            boolean between = f.srcIp() == ipA && f.dstIp() == ipB || f.srcIp() == ipB && f.dstIp() == ipA;
            if (!between) continue;
            int portA = f.srcIp() == ipA ? f.srcPort() : f.dstPort(), portB = f.srcIp() == ipA ? f.dstPort() : f.srcPort();
            connections.add((long) portA << 16 | portB);
        }
        int n = 0;
        Map<String, PacketLadder> ladders = new LinkedHashMap<>();
        ladders.put(a.name() + " and " + b.name() + ": ARP, ICMP, UDP",
                PacketLadder.between(a.name(), ipA, ta, b.name(), ipB, tb, f -> f.kind() != PacketLadder.Kind.TCP, now));
        for (long c : connections) {
            int portA = (int) (c >>> 16), portB = (int) (c & 0xffff);
            ladders.put("TCP " + Ip4.format(ipA) + ":" + portA + " \u2194 " + Ip4.format(ipB) + ":" + portB,
                    PacketLadder.between(a.name(), ipA, ta, b.name(), ipB, tb,
                            f -> f.kind() == PacketLadder.Kind.TCP && (f.srcIp() == ipA ? f.srcPort() == portA && f.dstPort() == portB
                                    : f.srcPort() == portB && f.dstPort() == portA), now));
        }
        for (var e : ladders.entrySet()) {
            PacketLadder l = e.getValue();
            if (l.arrows().isEmpty()) continue;
            report.section(e.getKey());
            if (l.arrows().size() > MAX_ARROWS) {
                int from = Math.max(0, l.firstLost() - 12);
                l = l.window(from, MAX_ARROWS);
                report.paragraph("Arrows " + (from + 1) + " to " + (from + l.arrows().size()) + " of "
                        + e.getValue().arrows().size() + ".");
            }
            report.ladder(l);
            n++;
        }
        return n;
    }

    /** The host's first address on an Ethernet device (its address on the scenario's network). */
    private static int address(Host h) {
        for (NetDevice d : h.kernel().devices()) {
            if (d.name().startsWith("lo")) continue;
            if (d.primaryAddress() != 0) return d.primaryAddress();
        }
        return 0;
    }
}
