package org.stacklab.labs.udp;

import java.util.List;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.InetSockets;

/**
 * The {@code udp} kernel module: registers IP protocol 17 with the IP layer and the
 * (SOCK_DGRAM, IPPROTO_UDP) entry in the AF_INET socket family.
 *
 * <p>Lab 3: what you write is marked {@code TODO(n)}: {@code UdpHeader} (1), {@code UdpTable} (2),
 * {@code UdpInput.receive} and {@code UdpSocket.enqueue} (3), {@code UdpSocket} bind, connect,
 * sendmsg and recvmsg (4), {@code UdpOutput.send} (5), {@code UdpInput.icmpError} (6). The rest
 * (this module, {@link Udp}, the MIB, socket options, poll, close) is given.
 */
public final class UdpModule implements KernelModule {
    private Udp udp;

    @Override
    public String name() { return "udp"; }

    @Override
    public String impl() { return "student"; }

    @Override
    public List<String> dependsOn() { return List.of("ip"); }

    @Override
    public void init(Kernel kernel) {
        IpStack ip = kernel.symbol(IpStack.class);
        udp = new Udp(kernel, ip);
        ip.registerProtocol(IpStack.PROTO_UDP, udp.input());
        InetSockets.of(kernel).register(udp);
    }

    @Override
    public void exit(Kernel kernel) {
        InetSockets.of(kernel).unregister(udp);
        udp.ip.unregisterProtocol(IpStack.PROTO_UDP);
        udp.closeAll();
    }

    /** This module's UDP instance (tests read its MIB and table). */
    public Udp udp() { return udp; }
}
