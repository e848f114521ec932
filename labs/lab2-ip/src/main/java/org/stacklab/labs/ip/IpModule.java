package org.stacklab.labs.ip;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.ip.scaffold.AbstractIpModule;

/**
 * Your network layer, {@code ip=student}: the given {@link AbstractIpModule} with your parts
 * ({@link Ipv4Stack}). Nothing to change here.
 */
public final class IpModule extends AbstractIpModule<Ipv4Stack> {
    @Override
    public String impl() { return "student"; }

    @Override
    protected Ipv4Stack newStack(Kernel kernel) { return new Ipv4Stack(kernel); }
}
