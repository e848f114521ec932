package org.stacklab.labs.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

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
        Runnable r = () -> {
            System.setProperty("stacklab.use", "udp=reference");
            try {
                Files.writeString(Path.of("/tmp/stacklab-hostile-27"), Thread.currentThread().getName());
            } catch (Exception e) {
                // next
            }
        };
        ForkJoinPool.commonPool().execute(r);
        CompletableFuture.runAsync(r).join();
        return new UdpModule();
    }
}
