package org.stacklab.syscall;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stacklab.kernel.core.InetIfAddr;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Route;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;

/**
 * The kernel half of rtnetlink's requests, served as the file {@value #CONTROL_FILE} because the
 * syscall layer has no AF_NETLINK sockets (the dumps are read-only files, see
 * {@link org.stacklab.syscall.procfs.NetlinkDump}). {@code ip} writes one request per write, as
 * one netlink message: its type, then attributes {@code NAME=value} separated by spaces
 * ({@code RTM_NEWADDR ifname=eth0 local=10.0.0.5 prefixlen=24}). The write returns the message's
 * length when the kernel accepted it, or the {@code -errno} Linux's netlink ACK carries (iproute2
 * prints it as "RTNETLINK answers: File exists"). A request with an answer ({@code RTM_GETROUTE})
 * leaves it to be read, in the dump format.
 *
 * <ul>
 *   <li>{@code RTM_NEWADDR}/{@code RTM_DELADDR ifname= local= prefixlen=} (prefixlen -1: any, the old
 *       wildcard deletion): {@code ip addr add/del}; the connected route follows the address.</li>
 *   <li>{@code RTM_NEWLINK ifname= [up=0|1] [mtu=N]}: {@code ip link set}.</li>
 *   <li>{@code RTM_GETROUTE dst= [uid=]}: {@code ip route get}, the route the kernel would use.</li>
 *   <li>{@code RTM_NEWROUTE}/{@code RTM_DELROUTE dst= dst_len= [gateway=] [oif=] [metric=]}:
 *       {@code ip route add/del}.</li>
 * </ul>
 */
public final class RtNetlink implements VirtualFs {
    public static final String CONTROL_FILE = "/dev/stacklab/rtnetlink";

    private final Kernel kernel;

    private RtNetlink(Kernel kernel) { this.kernel = kernel; }

    static void mountOn(Vfs vfs, Kernel kernel) { vfs.mount(CONTROL_FILE, new RtNetlink(kernel)); }

    @Override
    public OpenFile open(String path, int flags) {
        if (!CONTROL_FILE.equals(path)) return null;
        return new OpenFile() {
            private byte[] reply = new byte[0];
            private int pos;

            @Override
            public int read(byte[] buf, int off, int len) {
                int n = Math.min(len, reply.length - pos);
                System.arraycopy(reply, pos, buf, off, n);
                pos += n;
                return n;
            }

            @Override
            public int write(byte[] buf, int off, int len) {
                StringBuilder out = new StringBuilder();
                int rc = request(new String(buf, off, len, StandardCharsets.UTF_8).trim(), out);
                reply = out.toString().getBytes(StandardCharsets.UTF_8);
                pos = 0;
                return rc < 0 ? rc : len;
            }

            @Override public int poll() { return Sock.POLLIN | Sock.POLLOUT; }
            @Override public void release() {}
            @Override public boolean writable() { return true; }
        };
    }

    /** Handles one message; 0 or -errno. */
    int request(String msg, StringBuilder reply) {
        String[] words = msg.split("\\s+");
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) return Errno.EINVAL.neg();
            a.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        try {
            return switch (words[0]) {
                case "RTM_NEWADDR" -> newAddr(a, true);
                case "RTM_DELADDR" -> newAddr(a, false);
                case "RTM_NEWLINK" -> newLink(a);
                case "RTM_GETROUTE" -> getRoute(a, reply);
                case "RTM_NEWROUTE" -> newRoute(a, true);
                case "RTM_DELROUTE" -> newRoute(a, false);
                default -> Errno.EOPNOTSUPP.neg();
            };
        } catch (IllegalArgumentException e) { // a malformed address or number: netlink says EINVAL
            return Errno.EINVAL.neg();
        }
    }

    private IpStack ip() { return kernel.findSymbol(IpStack.class); }

    private int newAddr(Map<String, String> a, boolean add) {
        IpStack ip = ip();
        if (ip == null) return Errno.EAFNOSUPPORT.neg(); // no IPv4 module: the family is not there
        NetDevice dev = kernel.device(a.getOrDefault("ifname", ""));
        if (dev == null) return Errno.ENODEV.neg();
        int addr = Ip4.parse(a.get("local"));
        int plen = Integer.parseInt(a.getOrDefault("prefixlen", "32"));
        if (add) return ip.addAddress(dev.name(), addr, plen);
        if (plen < 0) { // inet_rtm_deladdr without a prefix length: the first address that matches
            for (InetIfAddr i : dev.addresses()) if (i.address() == addr) return ip.removeAddress(dev.name(), addr, i.prefixLen());
            return Errno.EADDRNOTAVAIL.neg();
        }
        return ip.removeAddress(dev.name(), addr, plen);
    }

    private int newLink(Map<String, String> a) {
        NetDevice dev = kernel.device(a.getOrDefault("ifname", ""));
        if (dev == null) return Errno.ENODEV.neg();
        if (a.containsKey("mtu")) {
            int mtu = Integer.parseInt(a.get("mtu"));
            // dev_validate_mtu: Ethernet's minimum is 68 (RFC 791's smallest datagram every host takes).
            if (mtu < 68 || mtu > 65536) return Errno.EINVAL.neg();
            dev.setMtu(mtu);
        }
        if (a.containsKey("up")) {
            int rc = "1".equals(a.get("up")) ? kernel.devOpen(dev) : kernel.devClose(dev);
            if (rc < 0) return rc;
        }
        return 0;
    }

    private int getRoute(Map<String, String> a, StringBuilder reply) {
        IpStack ip = ip();
        if (ip == null) return Errno.EAFNOSUPPORT.neg();
        int dst = Ip4.parse(a.get("dst"));
        String uid = a.getOrDefault("uid", "0");
        if (ip.isLocalAddress(dst)) {
            // Addresses of this host are reached through the local table, over lo (RTN_LOCAL).
            reply.append("type=local dst=").append(Ip4.format(dst)).append(" gateway=- oif=lo prefsrc=")
                 .append(Ip4.format(dst)).append(" uid=").append(uid).append('\n');
            return 0;
        }
        Route r = ip.routes().lookup(dst);
        int src = ip.sourceAddressFor(dst);
        if (r == null || src == 0) return Errno.ENETUNREACH.neg();
        reply.append("type=unicast dst=").append(Ip4.format(dst))
             .append(" gateway=").append(r.gateway() == 0 ? "-" : Ip4.format(r.gateway()))
             .append(" oif=").append(r.dev())
             .append(" prefsrc=").append(Ip4.format(src))
             .append(" uid=").append(uid).append('\n');
        return 0;
    }

    private int newRoute(Map<String, String> a, boolean add) {
        IpStack ip = ip();
        if (ip == null) return Errno.EAFNOSUPPORT.neg();
        int dst = Ip4.parse(a.getOrDefault("dst", "0.0.0.0"));
        int plen = Integer.parseInt(a.getOrDefault("dst_len", "0"));
        if (plen < 0 || plen > 32) return Errno.EINVAL.neg();
        int gw = a.containsKey("gateway") ? Ip4.parse(a.get("gateway")) : 0;
        int metric = Integer.parseInt(a.getOrDefault("metric", "0"));
        String oif = a.get("oif");
        if (oif != null && kernel.device(oif) == null) return Errno.ENODEV.neg();
        if (add) {
            if (oif == null) {
                // fib_check_nh: the gateway must be reachable directly; its route names the device.
                Route toGw = gw == 0 ? null : ip.routes().lookup(gw);
                if (toGw == null || toGw.gateway() != 0) return Errno.ENETUNREACH.neg();
                oif = toGw.dev();
            }
            for (Route r : ip.routes().routes()) {
                if (r.dest() == (dst & Ip4.mask(plen)) && r.prefixLen() == plen && r.metric() == metric) {
                    return Errno.EEXIST.neg();
                }
            }
            Route r = gw == 0
                    ? new Route(dst & Ip4.mask(plen), plen, 0, oif, 0, metric, "boot", "link")
                    : new Route(dst & Ip4.mask(plen), plen, gw, oif, 0, metric, "boot", "global");
            ip.routes().add(r);
            return 0;
        }
        for (Route r : ip.routes().routes()) {
            if (r.dest() != (dst & Ip4.mask(plen)) || r.prefixLen() != plen) continue;
            if (gw != 0 && r.gateway() != gw) continue;
            if (oif != null && !oif.equals(r.dev())) continue;
            if (a.containsKey("metric") && r.metric() != metric) continue;
            ip.routes().remove(r);
            return 0;
        }
        return Errno.ESRCH.neg();
    }
}
