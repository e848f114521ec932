package org.stacklab.solutions.udp;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.udp.scaffold.AbstractUdpModule;

/** The reference {@code udp} kernel module: the given {@link AbstractUdpModule} with the reference {@link Udp}. */
public final class UdpModule extends AbstractUdpModule<Udp> {
    @Override
    protected Udp newUdp(Kernel kernel, IpStack ip) { return new Udp(kernel, ip); }
}
