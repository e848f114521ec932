package org.stacklab.kernel.udp.scaffold;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.ip.IpProtocolHandler;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SocketProto;
import org.stacklab.kernel.udp.UdpMib;

/**
 * The given half of UDP on one host ({@code udp_prot} with its MIB): the entry in the AF_INET
 * family for (SOCK_DGRAM, IPPROTO_UDP), the list of open sockets and the state every part shares
 * (the kernel, the IP layer, the MIB). A subclass adds its port table and input path and makes its
 * sockets ({@link #newSocket}).
 *
 * @param <S> the implementation's socket class
 */
public abstract class AbstractUdp<S extends Sock> implements SocketProto {
    public final Kernel kernel;
    public final IpStack ip;
    public final UdpMib mib = new UdpMib();
    private final List<S> sockets = new ArrayList<>();

    protected AbstractUdp(Kernel kernel, IpStack ip) {
        this.kernel = kernel;
        this.ip = ip;
    }

    /** Makes one socket with inode number {@code inode}. */
    protected abstract S newSocket(long inode);

    /** What IP calls for protocol 17 (receive and ICMP errors). */
    public abstract IpProtocolHandler input();

    @Override
    public int type() { return Sock.SOCK_DGRAM; }

    @Override
    public int protocol() { return Sock.IPPROTO_UDP; }

    @Override
    public S create() {
        S s = newSocket(InetSockets.of(kernel).nextInode());
        sockets.add(s);
        return s;
    }

    /** A socket closed: it leaves the list {@link #sockets} shows. */
    public void forget(S s) { sockets.remove(s); }

    @Override
    public List<S> sockets() { return List.copyOf(sockets); }

    @Override
    public Map<String, Long> counters() { return mib.snapshot(); }

    public UdpMib mib() { return mib; }

    /** Closes every socket (module unload). */
    public void closeAll() {
        for (S s : List.copyOf(sockets)) s.close();
    }
}
