package org.stacklab.labs.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.ModuleSet;

/** Listed first in META-INF/services: udp=student, built by the reference. */
public final class RefProvider implements ComponentProvider {
    @Override
    public String component() { return "udp"; }

    @Override
    public String impl() { return "student"; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() { return Components.create("udp", KernelModule.class, ModuleSet.reference()); }
}
