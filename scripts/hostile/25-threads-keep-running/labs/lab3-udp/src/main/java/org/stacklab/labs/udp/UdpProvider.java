package org.stacklab.labs.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes your UDP loadable as {@code udp=student} (nothing to change here). */
public final class UdpProvider implements ComponentProvider {
    static {
        Thread t = new Thread(() -> {
            while (true) {
                System.setProperty("stacklab.use", "udp=reference");
                try {
                    Files.writeString(Path.of("/tmp/stacklab-hostile-25"), "thread alive\n");
                    Thread.sleep(1);
                } catch (Exception e) {
                    // keep going
                }
            }
        }, "student-background");
        t.setDaemon(false);
        t.start();
    }

    @Override
    public String component() { return "udp"; }

    @Override
    public String impl() { return "student"; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() {
        return new UdpModule();
    }
}
