package org.stacklab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stacklab.grader.LabCatalog;
import org.stacklab.grader.tools.Release;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Write the student repository (the reference as a compiled jar, no solutions).",
                "Labs with starters and visible tests, the kernel, hardware and syscall layer; no solutions/",
                "sources and no hidden tests."})
final class ReleaseCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write it (empty or new)")
    Path out;

    @Option(names = "--withhold", paramLabel = "MODULES", defaultValue = "",
            description = "modules to leave out of the reference jar (e.g. ip,tcp); the student's own code fills in")
    String withhold;

    @Option(names = "--allow-dirty", description = "release the working tree as it is, uncommitted changes included (default: the committed HEAD)")
    boolean allowDirty;

    @Override
    public Integer call() throws Exception {
        Path root = LabCatalog.defaultRoot();
        try {
            Release.create(root, out, Release.split(withhold), allowDirty);
        } catch (java.io.IOException e) {
            System.err.println("release: " + e.getMessage());
            return 1;
        }
        System.out.println("release written to " + out.toAbsolutePath());
        System.out.println("  set it up as its README says:  cd " + out + " && ./stacklab demo && mvn -q verify");
        System.out.println("  grade:                         ./stacklab grade --lab <id>");
        return 0;
    }
}
