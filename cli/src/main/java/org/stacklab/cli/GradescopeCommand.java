package org.stacklab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stacklab.grader.LabCatalog;
import org.stacklab.grader.tools.GradescopeBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gradescope", mixinStandardHelpOptions = true,
        description = {"Write Gradescope's autograder zip for one lab.",
                "setup.sh and run_autograder at its root; under stacklab/ the student release (the reference",
                "as a compiled jar) and the lab's hidden tests compiled: no reference or hidden-test source."})
final class GradescopeCommand implements Callable<Integer> {
    @Option(names = "--lab", required = true, paramLabel = "ID", description = "the lab this assignment grades")
    String lab;

    @Option(names = "--out", defaultValue = "autograder.zip", paramLabel = "FILE", description = "the zip (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--allow-dirty", description = "bundle the working tree as it is, uncommitted changes included (default: the committed HEAD)")
    boolean allowDirty;

    @Override
    public Integer call() throws Exception {
        LabCatalog catalog = new LabCatalog(LabCatalog.defaultRoot());
        String id;
        try {
            id = catalog.select(lab).get(0).id();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            System.err.println("gradescope: " + (e.getMessage() == null ? "no such lab" : e.getMessage()));
            return 2;
        }
        try {
            GradescopeBundle.create(catalog.root(), id, out, allowDirty);
        } catch (java.io.IOException e) {
            System.err.println("gradescope: " + e.getMessage());
            return 1;
        }
        System.out.println("autograder bundle for " + id + " written to " + out.toAbsolutePath());
        return 0;
    }
}
