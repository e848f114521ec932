package org.stacklab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stacklab.grader.GradeOptions;
import org.stacklab.grader.Grader;
import org.stacklab.grader.Lab;
import org.stacklab.grader.LabCatalog;
import org.stacklab.grader.tools.Release;
import org.stacklab.grader.tools.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the labs before shipping: reference 100%%, starter at most 10%%, deterministic.",
                "Grades every lab against the reference twice and against the starter once; exits non-zero",
                "on any breach."})
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--lab", defaultValue = "all", paramLabel = "ID", description = "one lab, or all (default)")
    String lab;

    @Override
    public Integer call() throws Exception {
        LabCatalog catalog = new LabCatalog(LabCatalog.defaultRoot());
        List<Lab> labs;
        try {
            labs = catalog.select(lab);
        } catch (IllegalArgumentException e) {
            System.err.println("verify: " + e.getMessage());
            return 2;
        }
        if (labs.isEmpty()) {
            System.out.println("verify: there are no labs under " + catalog.root().resolve("labs") + " yet; nothing to check");
            return 0;
        }
        Path work = Files.createDirectories(catalog.root().resolve("target").resolve("verify"));
        Verifier v = new Verifier(new Grader(catalog.root()), work);
        GradeOptions base = GradeOptions.student().withWithheld(Release.withheldModules(catalog.root()));
        List<Verifier.Row> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Lab l : labs) {
            if (System.console() != null) {
                System.out.print("\r\033[Kverifying " + l.id() + "…");
                System.out.flush();
            }
            rows.add(v.verify(l, base));
        }
        if (System.console() != null) System.out.print("\r\033[K");
        Verifier.printTable(System.out, rows);
        boolean ok = rows.stream().allMatch(Verifier.Row::ok);
        System.out.printf("%s (%.1f s)%n", ok ? "verify: all labs ok" : "verify: BREACH — see above",
                (System.nanoTime() - t0) / 1e9);
        return ok ? 0 : 1;
    }
}
