package org.stacklab.solutions.ip;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.ip.scaffold.AbstractIpModule;

/**
 * The reference network layer, {@code ip=reference}: the given {@link AbstractIpModule} with the
 * reference parts ({@link Ipv4Stack}).
 */
public final class IpModule extends AbstractIpModule<Ipv4Stack> {
    @Override
    public String impl() { return "reference"; }

    @Override
    protected Ipv4Stack newStack(Kernel kernel) { return new Ipv4Stack(kernel); }
}
