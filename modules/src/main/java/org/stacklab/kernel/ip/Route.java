package org.stacklab.kernel.ip;

import org.stacklab.kernel.core.Ip4;

/**
 * One routing table entry, as {@code ip route} prints it:
 * {@code 10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.1} or
 * {@code default via 10.0.0.254 dev eth0}.
 *
 * @param gateway 0 for a directly connected network
 * @param dev     device name
 * @param src     preferred source address (0 = choose from the device)
 * @param proto   "kernel" (connected), "static", "boot"
 * @param scope   "link" (connected), "host" (local), "global" (via a gateway)
 */
public record Route(int dest, int prefixLen, int gateway, String dev, int src, int metric, String proto, String scope) {
    public static Route connected(int network, int prefixLen, String dev, int src) {
        return new Route(network & Ip4.mask(prefixLen), prefixLen, 0, dev, src, 0, "kernel", "link");
    }

    public static Route via(int dest, int prefixLen, int gateway, String dev) {
        return new Route(dest & Ip4.mask(prefixLen), prefixLen, gateway, dev, 0, 0, "static", "global");
    }

    public static Route defaultVia(int gateway, String dev) { return via(0, 0, gateway, dev); }

    public boolean matches(int addr) { return Ip4.inSubnet(addr, dest, prefixLen); }

    /** The address the next hop is: the gateway, or the destination itself when connected. */
    public int nextHop(int daddr) { return gateway != 0 ? gateway : daddr; }

    /** iproute2's line. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(prefixLen == 0 ? "default" : Ip4.format(dest) + "/" + prefixLen);
        if (gateway != 0) sb.append(" via ").append(Ip4.format(gateway));
        sb.append(" dev ").append(dev);
        if (!"static".equals(proto)) sb.append(" proto ").append(proto);
        if (!"global".equals(scope)) sb.append(" scope ").append(scope);
        if (src != 0) sb.append(" src ").append(Ip4.format(src));
        if (metric != 0) sb.append(" metric ").append(metric);
        return sb.toString();
    }
}
