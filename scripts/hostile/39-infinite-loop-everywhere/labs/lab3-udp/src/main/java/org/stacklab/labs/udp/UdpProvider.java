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
        // Waits for ever without using a core (so the suite can run it beside other attacks); every
        // other entry point of this submission spins in a busy loop instead.
        Object never = new Object();
        for (;;) {
            synchronized (never) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    // and again
                }
            }
        }
    }
}
