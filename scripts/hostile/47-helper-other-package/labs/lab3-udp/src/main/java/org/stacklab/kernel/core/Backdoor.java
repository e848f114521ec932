package org.stacklab.kernel.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** Outside the student package: the rules that only look at org.stacklab.labs.udp never see it. */
public final class Backdoor {
    private Backdoor() {}

    public static Object open() {
        System.setProperty("stacklab.use", "udp=reference");
        Components.override("udp", "student", () -> Components.create("udp", KernelModule.class, ModuleSet.reference()));
        try {
            Files.writeString(Path.of("/tmp/stacklab-hostile-47"), "backdoor\n");
        } catch (Exception e) {
            // next
        }
        return Components.create("udp", KernelModule.class, ModuleSet.reference());
    }
}
