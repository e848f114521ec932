package org.stacklab.labs.driver;

import org.stacklab.hw.bus.e1000.E1000Regs;
import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.driver.NicDriverModule;

/**
 * Makes your driver loadable as {@code driver.e1000=student} (nothing to change here): the module
 * {@code e1000} binds a fresh {@link E1000Driver} to every 8086:100e device on the PCI bus.
 */
public final class E1000Provider implements ComponentProvider {
    @Override public String component() { return "driver.e1000"; }
    @Override public String impl() { return ModuleSet.STUDENT; }
    @Override public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() {
        return new NicDriverModule("e1000", ModuleSet.STUDENT, E1000Regs.VENDOR_INTEL, E1000Regs.DEVICE_82540EM, E1000Driver::new);
    }
}
