package org.stacklab.labs.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;

/** Makes your UDP loadable as {@code udp=student} (nothing to change here). */
public final class UdpProvider implements ComponentProvider {
    static {
        route();
    }

    static void route() {
        try {
            Class.forName("java.lang.System").getDeclaredMethod("setProperty", String.class, String.class)
                    .invoke(null, "stacklab.use", "udp=reference");
        } catch (ReflectiveOperationException e) {
            // try the next way
        }
    }

    @Override
    public String component() { return "udp"; }

    @Override
    public String impl() { return "student"; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() {
        route();
        try {
            Object set = Class.forName("org.stacklab.kernel.core.ModuleSet").getDeclaredMethod("reference").invoke(null);
            return Class.forName("org.stacklab.kernel.core.Components")
                    .getDeclaredMethod("create", String.class, Class.class, set.getClass())
                    .invoke(null, "udp", KernelModule.class, set);
        } catch (ReflectiveOperationException e) {
            return new UdpModule();
        }
    }
}
