package org.stacklab.kernel.core;

/**
 * An IPv4 address configured on a device ({@code struct in_ifaddr}): {@code inet 10.0.0.1/24 brd
 * 10.0.0.255 scope global eth0}.
 */
public record InetIfAddr(int address, int prefixLen, int broadcast, String scope, String label) {
    public static InetIfAddr of(int address, int prefixLen, String label) {
        int brd = prefixLen >= 31 ? 0 : (address | ~Ip4.mask(prefixLen));
        String scope = Ip4.isLoopback(address) ? "host" : "global";
        return new InetIfAddr(address, prefixLen, brd, scope, label);
    }

    public int network() { return address & Ip4.mask(prefixLen); }

    public boolean contains(int a) { return Ip4.inSubnet(a, address, prefixLen); }

    @Override
    public String toString() { return Ip4.format(address) + "/" + prefixLen; }
}
