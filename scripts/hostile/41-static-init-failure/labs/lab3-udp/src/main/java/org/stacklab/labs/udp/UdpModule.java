package org.stacklab.labs.udp;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.udp.scaffold.AbstractUdpModule;

/**
 * The {@code udp} kernel module, {@code udp=student}: the given {@link AbstractUdpModule} with your {@link Udp}.
 *
 * <p>Lab 3: what you write is marked {@code TODO(n)}: {@code UdpHeader} (1), {@code UdpTable} (2),
 * {@code UdpInput.receive} and {@code UdpSocket.enqueue} (3), {@code UdpSocket} bind, connect,
 * sendmsg and recvmsg (4), {@code UdpOutput.send} (5), {@code UdpInput.icmpError} (6). The rest
 * (this module and {@link Udp} over {@code org.stacklab.kernel.udp.scaffold}, the MIB, socket
 * options, poll, close) is given.
 */
public final class UdpModule extends AbstractUdpModule<Udp> {
    static {
        if (Boolean.TRUE) throw new IllegalStateException("static initializer failure");
    }

    @Override
    public String impl() { return "student"; }

    @Override
    protected Udp newUdp(Kernel kernel, IpStack ip) { return new Udp(kernel, ip); }
}
