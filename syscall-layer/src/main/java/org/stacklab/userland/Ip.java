package org.stacklab.userland;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;
import org.stacklab.syscall.procfs.NetlinkDump;

/**
 * iproute2's {@code ip}: {@code ip link}, {@code ip [-s] link}, {@code ip addr} ({@code ip a}),
 * {@code ip route} ({@code ip r}), {@code ip neigh}, each optionally {@code show [dev] NAME}. It
 * reads the RTM_GETLINK / RTM_GETADDR / RTM_GETROUTE / RTM_GETNEIGH dumps (see {@link NetlinkDump}) and prints them in
 * iproute2's layout. Changing configuration ({@code ip link set}, {@code ip addr add}) needs
 * netlink requests, which this syscall layer does not carry; scenarios configure hosts directly.
 */
public final class Ip implements Program {
    // Flags in the order iproute2's print_link_flags prints them (include/uapi/linux/if.h values).
    private static final int[] FLAG_BITS = {0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x1, 0x10000};
    private static final String[] FLAG_NAMES = {"LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP",
        "ALLMULTI", "PROMISC", "UP", "LOWER_UP"};

    @Override
    public int main(UserProcess proc, String[] argv) {
        int stats = 0;
        int i = 1;
        while (i < argv.length && argv[i].startsWith("-")) {
            String o = argv[i++];
            if (o.equals("-s") || o.equals("-stats") || o.equals("-statistics")) stats++;
            else if (o.equals("-4")) { /* IPv4 is all there is */ }
            else {
                proc.eprintln("Option \"" + o + "\" is unknown, try \"ip -help\".");
                return 255;
            }
        }
        if (i >= argv.length) {
            proc.eprintln("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }");
            proc.eprintln("where  OBJECT := { link | address | route | neigh }");
            return 255;
        }
        String object = argv[i++];
        String dev = null;
        while (i < argv.length) {
            String a = argv[i++];
            if (a.equals("show") || a.equals("list") || a.equals("ls")) continue;
            if (a.equals("dev") && i < argv.length) a = argv[i++];
            dev = a;
        }
        if (matches(object, "link", 1)) return link(proc, dev, stats, false);
        if (matches(object, "address", 1)) return link(proc, dev, stats, true);
        if (matches(object, "route", 1)) return route(proc, dev);
        if (matches(object, "neighbour", 1) || matches(object, "neighbor", 1)) return neigh(proc, dev);
        proc.eprintln("Object \"" + object + "\" is unknown, try \"ip help\".");
        return 255;
    }

    /** iproute2 accepts any prefix of an object name (ip a, ip addr, ip ro). */
    private static boolean matches(String arg, String object, int min) {
        return arg.length() >= min && object.startsWith(arg);
    }

    private int link(UserProcess proc, String dev, int stats, boolean withAddrs) {
        List<String> links = UserFiles.lines(proc, "ip", NetlinkDump.LINK);
        if (links == null) return 1;
        List<Map<String, String>> addrs = new ArrayList<>();
        if (withAddrs) {
            List<String> a = UserFiles.lines(proc, "ip", NetlinkDump.ADDR);
            if (a == null) return 1;
            for (String l : a) addrs.add(UserFiles.record(l));
        }
        boolean found = false;
        for (String line : links) {
            Map<String, String> l = UserFiles.record(line);
            if (dev != null && !dev.equals(l.get("ifname"))) continue;
            found = true;
            int flags = Integer.parseInt(l.get("flags").substring(2), 16);
            proc.println(l.get("ifindex") + ": " + l.get("ifname") + ": <" + flagString(flags) + "> mtu " + l.get("mtu")
                    + " qdisc " + l.get("qdisc") + " state " + l.get("operstate") + (withAddrs ? "" : " mode DEFAULT")
                    + " group default qlen " + l.get("txqlen"));
            proc.println("    link/" + l.get("link_type") + " " + l.get("address") + " brd " + l.get("broadcast"));
            if (stats > 0) printStats(proc, l);
            for (Map<String, String> a : addrs) {
                if (!a.get("ifindex").equals(l.get("ifindex"))) continue;
                StringBuilder sb = new StringBuilder("    inet ").append(a.get("local")).append('/').append(a.get("prefixlen"));
                if (!a.get("broadcast").equals("-")) sb.append(" brd ").append(a.get("broadcast"));
                sb.append(" scope ").append(a.get("scope")).append(' ').append(a.get("label"));
                proc.println(sb.toString());
                proc.println("       valid_lft forever preferred_lft forever");
            }
        }
        if (dev != null && !found) {
            proc.eprintln("Device \"" + dev + "\" does not exist.");
            return 1;
        }
        return 0;
    }

    static String flagString(int flags) {
        List<String> names = new ArrayList<>();
        // An interface that is up but has no carrier says so first (iproute2's NO-CARRIER).
        if ((flags & 0x1) != 0 && (flags & 0x40) == 0) names.add("NO-CARRIER");
        for (int i = 0; i < FLAG_BITS.length; i++) if ((flags & FLAG_BITS[i]) != 0) names.add(FLAG_NAMES[i]);
        return String.join(",", names);
    }

    /**
     * The counters of {@code ip -s link} (iproute2 print_link_stats64): each column as wide as its
     * header's minimum or its widest number, numbers right-aligned and followed by a space.
     */
    private static void printStats(UserProcess proc, Map<String, String> l) {
        String[] rx = {l.get("rx_bytes"), l.get("rx_packets"), l.get("rx_errors"), l.get("rx_dropped"),
            l.get("rx_missed_errors"), l.get("multicast")};
        String[] tx = {l.get("tx_bytes"), l.get("tx_packets"), l.get("tx_errors"), l.get("tx_dropped"),
            l.get("tx_carrier_errors"), l.get("collisions")};
        int[] cols = {10, 7, 6, 7, 7, 7};
        for (int i = 0; i < cols.length; i++) cols[i] = Math.max(cols[i], Math.max(rx[i].length(), tx[i].length()));
        proc.println("    RX: " + pad(cols[0] - 4, "bytes") + " " + pad(cols[1], "packets") + " " + pad(cols[2], "errors")
                + " " + pad(cols[3], "dropped") + " " + pad(cols[4], "missed") + " " + pad(cols[5], "mcast"));
        proc.println(numbers(rx, cols));
        proc.println("    TX: " + pad(cols[0] - 4, "bytes") + " " + pad(cols[1], "packets") + " " + pad(cols[2], "errors")
                + " " + pad(cols[3], "dropped") + " " + pad(cols[4], "carrier") + " " + pad(cols[5], "collsns"));
        proc.println(numbers(tx, cols));
    }

    private static String numbers(String[] v, int[] cols) {
        StringBuilder sb = new StringBuilder("    ");
        for (int i = 0; i < v.length; i++) sb.append(pad(cols[i], v[i])).append(' ');
        return sb.toString().stripTrailing();
    }

    private static String pad(int w, String s) { return " ".repeat(Math.max(0, w - s.length())) + s; }

    /** {@code ip neigh}: "10.0.0.2 dev eth0 lladdr 52:54:00:00:02:01 REACHABLE" (the ARP cache). */
    private int neigh(UserProcess proc, String dev) {
        List<String> entries = UserFiles.lines(proc, "ip", NetlinkDump.NEIGH);
        if (entries == null) return 1;
        for (String line : entries) {
            Map<String, String> n = UserFiles.record(line);
            if (dev != null && !dev.equals(n.get("dev"))) continue;
            StringBuilder sb = new StringBuilder(n.get("dst")).append(" dev ").append(n.get("dev"));
            if (!n.get("lladdr").equals("-")) sb.append(" lladdr ").append(n.get("lladdr"));
            proc.println(sb.append(' ').append(n.get("state")).toString());
        }
        return 0;
    }

    private int route(UserProcess proc, String dev) {
        List<String> routes = UserFiles.lines(proc, "ip", NetlinkDump.ROUTE);
        if (routes == null) return 1;
        for (String line : routes) {
            Map<String, String> r = UserFiles.record(line);
            if (!"main".equals(r.get("table"))) continue;
            if (dev != null && !dev.equals(r.get("oif"))) continue;
            StringBuilder sb = new StringBuilder();
            sb.append(r.get("dst_len").equals("0") ? "default" : r.get("dst") + "/" + r.get("dst_len"));
            if (!r.get("gateway").equals("-")) sb.append(" via ").append(r.get("gateway"));
            sb.append(" dev ").append(r.get("oif"));
            String proto = r.get("protocol");
            // iproute2 leaves out the protocol of routes added by hand (RTPROT_BOOT).
            if (!proto.equals("boot") && !proto.equals("static")) sb.append(" proto ").append(proto);
            if (!r.get("scope").equals("global")) sb.append(" scope ").append(r.get("scope"));
            if (!r.get("prefsrc").equals("-")) sb.append(" src ").append(r.get("prefsrc"));
            if (!r.get("priority").equals("0")) sb.append(" metric ").append(r.get("priority"));
            proc.println(sb.toString());
        }
        return 0;
    }
}
