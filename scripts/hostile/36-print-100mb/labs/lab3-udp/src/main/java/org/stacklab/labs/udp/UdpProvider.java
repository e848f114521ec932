package org.stacklab.labs.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;

/** Makes your UDP loadable as {@code udp=student} (nothing to change here). */
public final class UdpProvider implements ComponentProvider {
    private static boolean big = true;

    @Override
    public String component() { return "udp"; }

    @Override
    public String impl() { return "student"; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() {
        String line = "y".repeat(1023) + "\n";
        int n = big ? 100 * 1024 : 1024;
        big = false;
        for (int i = 0; i < n; i++) {
            System.out.print(line);
            if (i % 2 == 0) System.err.print(line);
        }
        return new UdpModule();
    }
}
