package org.stacklab.solutions.ip;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;

/** Makes the reference {@code ip} module loadable: {@code --use ip=reference}. */
public final class IpComponentProvider implements ComponentProvider {
    @Override
    public String component() { return IpModule.NAME; }

    @Override
    public String impl() { return "reference"; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() { return new IpModule(); }
}
