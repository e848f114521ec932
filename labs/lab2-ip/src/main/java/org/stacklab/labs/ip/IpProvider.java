package org.stacklab.labs.ip;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.ModuleSet;

/** Makes your network layer loadable as {@code ip=student} (nothing to change here). */
public final class IpProvider implements ComponentProvider {
    @Override public String component() { return IpModule.NAME; }
    @Override public String impl() { return ModuleSet.STUDENT; }
    @Override public Class<?> type() { return KernelModule.class; }
    @Override public Object create() { return new IpModule(); }
}
