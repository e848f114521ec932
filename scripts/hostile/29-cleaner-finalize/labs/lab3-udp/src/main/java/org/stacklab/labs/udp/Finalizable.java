package org.stacklab.labs.udp;

import java.nio.file.Files;
import java.nio.file.Path;

/** Does its work when the garbage collector finalizes it. */
final class Finalizable {
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {
        System.setProperty("stacklab.use", "udp=reference");
        try {
            Files.writeString(Path.of("/tmp/stacklab-hostile-29"), "finalize\n");
        } catch (Exception e) {
            // next
        }
    }
}
