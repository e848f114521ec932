package org.stacklab.kernel.udp.scaffold;

import java.util.List;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.InetSockets;

/**
 * The {@code udp} kernel module: registers IP protocol 17 with the IP layer and the
 * (SOCK_DGRAM, IPPROTO_UDP) entry in the AF_INET socket family. A subclass names its
 * implementation and makes its {@link AbstractUdp} ({@link #newUdp}).
 *
 * @param <U> the implementation's UDP class
 */
public abstract class AbstractUdpModule<U extends AbstractUdp<?>> implements KernelModule {
    private U udp;

    @Override
    public final String name() { return "udp"; }

    @Override
    public List<String> dependsOn() { return List.of("ip"); }

    /** Makes this implementation's UDP over {@code ip} (called once, by {@link #init}). */
    protected abstract U newUdp(Kernel kernel, IpStack ip);

    @Override
    public void init(Kernel kernel) {
        IpStack ip = kernel.symbol(IpStack.class);
        udp = newUdp(kernel, ip);
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
    public U udp() { return udp; }
}
