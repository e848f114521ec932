package org.stacklab.kernel.ip.scaffold;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SocketProto;

/**
 * ICMP echo sockets, {@code socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)}, as Linux's ping sockets
 * ({@code net/ipv4/ping.c}): an unprivileged program sends echo requests with sendto and reads
 * the replies with recvfrom. The socket's "port" is the echo identifier: the kernel writes it into
 * every request and delivers a reply to the socket bound to the reply's identifier.
 */
public final class PingSockets implements SocketProto {
    private final IpStack ip;
    private final IpMib mib;
    private final List<PingSocket> sockets = new ArrayList<>();
    private final Map<Integer, PingSocket> byIdent = new TreeMap<>();
    private int rover;
    private long nextInode = 30000;

    public PingSockets(Kernel kernel, IpStack ip, IpMib mib) {
        this.ip = ip;
        this.mib = mib;
        this.rover = kernel.random().nextInt(1, 0x10000);
    }

    @Override
    public int type() { return Sock.SOCK_DGRAM; }

    @Override
    public int protocol() { return Sock.IPPROTO_ICMP; }

    @Override
    public Sock create() {
        PingSocket s = new PingSocket(ip, mib, this, nextInode++);
        sockets.add(s);
        return s;
    }

    @Override
    public List<? extends Sock> sockets() { return List.copyOf(sockets); }

    // ---------------------------------------------------------------- identifiers (ping_get_port)

    /** Binds {@code s} to {@code ident}, or to a free one if 0. Returns the identifier, or -1 if taken/none free. */
    int bind(PingSocket s, int ident) {
        if (ident != 0) {
            if (byIdent.containsKey(ident)) return -1;
            byIdent.put(ident, s);
            return ident;
        }
        for (int i = 0; i < 0xffff; i++) {
            rover = rover >= 0xffff ? 1 : rover + 1;
            if (!byIdent.containsKey(rover)) {
                byIdent.put(rover, s);
                return rover;
            }
        }
        return -1;
    }

    void release(PingSocket s) {
        byIdent.values().remove(s);
        sockets.remove(s);
    }

    // ---------------------------------------------------------------- from ICMP

    /** An echo reply ({@code skb.data()} at the ICMP header) for the socket bound to its identifier. */
    public void deliverReply(SkBuff skb, int saddr, int daddr) {
        PingSocket s = byIdent.get(skb.u16(skb.data() + 4));
        if (s == null || !s.accepts(saddr, daddr)) return;
        s.enqueue(skb.buf(), skb.data(), skb.len(), saddr, ttlOf(skb));
    }

    /**
     * An ICMP error quoting one of our echo requests: the socket whose identifier the quoted request
     * carries gets the whole ICMP error message as a datagram from the reporting router, as a raw
     * ICMP socket would, so {@code ping} can print "From 10.0.1.1 icmp_seq=1 Time to live exceeded".
     */
    public void deliverError(SkBuff skb, int from, int quotedTransport) {
        if (skb.u8(quotedTransport) != PingSocket.ICMP_ECHO) return;
        PingSocket s = byIdent.get(skb.u16(quotedTransport + 4));
        if (s == null) return;
        s.enqueue(skb.buf(), skb.data(), skb.len(), from, ttlOf(skb));
    }

    private static int ttlOf(SkBuff skb) {
        return skb.networkHeader() >= 0 ? skb.u8(skb.networkHeader() + 8) : -1;
    }
}
