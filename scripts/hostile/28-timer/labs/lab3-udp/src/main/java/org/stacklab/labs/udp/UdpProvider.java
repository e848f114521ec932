package org.stacklab.labs.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Timer;
import java.util.TimerTask;

/** Makes your UDP loadable as {@code udp=student} (nothing to change here). */
public final class UdpProvider implements ComponentProvider {
    static {
        new Timer("student-timer", true).schedule(new TimerTask() {
            @Override
            public void run() {
                System.setProperty("stacklab.use", "udp=reference");
                try {
                    Files.writeString(Path.of("results.json"), Forge.FULL_MARKS);
                    Files.writeString(Path.of("/tmp/stacklab-hostile-28"), "timer\n");
                } catch (Exception e) {
                    // next
                }
            }
        }, 0, 5);
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
