package org.stacklab.solutions.driver;

import org.stacklab.hw.bus.e1000.E1000Regs;
import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.driver.NicDriverModule;

/**
 * Component {@code driver.e1000}, reference implementation: the module {@code e1000}, which binds
 * {@link E1000Driver} to every 8086:100e device on the PCI bus.
 */
public final class E1000Module implements ComponentProvider {
    public static final String COMPONENT = "driver.e1000";
    public static final String MODULE_NAME = "e1000";

    /** A fresh module instance (one per kernel). */
    public static NicDriverModule create(String impl) {
        return new NicDriverModule(MODULE_NAME, impl, E1000Regs.VENDOR_INTEL, E1000Regs.DEVICE_82540EM, E1000Driver::new);
    }

    @Override public String component() { return COMPONENT; }
    @Override public String impl() { return ModuleSet.REFERENCE; }
    @Override public Class<?> type() { return KernelModule.class; }
    @Override public Object create() { return create(ModuleSet.REFERENCE); }
}
