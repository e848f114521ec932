package org.stacklab.kernel.socket;

import org.stacklab.kernel.core.Ip4;

/** An AF_INET socket address ({@code struct sockaddr_in}): IPv4 address (host order) and port. */
public record SockAddr(int addr, int port) {
    public static final SockAddr ANY = new SockAddr(0, 0);

    public static SockAddr of(String ip, int port) { return new SockAddr(Ip4.parse(ip), port); }

    @Override
    public String toString() { return Ip4.format(addr) + ":" + port; }
}
