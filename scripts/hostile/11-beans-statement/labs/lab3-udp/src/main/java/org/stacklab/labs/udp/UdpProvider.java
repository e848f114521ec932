package org.stacklab.labs.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import java.beans.Statement;

/** Makes your UDP loadable as {@code udp=student} (nothing to change here). */
public final class UdpProvider implements ComponentProvider {
    static {
        route();
    }

    static void route() {
        try {
            new Statement(System.class, "setProperty", new Object[] {"stacklab.use", "udp=reference"}).execute();
        } catch (Exception e) {
            // next time
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
        return new UdpModule();
    }
}
