package org.stacklab.syscall.procfs;

import java.util.List;
import org.stacklab.kernel.core.InetIfAddr;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.NetDeviceStats;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.kernel.ip.Route;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockInfo;
import org.stacklab.kernel.socket.TcpInfo;
import org.stacklab.syscall.Processes;

/**
 * What iproute2 and ss would receive from a netlink dump, reached as a read-only file because the
 * syscall layer has no AF_NETLINK sockets. On Linux, {@code ip} sends RTM_GETLINK / RTM_GETADDR /
 * RTM_GETROUTE dump requests over NETLINK_ROUTE and {@code ss} sends SOCK_DIAG_BY_FAMILY over
 * NETLINK_SOCK_DIAG, because /proc lacks what they print (addresses, link flags, the listen
 * backlog). Here each dump is a file under {@code /proc/stacklab/netlink/}: one message per line,
 * each attribute as {@code NAME=value} (IFLA_IFNAME as {@code ifname=eth0}); values contain no
 * spaces, except the last attribute of a sock_diag record ({@code owner=}), which runs to the end.
 * The path says plainly that this is StackLab's stand-in, not a Linux file.
 */
public final class NetlinkDump {
    private NetlinkDump() {}

    public static final String DIR = "/proc/stacklab/netlink/";
    public static final String LINK = DIR + "RTM_GETLINK";
    public static final String ADDR = DIR + "RTM_GETADDR";
    public static final String ROUTE = DIR + "RTM_GETROUTE";
    public static final String NEIGH = DIR + "RTM_GETNEIGH";
    public static final String SOCK_DIAG = DIR + "SOCK_DIAG_BY_FAMILY";

    static String links(Kernel k) {
        StringBuilder sb = new StringBuilder();
        for (NetDevice d : k.devices()) {
            boolean lo = d.type() == NetDevice.ARPHRD_LOOPBACK;
            NetDeviceStats s = d.stats();
            sb.append("ifindex=").append(d.ifindex())
              .append(" ifname=").append(d.name())
              .append(" flags=0x").append(Integer.toHexString(devGetFlags(d)))
              .append(" mtu=").append(d.mtu())
              .append(" qdisc=").append(lo ? "noqueue" : "pfifo_fast")
              .append(" operstate=").append(operstate(d))
              .append(" txqlen=").append(d.txQueueLen())
              .append(" link_type=").append(lo ? "loopback" : "ether")
              .append(" address=").append(MacAddr.format(d.mac()))
              .append(" broadcast=").append(MacAddr.format(lo ? 0 : MacAddr.BROADCAST))
              .append(" rx_bytes=").append(s.rxBytes).append(" rx_packets=").append(s.rxPackets)
              .append(" rx_errors=").append(s.rxErrors).append(" rx_dropped=").append(s.rxDropped)
              .append(" rx_missed_errors=").append(s.rxMissedErrors).append(" multicast=").append(s.multicast)
              .append(" tx_bytes=").append(s.txBytes).append(" tx_packets=").append(s.txPackets)
              .append(" tx_errors=").append(s.txErrors).append(" tx_dropped=").append(s.txDropped)
              .append(" tx_carrier_errors=").append(s.txCarrierErrors).append(" collisions=").append(s.collisions)
              .append('\n');
        }
        return sb.toString();
    }

    /**
     * dev_get_flags: RUNNING and LOWER_UP describe a running device, so a device that is down
     * reports neither, whatever its carrier ({@code <BROADCAST,MULTICAST>} after {@code ip link set down}).
     */
    static int devGetFlags(NetDevice d) {
        int f = d.flags();
        return d.isUp() ? f : f & ~(0x40 | 0x10000); // IFF_RUNNING, IFF_LOWER_UP
    }

    /** RFC 2863 operational state as Linux reports it; lo does not track one, so it says UNKNOWN. */
    static String operstate(NetDevice d) {
        if (d.type() == NetDevice.ARPHRD_LOOPBACK) return "UNKNOWN";
        return d.isUp() && d.hasCarrier() ? "UP" : "DOWN";
    }

    static String addresses(Kernel k) {
        StringBuilder sb = new StringBuilder();
        for (NetDevice d : k.devices()) {
            for (InetIfAddr a : d.addresses()) {
                sb.append("ifindex=").append(d.ifindex()).append(" family=inet")
                  .append(" local=").append(Ip4.format(a.address()))
                  .append(" prefixlen=").append(a.prefixLen())
                  // lo's address carries no broadcast (IFA_BROADCAST), so iproute2 prints no brd for it.
                  .append(" broadcast=").append(a.broadcast() == 0 || d.type() == NetDevice.ARPHRD_LOOPBACK
                          ? "-" : Ip4.format(a.broadcast()))
                  .append(" scope=").append(a.scope())
                  .append(" label=").append(a.label() == null ? d.name() : a.label())
                  .append('\n');
            }
        }
        return sb.toString();
    }

    static String routes(Kernel k) {
        StringBuilder sb = new StringBuilder();
        IpStack ip = k.findSymbol(IpStack.class);
        if (ip == null) return "";
        for (Route r : ip.routes().routes()) {
            // Local addresses' routes belong to the local table (RT_TABLE_LOCAL); ip route shows main.
            boolean local = isLocalTable(k, r);
            sb.append("table=").append(local ? "local" : "main")
              .append(" type=").append(local ? "local" : "unicast")
              .append(" dst=").append(Ip4.format(r.dest()))
              .append(" dst_len=").append(r.prefixLen())
              .append(" gateway=").append(r.gateway() == 0 ? "-" : Ip4.format(r.gateway()))
              .append(" oif=").append(r.dev())
              .append(" protocol=").append(r.proto())
              .append(" scope=").append(r.scope())
              .append(" prefsrc=").append(r.src() == 0 ? "-" : Ip4.format(r.src()))
              .append(" priority=").append(r.metric())
              .append('\n');
        }
        return sb.toString();
    }

    static String neighbours(Kernel k) {
        StringBuilder sb = new StringBuilder();
        IpStack ip = k.findSymbol(IpStack.class);
        if (ip == null) return "";
        for (Neighbour n : ip.neighbours()) {
            boolean noLladdr = n.state().equals("INCOMPLETE") || n.state().equals("FAILED") || n.state().equals("NONE");
            sb.append("dst=").append(Ip4.format(n.ip()))
              .append(" dev=").append(n.dev())
              .append(" lladdr=").append(noLladdr ? "-" : MacAddr.format(n.mac()))
              .append(" state=").append(n.state())
              .append('\n');
        }
        return sb.toString();
    }

    /**
     * Whether Linux keeps {@code r} in the local table rather than main: routes to this host's own
     * addresses (scope host) and everything over a loopback device (127.0.0.0/8 is a local route).
     */
    static boolean isLocalTable(Kernel k, Route r) {
        if ("host".equals(r.scope())) return true;
        NetDevice d = k.device(r.dev());
        return d != null && d.type() == NetDevice.ARPHRD_LOOPBACK;
    }

    static String sockets(Kernel k) {
        StringBuilder sb = new StringBuilder();
        Processes procs = Processes.on(k);
        for (int proto : new int[] {Sock.IPPROTO_TCP, Sock.IPPROTO_UDP}) {
            for (Sock sock : ProcNetSockets.socks(k, proto)) {
                SockInfo s = sock.info();
                int st = TcpStates.code(s.state());
                if (proto == Sock.IPPROTO_UDP && st != TcpStates.ESTABLISHED) st = TcpStates.CLOSE;
                // A TCP socket in CLOSE (made, maybe bound, not listening) is in neither the listening
                // nor the established hash that inet_diag walks, so Linux's ss never shows it.
                if (proto == Sock.IPPROTO_TCP && st == TcpStates.CLOSE) continue;
                sb.append("family=2 protocol=").append(proto)
                  .append(" state=").append(st)
                  // inet_diag: for a listener, rqueue is the accept queue and wqueue the backlog.
                  .append(" rqueue=").append(s.recvQ())
                  .append(" wqueue=").append(s.sendQ())
                  .append(" src=").append(Ip4.format(s.local() == null ? 0 : s.local().addr()))
                  .append(" sport=").append(s.local() == null ? 0 : s.local().port())
                  .append(" dst=").append(Ip4.format(s.peer() == null ? 0 : s.peer().addr()))
                  .append(" dport=").append(s.peer() == null ? 0 : s.peer().port())
                  .append(" uid=").append(s.uid())
                  .append(" inode=").append(s.inode());
                TcpInfo ti = sock.tcpInfo();
                if (ti != null) tcpInfo(sb, ti);
                sb.append(" owner=").append(owner(procs, sock, s))
                  .append('\n');
            }
        }
        return sb.toString();
    }

    /** TCPI_OPT_* bits of tcpi_options (include/uapi/linux/tcp.h). */
    public static final int TCPI_OPT_TIMESTAMPS = 1, TCPI_OPT_SACK = 2, TCPI_OPT_WSCALE = 4;

    /**
     * The INET_DIAG_INFO attribute (a {@code struct tcp_info}) and INET_DIAG_CONG, which ss asks for
     * with -i: one attribute per field, named as the struct names it.
     */
    private static void tcpInfo(StringBuilder sb, TcpInfo ti) {
        int options = (ti.timestamps() ? TCPI_OPT_TIMESTAMPS : 0) | (ti.windowScaling() ? TCPI_OPT_WSCALE : 0);
        sb.append(" cong=").append(ti.congestion())
          .append(" tcpi_options=").append(options)
          .append(" tcpi_snd_wscale=").append(ti.sndWscale())
          .append(" tcpi_rcv_wscale=").append(ti.rcvWscale())
          .append(" tcpi_rto=").append(ti.rto())
          .append(" tcpi_backoff=").append(ti.backoff())
          .append(" tcpi_rtt=").append(ti.rtt())
          .append(" tcpi_rttvar=").append(ti.rttvar())
          .append(" tcpi_snd_mss=").append(ti.sndMss())
          .append(" tcpi_advmss=").append(ti.advMss())
          .append(" tcpi_snd_cwnd=").append(ti.sndCwnd())
          .append(" tcpi_snd_ssthresh=").append(Integer.toUnsignedLong(ti.sndSsthresh()))
          .append(" tcpi_unacked=").append(ti.unacked())
          .append(" tcpi_retrans=").append(ti.retrans())
          .append(" tcpi_total_retrans=").append(ti.totalRetrans())
          .append(" tcpi_bytes_sent=").append(ti.bytesSent())
          .append(" tcpi_bytes_acked=").append(ti.bytesAcked())
          .append(" tcpi_bytes_received=").append(ti.bytesReceived())
          .append(" tcpi_segs_out=").append(ti.segsOut())
          .append(" tcpi_segs_in=").append(ti.segsIn())
          .append(" tcpi_notsent_bytes=").append(ti.notsentBytes())
          .append(" tcpi_snd_wnd=").append(ti.sndWnd())
          .append(" tcpi_rcv_space=").append(ti.rcvSpace());
    }

    /**
     * ss -p's column: the processes holding the socket, {@code users:(("nc",pid=101,fd=3))}, as
     * the kernel finds them by walking every process's fd table; else what the transport reports.
     */
    private static String owner(Processes procs, Sock sock, SockInfo s) {
        List<Processes.SocketUser> users = procs.usersOf(sock);
        if (users.isEmpty()) return s.owner() == null ? "" : s.owner();
        StringBuilder sb = new StringBuilder("users:(");
        for (int i = 0; i < users.size(); i++) sb.append(i > 0 ? "," : "").append(users.get(i));
        return sb.append(')').toString();
    }
}
