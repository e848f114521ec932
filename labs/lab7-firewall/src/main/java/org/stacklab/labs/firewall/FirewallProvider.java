package org.stacklab.labs.firewall;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.filter.PacketFilter;

/** Makes your firewall loadable as {@code filter=student} (nothing to change here). */
public final class FirewallProvider implements ComponentProvider {
    @Override
    public String component() { return PacketFilter.COMPONENT; }

    @Override
    public String impl() { return ModuleSet.STUDENT; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() { return new Firewall(); }
}
