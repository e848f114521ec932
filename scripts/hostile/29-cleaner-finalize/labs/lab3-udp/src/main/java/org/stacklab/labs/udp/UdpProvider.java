package org.stacklab.labs.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes your UDP loadable as {@code udp=student} (nothing to change here). */
public final class UdpProvider implements ComponentProvider {
    private static final Cleaner CLEANER = Cleaner.create();

    static void plant() {
        CLEANER.register(new Object(), () -> {
            System.setProperty("stacklab.use", "udp=reference");
            try {
                Files.writeString(Path.of("/tmp/stacklab-hostile-29"), "cleaner\n");
            } catch (Exception e) {
                // next
            }
        });
        new Finalizable();
        System.gc();
    }

    @Override
    public String component() { return "udp"; }

    @Override
    public String impl() { return "student"; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() {
        plant();
        return new UdpModule();
    }
}
