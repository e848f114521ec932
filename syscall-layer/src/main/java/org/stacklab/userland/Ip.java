package org.stacklab.userland;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.RtNetlink;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;
import org.stacklab.syscall.procfs.NetlinkDump;

/**
 * iproute2's {@code ip}: {@code ip link}, {@code ip [-s] link}, {@code ip addr} ({@code ip a}),
 * {@code ip route} ({@code ip r}), {@code ip neigh}, each optionally {@code show [dev] NAME}. It
 * reads the RTM_GETLINK / RTM_GETADDR / RTM_GETROUTE / RTM_GETNEIGH dumps (see {@link NetlinkDump}) and prints them in
 * iproute2's layout; {@code -br} prints the brief one-line-per-device form. Changes
 * ({@code ip addr add/del}, {@code ip link set dev X up|down|mtu N}, {@code ip route add/del}) and
 * {@code ip route get} go to the kernel as rtnetlink requests through {@link RtNetlink}'s file, and
 * a refused request is reported as iproute2 reports a netlink NACK ("RTNETLINK answers: File
 * exists", exit 2). Anything else says on stderr that it is not supported and exits non-zero.
 */
public final class Ip implements Program {
    // Flags in the order iproute2's print_link_flags prints them (include/uapi/linux/if.h values).
    private static final int[] FLAG_BITS = {0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x1, 0x10000};
    private static final String[] FLAG_NAMES = {"LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP",
        "ALLMULTI", "PROMISC", "UP", "LOWER_UP"};

    private UserProcess proc;
    private boolean brief;

    @Override
    public int main(UserProcess proc, String[] argv) {
        this.proc = proc;
        int stats = 0;
        int i = 1;
        while (i < argv.length && argv[i].startsWith("-")) {
            String o = argv[i++];
            if (o.equals("-s") || o.equals("-stats") || o.equals("-statistics")) stats++;
            else if (o.equals("-4")) { /* IPv4 is all there is */ }
            else if (o.equals("-br") || o.equals("-brief")) brief = true;
            else if (o.equals("-h") || o.equals("-help")) return usage(0);
            else {
                proc.eprintln("Option \"" + o + "\" is unknown, try \"ip -help\".");
                return 255;
            }
        }
        if (i >= argv.length) return usage(255);
        String object = argv[i++];
        List<String> rest = new ArrayList<>(List.of(argv).subList(i, argv.length));
        String cmd = rest.isEmpty() ? "show" : rest.remove(0);
        if (matches(object, "help", 1)) return usage(0);
        if (matches(object, "link", 1)) {
            if (isShow(cmd)) {
                String dev = showDevice(rest, "link");
                return dev == BAD ? 255 : link(proc, dev, stats, false);
            }
            if (matches(cmd, "set", 1)) return linkSet(rest);
            if (cmd.equals("help")) return help("link", "ip link show [ [dev] DEVICE ]", "ip link set [ dev ] DEVICE { up | down | mtu MTU }");
            return unsupported("link", cmd, "show, set");
        }
        if (matches(object, "address", 1)) {
            if (isShow(cmd)) {
                String dev = showDevice(rest, "address");
                return dev == BAD ? 255 : link(proc, dev, stats, true);
            }
            if (matches(cmd, "add", 1)) return addrChange(rest, true);
            if (matches(cmd, "delete", 1)) return addrChange(rest, false);
            if (cmd.equals("help")) return help("address", "ip address show [ [dev] DEVICE ]", "ip address { add | del } IFADDR dev DEVICE");
            return unsupported("address", cmd, "show, add, del");
        }
        if (matches(object, "route", 1)) {
            if (isShow(cmd)) {
                String dev = showDevice(rest, "route");
                return dev == BAD ? 255 : route(proc, dev);
            }
            if (matches(cmd, "get", 1)) return routeGet(rest);
            if (matches(cmd, "add", 1)) return routeChange(rest, true);
            if (matches(cmd, "delete", 1)) return routeChange(rest, false);
            if (cmd.equals("help")) return help("route", "ip route show [ dev DEVICE ]", "ip route get ADDRESS",
                    "ip route { add | del } { PREFIX | default } [ via ADDRESS ] [ dev DEVICE ] [ metric NUMBER ]");
            return unsupported("route", cmd, "show, get, add, del");
        }
        if (matches(object, "neighbour", 1) || matches(object, "neighbor", 1)) {
            if (isShow(cmd)) {
                String dev = showDevice(rest, "neigh");
                return dev == BAD ? 255 : neigh(proc, dev);
            }
            return unsupported("neigh", cmd, "show");
        }
        proc.eprintln("Object \"" + object + "\" is unknown, try \"ip help\".");
        return 255;
    }

    /** Marks a show command whose arguments were refused (the error is already printed). */
    private static final String BAD = new String("bad");

    private static boolean isShow(String cmd) {
        return cmd.equals("show") || cmd.equals("list") || cmd.equals("ls") || cmd.equals("lst");
    }

    /** {@code show [dev] NAME}: the device, null for all, or {@link #BAD} for anything else. */
    private String showDevice(List<String> args, String object) {
        String dev = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("dev") && i + 1 < args.size()) a = args.get(++i);
            else if (object.equals("route") || object.equals("neigh") || dev != null) {
                // ip route show takes selectors (dev, table, proto...), not a bare name; only dev is supported.
                proc.eprintln("ip " + object + " show: \"" + a + "\" is not supported by StackLab's ip (only [dev] DEVICE)");
                return BAD;
            }
            dev = a;
        }
        return dev;
    }

    /** iproute2's usage, on stderr; {@code ip help} exits 0, a missing object 255. */
    private int usage(int status) {
        proc.eprintln("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }");
        proc.eprintln("where  OBJECT := { address | link | neighbour | route }");
        proc.eprintln("       OPTIONS := { -s[tatistics] | -4 | -br[ief] | -h[elp] }");
        return status;
    }

    private int help(String object, String... lines) {
        for (int i = 0; i < lines.length; i++) proc.eprintln((i == 0 ? "Usage: " : "       ") + lines[i]);
        return 0;
    }

    /**
     * A command iproute2 has and this ip does not (or one neither has): said on stderr with exit
     * 255, iproute2's status for an unknown command, never a listing that looks like success.
     */
    private int unsupported(String object, String cmd, String supported) {
        proc.eprintln("Command \"" + cmd + "\" is unknown or not supported by StackLab's ip " + object
                + " (supported: " + supported + "), try \"ip " + object + " help\".");
        return 255;
    }

    // ------------------------------------------------------------------ changes (rtnetlink requests)

    /** Sends one request to the kernel; 0, or the error already printed as iproute2 prints a NACK (exit 2). */
    private int rtnl(String msg, StringBuilder reply) {
        int fd = proc.sys().open(RtNetlink.CONTROL_FILE, Syscalls.O_RDWR);
        if (fd < 0) {
            proc.eprintln("Cannot open netlink socket: " + UserFiles.strerror(fd));
            return 1;
        }
        byte[] b = msg.getBytes(StandardCharsets.UTF_8);
        int rc = proc.sys().write(fd, b, 0, b.length);
        if (rc >= 0 && reply != null) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = proc.sys().read(fd, buf, 0, buf.length)) > 0) reply.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        proc.sys().close(fd);
        if (rc < 0) {
            proc.eprintln("RTNETLINK answers: " + UserFiles.strerror(rc));
            return 2;
        }
        return 0;
    }

    /** ll_name_to_index: iproute2 looks the device up before it asks, and says so if there is none. */
    private boolean deviceExists(String dev) {
        List<String> links = UserFiles.lines(proc, "ip", NetlinkDump.LINK);
        if (links != null) for (String l : links) if (dev.equals(UserFiles.record(l).get("ifname"))) return true;
        proc.eprintln("Cannot find device \"" + dev + "\"");
        return false;
    }

    /** {@code ip link set [dev] DEV { up | down | mtu N }...}. */
    private int linkSet(List<String> args) {
        String dev = null;
        StringBuilder attrs = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "up" -> attrs.append(" up=1");
                case "down" -> attrs.append(" up=0");
                case "mtu" -> {
                    if (i + 1 >= args.size()) return argError("mtu", null);
                    String v = args.get(++i);
                    if (!v.matches("\\d{1,9}")) return argError("mtu", v);
                    attrs.append(" mtu=").append(v);
                }
                case "dev" -> {
                    if (i + 1 >= args.size()) return argError("dev", null);
                    dev = args.get(++i);
                }
                default -> {
                    if (dev != null) {
                        proc.eprintln("Error: either \"dev\" is duplicate, or \"" + a + "\" is a garbage.");
                        return 255;
                    }
                    dev = a;
                }
            }
        }
        if (dev == null) {
            proc.eprintln("Not enough of information: \"dev\" argument is required.");
            return 255;
        }
        if (!deviceExists(dev)) return 1;
        if (attrs.length() == 0) return 0;
        return rtnl("RTM_NEWLINK ifname=" + dev + attrs, null);
    }

    private int argError(String what, String value) {
        if (value == null) proc.eprintln("Command line is not complete. Try option \"help\"");
        else proc.eprintln("Error: argument \"" + value + "\" is wrong: Invalid \"" + what + "\" value");
        return 255;
    }

    /** {@code ip addr add|del ADDR[/LEN] dev DEV}. */
    private int addrChange(List<String> args, boolean add) {
        String prefix = null, dev = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("dev")) {
                if (i + 1 >= args.size()) return argError("dev", null);
                dev = args.get(++i);
            } else if (a.equals("local") && i + 1 < args.size()) {
                prefix = args.get(++i);
            } else if (prefix == null) {
                prefix = a;
            } else {
                proc.eprintln("Error: \"" + a + "\" is not supported by StackLab's ip address " + (add ? "add" : "del")
                        + " (only IFADDR dev DEVICE).");
                return 255;
            }
        }
        if (prefix == null) {
            proc.eprintln("Not enough information: \"dev\" argument is required.");
            return 255;
        }
        int slash = prefix.indexOf('/');
        String addr = slash < 0 ? prefix : prefix.substring(0, slash);
        int plen = -1;
        try {
            Ip4.parse(addr);
            if (slash >= 0) {
                plen = Integer.parseInt(prefix.substring(slash + 1));
                if (plen < 0 || plen > 32) throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            proc.eprintln("Error: any valid prefix is expected rather than \"" + prefix + "\".");
            return 1;
        }
        if (dev == null) {
            proc.eprintln("Not enough information: \"dev\" argument is required.");
            return 255;
        }
        if (!deviceExists(dev)) return 1;
        if (plen < 0 && add) plen = 32; // iproute2: a bare address is a /32
        if (plen < 0) {
            proc.eprintln("Warning: Executing wildcard deletion to stay compatible with old scripts.");
            proc.eprintln("         Explicitly specify the prefix length (" + addr + "/32) to avoid this warning.");
            proc.eprintln("         This special behaviour is likely to disappear in further releases,");
            proc.eprintln("         fix your scripts!");
        }
        return rtnl((add ? "RTM_NEWADDR" : "RTM_DELADDR") + " ifname=" + dev + " local=" + addr + " prefixlen=" + plen, null);
    }

    /**
     * {@code ip route get ADDR}: the kernel's answer, as iproute2 prints a cloned route:
     * {@code 10.0.0.2 dev eth0 src 10.0.0.1 uid 0 }, then {@code     cache } (both with the trailing
     * space iproute2 leaves), with {@code local} and {@code <local>} for this host's own addresses.
     */
    private int routeGet(List<String> args) {
        if (args.size() != 1) {
            if (args.isEmpty()) proc.eprintln("need at least a destination address");
            else proc.eprintln("Error: \"" + args.get(1) + "\" is not supported by StackLab's ip route get (only ADDRESS).");
            return 255;
        }
        String dst = args.get(0).endsWith("/32") ? args.get(0).substring(0, args.get(0).length() - 3) : args.get(0);
        try {
            Ip4.parse(dst);
        } catch (IllegalArgumentException e) {
            proc.eprintln("Error: inet prefix is expected rather than \"" + args.get(0) + "\".");
            return 1;
        }
        StringBuilder reply = new StringBuilder();
        int rc = rtnl("RTM_GETROUTE dst=" + dst + " uid=" + proc.sys().getuid(), reply);
        if (rc != 0) return rc;
        Map<String, String> r = UserFiles.record(reply.toString().trim());
        boolean local = "local".equals(r.get("type"));
        StringBuilder sb = new StringBuilder(local ? "local " : "").append(r.get("dst"));
        if (!r.get("gateway").equals("-")) sb.append(" via ").append(r.get("gateway"));
        sb.append(" dev ").append(r.get("oif")).append(" src ").append(r.get("prefsrc")).append(" uid ").append(r.get("uid")).append(' ');
        proc.println(sb.toString());
        proc.println(local ? "    cache <local> " : "    cache ");
        return 0;
    }

    /** {@code ip route add|del {PREFIX|default} [via GW] [dev DEV] [metric N]}. */
    private int routeChange(List<String> args, boolean add) {
        String prefix = null, via = null, dev = null, metric = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean hasValue = i + 1 < args.size();
            if (a.equals("via") && hasValue) via = args.get(++i);
            else if (a.equals("dev") && hasValue) dev = args.get(++i);
            else if ((a.equals("metric") || a.equals("preference")) && hasValue) metric = args.get(++i);
            else if (a.equals("to") && hasValue) prefix = args.get(++i);
            else if (prefix == null) prefix = a;
            else {
                proc.eprintln("Error: \"" + a + "\" is not supported by StackLab's ip route " + (add ? "add" : "del")
                        + " (only PREFIX [via ADDRESS] [dev DEVICE] [metric NUMBER]).");
                return 255;
            }
        }
        if (prefix == null) {
            proc.eprintln("Command line is not complete. Try option \"help\"");
            return 255;
        }
        String dst = prefix.equals("default") ? "0.0.0.0/0" : prefix.contains("/") ? prefix : prefix + "/32";
        String addr = dst.substring(0, dst.indexOf('/'));
        String plen = dst.substring(dst.indexOf('/') + 1);
        try {
            Ip4.parse(addr);
            if (via != null) Ip4.parse(via);
            int p = Integer.parseInt(plen);
            if (p < 0 || p > 32) throw new IllegalArgumentException();
            if (metric != null) Integer.parseInt(metric);
        } catch (IllegalArgumentException e) {
            proc.eprintln("Error: inet prefix is expected rather than \"" + prefix + "\".");
            return 1;
        }
        if (dev != null && !deviceExists(dev)) return 1;
        StringBuilder msg = new StringBuilder(add ? "RTM_NEWROUTE" : "RTM_DELROUTE")
                .append(" dst=").append(addr).append(" dst_len=").append(plen);
        if (via != null) msg.append(" gateway=").append(via);
        if (dev != null) msg.append(" oif=").append(dev);
        if (metric != null) msg.append(" metric=").append(metric);
        return rtnl(msg.toString(), null);
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
            if (brief) {
                // print_linkinfo_brief / ipaddr brief: "%-16s %-14s " then the address(es), each with a trailing space.
                StringBuilder sb = new StringBuilder(String.format("%-16s %-14s ", l.get("ifname"), l.get("operstate")));
                if (!withAddrs) sb.append(l.get("address")).append(" <").append(flagString(flags)).append("> ");
                for (Map<String, String> a : addrs) {
                    if (a.get("ifindex").equals(l.get("ifindex"))) sb.append(a.get("local")).append('/').append(a.get("prefixlen")).append(' ');
                }
                proc.println(sb.toString());
                continue;
            }
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
