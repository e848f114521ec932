package org.stacklab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stacklab.grader.LabCatalog;
import org.stacklab.grader.tools.GradescopeBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gradescope", mixinStandardHelpOptions = true,
        description = {"Write Gradescope's autograder zip for one lab.",
                "setup.sh and run_autograder at its root; the full course tree, reference and hidden tests",
                "included, under stacklab/."})
final class GradescopeCommand implements Callable<Integer> {
    @Option(names = "--lab", required = true, paramLabel = "ID", description = "the lab this assignment grades")
    String lab;

    @Option(names = "--out", defaultValue = "autograder.zip", paramLabel = "FILE", description = "the zip (default: ${DEFAULT-VALUE})")
    Path out;

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
        GradescopeBundle.create(catalog.root(), id, out);
        System.out.println("autograder bundle for " + id + " written to " + out.toAbsolutePath());
        return 0;
    }
}
