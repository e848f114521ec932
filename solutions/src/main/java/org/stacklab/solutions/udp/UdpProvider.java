package org.stacklab.solutions.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;

/** The reference implementation of component {@code udp}. */
public final class UdpProvider implements ComponentProvider {
    @Override
    public String component() { return "udp"; }

    @Override
    public String impl() { return "reference"; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() { return new UdpModule(); }
}
