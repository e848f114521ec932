package org.stacklab.solutions.udp;

import java.util.List;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.InetSockets;

/**
 * The {@code udp} kernel module: registers IP protocol 17 with the IP layer and the
 * (SOCK_DGRAM, IPPROTO_UDP) entry in the AF_INET socket family.
 */
public final class UdpModule implements KernelModule {
    private Udp udp;

    @Override
    public String name() { return "udp"; }

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
