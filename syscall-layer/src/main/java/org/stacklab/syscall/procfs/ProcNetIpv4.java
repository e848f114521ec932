package org.stacklab.syscall.procfs;

import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.kernel.ip.Route;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SocketProto;

/**
 * The IPv4 layer's /proc files: /proc/net/arp (net/ipv4/arp.c), /proc/net/route (fib_trie.c
 * fib_route_seq_show), /proc/net/snmp (net/ipv4/proc.c: Ip, Icmp, then Tcp and Udp from the
 * transports' own counters) and /proc/net/netstat (its TcpExt lines). With no IP module loaded the tables
 * are empty, as on a kernel without IPv4.
 */
final class ProcNetIpv4 {
    private ProcNetIpv4() {}

    // ARP flags (include/uapi/linux/if_arp.h).
    private static final int ATF_COM = 0x02, ATF_PERM = 0x04;
    // Route flags (include/uapi/linux/route.h).
    private static final int RTF_UP = 0x1, RTF_GATEWAY = 0x2, RTF_HOST = 0x4;

    static String arp(Kernel k) {
        StringBuilder sb = new StringBuilder("IP address       HW type     Flags       HW address            Mask     Device\n");
        IpStack ip = k.findSymbol(IpStack.class);
        if (ip == null) return sb.toString();
        for (Neighbour n : ip.neighbours()) {
            int flags = 0;
            long mac = n.mac();
            switch (n.state()) {
                case "PERMANENT": flags = ATF_COM | ATF_PERM; break;
                case "INCOMPLETE": case "FAILED": case "NONE": flags = 0; mac = 0; break;
                default: flags = ATF_COM;
            }
            sb.append(String.format("%-16s 0x%-10x0x%-10x%s     *        %s%n",
                    Ip4.format(n.ip()), 1, flags, MacAddr.format(mac), n.dev()));
        }
        return sb.toString();
    }

    static String route(Kernel k) {
        StringBuilder sb = new StringBuilder();
        ProcNetSockets.pad(sb, "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT", 127);
        IpStack ip = k.findSymbol(IpStack.class);
        if (ip == null) return sb.toString();
        for (Route r : ip.routes().routes()) {
            // Local routes (own addresses, loopback) live in the local table, which /proc/net/route does not show.
            if (NetlinkDump.isLocalTable(k, r)) continue;
            int flags = RTF_UP | (r.gateway() != 0 ? RTF_GATEWAY : 0) | (r.prefixLen() == 32 ? RTF_HOST : 0);
            String line = String.format("%s\t%08X\t%08X\t%04X\t%d\t%d\t%d\t%08X\t%d\t%d\t%d", r.dev(),
                    Integer.reverseBytes(r.dest()), Integer.reverseBytes(r.gateway()), flags, 0, 0, r.metric(),
                    Integer.reverseBytes(Ip4.mask(r.prefixLen())), 0, 0, 0);
            ProcNetSockets.pad(sb, line, 127);
        }
        return sb.toString();
    }

    private static final List<String> IP_FIELDS = List.of("Forwarding", "DefaultTTL", "InReceives", "InHdrErrors",
            "InAddrErrors", "ForwDatagrams", "InUnknownProtos", "InDiscards", "InDelivers", "OutRequests",
            "OutDiscards", "OutNoRoutes", "ReasmTimeout", "ReasmReqds", "ReasmOKs", "ReasmFails", "FragOKs",
            "FragFails", "FragCreates");
    private static final List<String> ICMP_FIELDS = List.of("InMsgs", "InErrors", "InCsumErrors", "InDestUnreachs",
            "InTimeExcds", "InParmProbs", "InSrcQuenchs", "InRedirects", "InEchos", "InEchoReps", "InTimestamps",
            "InTimestampReps", "InAddrMasks", "InAddrMaskReps", "OutMsgs", "OutErrors", "OutDestUnreachs",
            "OutTimeExcds", "OutParmProbs", "OutSrcQuenchs", "OutRedirects", "OutEchos", "OutEchoReps",
            "OutTimestamps", "OutTimestampReps", "OutAddrMasks", "OutAddrMaskReps");

    /**
     * The Ip: and Icmp: lines of /proc/net/snmp, from {@link IpStack#counters()}. A counter is found
     * under its MIB name ({@code InReceives}) or prefixed ({@code IpInReceives}, {@code Ip.InReceives});
     * a counter the IP module does not keep reads 0.
     */
    static String snmp(Kernel k) {
        IpStack ip = k.findSymbol(IpStack.class);
        Map<String, Long> c = ip == null ? Map.of() : ip.counters();
        StringBuilder sb = new StringBuilder();
        sb.append("Ip: ").append(String.join(" ", IP_FIELDS)).append('\n').append("Ip:");
        for (String f : IP_FIELDS) {
            long v;
            if (f.equals("Forwarding")) v = k.sysctl().isOn("net.ipv4.ip_forward") ? 1 : 2;
            else if (f.equals("DefaultTTL")) v = k.sysctl().get("net.ipv4.ip_default_ttl", IpStack.DEFAULT_TTL);
            else v = counter(c, "Ip", f, true);
            sb.append(' ').append(v);
        }
        sb.append('\n').append("Icmp: ").append(String.join(" ", ICMP_FIELDS)).append('\n').append("Icmp:");
        for (String f : ICMP_FIELDS) sb.append(' ').append(counter(c, "Icmp", f, false));
        sb.append('\n');
        transport(sb, k, "Tcp", Sock.IPPROTO_TCP, TCP_FIELDS);
        transport(sb, k, "Udp", Sock.IPPROTO_UDP, UDP_FIELDS);
        return sb.toString();
    }

    private static final List<String> TCP_FIELDS = List.of("RtoAlgorithm", "RtoMin", "RtoMax", "MaxConn",
            "ActiveOpens", "PassiveOpens", "AttemptFails", "EstabResets", "CurrEstab", "InSegs", "OutSegs",
            "RetransSegs", "InErrs", "OutRsts", "InCsumErrors");
    private static final List<String> UDP_FIELDS = List.of("InDatagrams", "NoPorts", "InErrors", "OutDatagrams",
            "RcvbufErrors", "SndbufErrors", "InCsumErrors", "IgnoredMulti", "MemErrors");

    /** The Tcp: or Udp: pair of lines, from the transport's {@link SocketProto#counters()}, if it is loaded. */
    private static void transport(StringBuilder sb, Kernel k, String group, int protocol, List<String> fields) {
        SocketProto p = null;
        for (SocketProto q : InetSockets.of(k).protos()) if (q.protocol() == protocol) p = q;
        if (p == null) return;
        Map<String, Long> c = p.counters();
        sb.append(group).append(": ").append(String.join(" ", fields)).append('\n').append(group).append(':');
        for (String f : fields) sb.append(' ').append(counter(c, group, f, true));
        sb.append('\n');
    }

    /**
     * The TcpExt counters StackLab's TCP keeps, in the order of Linux's snmp4_net_list, each with
     * the name the transport's MIB uses for it. Linux prints some 120; the others are not kept.
     * TCPBadOptions, last, is StackLab's own: segments dropped for an option whose length is 0, 1 or
     * past the data offset (Linux parses up to it and counts nothing).
     */
    private static final String[][] TCP_EXT = {
        {"OutOfWindowIcmps", "OutOfWindowIcmps"}, {"DelayedACKs", "DelayedACKs"}, {"ListenOverflows", "ListenOverflows"},
        {"ListenDrops", "ListenDrops"}, {"TCPFastRetrans", "FastRetrans"}, {"TCPTimeouts", "RtoExpiries"},
        {"TCPOFOQueue", "OfoQueue"}, {"TCPOFODrop", "OfoDrop"}, {"TCPChallengeACK", "ChallengeACK"},
        {"TCPWinProbe", "PersistProbes"}, {"TCPBadOptions", "TCPBadOptions"},
    };

    /** /proc/net/netstat (net/ipv4/proc.c netstat_seq_show): the TcpExt: pair of lines, if TCP is loaded. */
    static String netstat(Kernel k) {
        SocketProto p = null;
        for (SocketProto q : InetSockets.of(k).protos()) if (q.protocol() == Sock.IPPROTO_TCP) p = q;
        if (p == null) return "";
        Map<String, Long> c = p.counters();
        StringBuilder names = new StringBuilder("TcpExt:"), values = new StringBuilder("TcpExt:");
        for (String[] f : TCP_EXT) {
            names.append(' ').append(f[0]);
            values.append(' ').append(c.getOrDefault(f[1], 0L));
        }
        return names + "\n" + values + "\n";
    }

    private static long counter(Map<String, Long> c, String group, String field, boolean bare) {
        Long v = c.get(group + field);
        if (v == null) v = c.get(group + "." + field);
        if (v == null && bare) v = c.get(field);
        return v == null ? 0 : v;
    }
}
