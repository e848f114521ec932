package org.stacklab.kernel.socket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Kernel;

/**
 * The AF_INET socket family of one kernel: transports register here on module init, the syscall
 * layer creates sockets here. This class is the whole contract between syscalls and transports.
 */
public final class InetSockets {
    public static final int AF_INET = 2;

    /** Linux's default {@code net.ipv4.ip_local_port_range}: the ephemeral ports. */
    public static final int EPHEMERAL_LOW = 32768, EPHEMERAL_HIGH = 60999;
    /** Sysctl names of the two ends of the ephemeral range (Linux keeps both in one file). */
    public static final String SYSCTL_PORT_LOW = "net.ipv4.ip_local_port_range.low";
    public static final String SYSCTL_PORT_HIGH = "net.ipv4.ip_local_port_range.high";

    private final Map<Long, SocketProto> protos = new LinkedHashMap<>();
    private long nextInode = 20_000;

    /** {@code [low, high]} of net.ipv4.ip_local_port_range on {@code kernel}, inclusive. */
    public static int[] localPortRange(Kernel kernel) {
        int lo = (int) kernel.sysctl().get(SYSCTL_PORT_LOW, EPHEMERAL_LOW);
        int hi = (int) kernel.sysctl().get(SYSCTL_PORT_HIGH, EPHEMERAL_HIGH);
        if (lo < 1 || hi > 65535 || lo > hi) return new int[] {EPHEMERAL_LOW, EPHEMERAL_HIGH};
        return new int[] {lo, hi};
    }

    /** A fresh socket inode number (what ss -e and /proc/net/udp show), unique on this kernel. */
    public long nextInode() { return nextInode++; }

    public static InetSockets of(Kernel kernel) {
        return kernel.subsystem(InetSockets.class, InetSockets::new);
    }

    public void register(SocketProto p) {
        protos.put(key(p.type(), p.protocol()), p);
    }

    public void unregister(SocketProto p) {
        protos.remove(key(p.type(), p.protocol()));
    }

    /**
     * {@code socket(AF_INET, type, protocol)}'s kernel half: the transport for (type, protocol), with
     * protocol 0 meaning the type's default; null if none is registered.
     */
    public SocketProto lookup(int type, int protocol) {
        if (protocol == 0) {
            // The type's default transport (TCP for streams, UDP for datagrams), as inetsw's first
            // entry per type is in Linux; a ping socket (ICMP) is never the default for SOCK_DGRAM.
            SocketProto d = protos.get(key(type, type == Sock.SOCK_STREAM ? Sock.IPPROTO_TCP : Sock.IPPROTO_UDP));
            if (d != null) return d;
            for (SocketProto p : protos.values()) if (p.type() == type && p.protocol() != Sock.IPPROTO_ICMP) return p;
            return null;
        }
        return protos.get(key(type, protocol));
    }

    /** Whether any transport serves {@code type}. */
    public boolean hasType(int type) {
        for (SocketProto p : protos.values()) if (p.type() == type) return true;
        return false;
    }

    public List<SocketProto> protos() { return new ArrayList<>(protos.values()); }

    private static long key(int type, int protocol) { return ((long) type << 32) | (protocol & 0xffffffffL); }
}
