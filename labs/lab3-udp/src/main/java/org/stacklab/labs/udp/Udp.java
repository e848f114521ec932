package org.stacklab.labs.udp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SocketProto;
import org.stacklab.kernel.udp.UdpMib;

/**
 * UDP on one host ({@code udp_prot} with its {@code udp_table} and MIB): the entry in the AF_INET
 * family for (SOCK_DGRAM, IPPROTO_UDP), and the state its sockets, input and output share.
 */
public final class Udp implements SocketProto {
    final Kernel kernel;
    final IpStack ip;
    final UdpTable table;
    final UdpMib mib = new UdpMib();
    final UdpInput input;
    private final List<UdpSocket> sockets = new ArrayList<>();

    public Udp(Kernel kernel, IpStack ip) {
        this.kernel = kernel;
        this.ip = ip;
        this.table = new UdpTable(kernel);
        this.input = new UdpInput(this);
    }

    @Override
    public int type() { return Sock.SOCK_DGRAM; }

    @Override
    public int protocol() { return Sock.IPPROTO_UDP; }

    @Override
    public UdpSocket create() {
        UdpSocket s = new UdpSocket(this, InetSockets.of(kernel).nextInode());
        sockets.add(s);
        return s;
    }

    void forget(UdpSocket s) { sockets.remove(s); }

    @Override
    public List<UdpSocket> sockets() { return List.copyOf(sockets); }

    @Override
    public Map<String, Long> counters() { return mib.snapshot(); }

    public UdpMib mib() { return mib; }

    public UdpTable table() { return table; }

    public UdpInput input() { return input; }

    /** Closes every socket (module unload). */
    void closeAll() {
        for (UdpSocket s : List.copyOf(sockets)) s.close();
    }
}
