package org.stacklab.scenario;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.stacklab.kernel.core.InetIfAddr;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.NapiStruct;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.driver.NicDriverModule;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.kernel.ip.Route;
import org.stacklab.sim.Time;

/**
 * The kernel at work, for {@code ./stacklab demo}: two hosts on a switch boot (driver probe, link
 * up), ARP resolves, ping crosses the switch and loops back through {@code lo}; then a router
 * forwards with a TTL decrement and answers an expiring TTL; a ping flood shows NAPI and interrupt
 * moderation. Every step prints the packet trace as it happened. With a pcap path, h1's cable on
 * the switch is captured.
 */
public final class KernelDemo {
    private final PrintStream out;
    private final long seed;
    private final Path pcap;
    private int shown;

    private KernelDemo(PrintStream out, long seed, Path pcap) {
        this.out = out;
        this.seed = seed;
        this.pcap = pcap;
    }

    /** Runs the demo, printing to {@code out}; {@code pcap} may be null. */
    public static void run(PrintStream out, long seed, Path pcap) {
        new KernelDemo(out, seed, pcap).run();
    }

    private void run() {
        Topology t = new Topology(seed);
        Host h1 = t.addHost("h1"), h2 = t.addHost("h2");
        var sw = t.addSwitch("sw0", 4);
        t.connect(h1, sw, pcap == null ? LinkOptions.gigabit() : LinkOptions.gigabit().withPcap(pcap));
        t.connect(h2, sw);
        h1.address("eth0", "10.0.0.1/24");
        h2.address("eth0", "10.0.0.2/24");
        t.run(Time.us(10));

        section("1. Two hosts boot: the e1000 driver probes its NIC, the link comes up");
        out.println("h1$ dmesg");
        for (String l : h1.kernel().log().lines()) {
            if (l.contains("e1000") || l.contains("eth0") || l.contains("module")) out.println("  " + l);
        }
        out.println("h1$ ip addr");
        ipAddr(h1);
        out.println("h1$ ip route");
        for (Route r : h1.ip().routes().routes()) out.println("  " + r.format());

        section("2. ping across the switch: ARP first, then ICMP echo");
        ping(t, h1, "10.0.0.2", 3);
        out.println("h1$ ip neigh");
        for (Neighbour n : h1.ip().neighbours()) {
            out.println("  " + Ip4.format(n.ip()) + " dev " + n.dev() + " lladdr " + MacAddr.format(n.mac()) + " " + n.state());
        }

        section("3. ping 127.0.0.1: loopback never touches the NIC");
        long tx = h1.device("eth0").stats().txPackets;
        ping(t, h1, "127.0.0.1", 1);
        out.println("  (eth0 sent " + (h1.device("eth0").stats().txPackets - tx) + " frames meanwhile)");

        section("4. A ping flood with interrupt moderation: NAPI takes many frames per interrupt");
        h2.interruptModeration("eth0", 100);
        NapiStruct napi = ((NicDriverModule) h2.kernel().module("e1000")).napiOf(h2.device("eth0"));
        long irq0 = h2.nic("eth0").irq().count(), polls0 = napi.polls(), frames0 = napi.framesPolled();
        out.println("h2$ ethtool -C eth0 rx-usecs 100");
        out.println("h1$ ping -f -c 500 10.0.0.2");
        int ok = Ping.flood(h1, "10.0.0.2", 500, Time.s(1));
        out.printf("  500 packets transmitted, %d received%n", ok);
        out.printf("  h2 eth0: %d frames in %d polls (at most %d each), %d interrupts%n",
                napi.framesPolled() - frames0, napi.polls() - polls0, napi.maxWorkSeen(), h2.nic("eth0").irq().count() - irq0);
        shown = t.trace().size();
        t.close();

        section("5. A router: h1 (10.0.1.0/24) - r1 - h2 (10.0.2.0/24)");
        Topology r = Topology.routed(seed);
        Host rh1 = r.host("h1");
        ping(r, rh1, "10.0.2.1", 1);
        out.println("h1$ ping -c 1 -t 1 10.0.2.1");
        int before = r.trace().size();
        Ping.Result ex = Ping.once(rh1, "10.0.2.1", 1, 56, 1, Time.s(1));
        if (ex != null) out.println("  From " + Ip4.format(ex.from()) + " icmp_seq=1 Time to live exceeded");
        List<String> tr = r.trace();
        for (String l : tr.subList(before, tr.size())) out.println("  " + l);
        out.println();
        out.println("r1$ nstat ForwDatagrams IcmpOutTimeExcds");
        var c = r.host("r1").ip().counters();
        out.println("  ForwDatagrams " + c.get("ForwDatagrams") + "   IcmpOutTimeExcds " + c.get("IcmpOutTimeExcds"));
        if (pcap != null) out.println("\nh1's cable on sw0 was captured to " + pcap + " (tcpdump -r " + pcap + ")");
    }

    private void ping(Topology t, Host h, String dst, int count) {
        out.println(h.name() + "$ ping -c " + count + " " + dst);
        shown = t.trace().size();
        for (int i = 1; i <= count; i++) {
            Ping.Result r = Ping.once(h, dst, i, 56, 0, Time.s(1));
            if (r != null && r.isEchoReply()) {
                out.printf("  64 bytes from %s: icmp_seq=%d ttl=%d time=%.3f ms%n", dst, i, r.ttl(), r.rttNs() / 1e6);
            } else {
                out.println("  no answer for icmp_seq=" + i);
            }
        }
        List<String> tr = t.trace();
        out.println("  -- trace --");
        for (String l : tr.subList(shown, tr.size())) out.println("  " + l);
        shown = tr.size();
    }

    private void ipAddr(Host h) {
        for (NetDevice d : h.kernel().devices()) {
            out.printf("  %d: %s: <%s> mtu %d%n", d.ifindex(), d.name(), flags(d), d.mtu());
            if (d.type() == NetDevice.ARPHRD_ETHER) out.println("      link/ether " + MacAddr.format(d.mac()) + " brd ff:ff:ff:ff:ff:ff");
            for (InetIfAddr a : d.addresses()) out.println("      inet " + a + " scope " + a.scope() + " " + d.name());
        }
    }

    private static String flags(NetDevice d) {
        StringBuilder sb = new StringBuilder();
        if ((d.flags() & NetDevice.IFF_LOOPBACK) != 0) sb.append("LOOPBACK,");
        if ((d.flags() & NetDevice.IFF_BROADCAST) != 0) sb.append("BROADCAST,");
        if ((d.flags() & NetDevice.IFF_MULTICAST) != 0) sb.append("MULTICAST,");
        if (d.isUp()) sb.append("UP,");
        if (d.hasCarrier()) sb.append("LOWER_UP,");
        return sb.length() == 0 ? "" : sb.substring(0, sb.length() - 1);
    }

    private void section(String title) {
        out.println();
        String line = "── " + title + " ";
        out.println(line + "─".repeat(Math.max(3, 100 - line.length())));
    }
}
