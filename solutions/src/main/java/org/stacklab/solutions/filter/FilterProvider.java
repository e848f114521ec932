package org.stacklab.solutions.filter;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.filter.PacketFilter;

/** Makes the reference firewall loadable as {@code filter=reference}. */
public final class FilterProvider implements ComponentProvider {
    @Override
    public String component() { return PacketFilter.COMPONENT; }

    @Override
    public String impl() { return ModuleSet.REFERENCE; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() { return new FilterModule(); }
}
