package org.stacklab.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stacklab.grader.GradeOptions;
import org.stacklab.grader.Grader;
import org.stacklab.grader.Lab;
import org.stacklab.grader.LabCatalog;
import org.stacklab.grader.LabResult;
import org.stacklab.grader.tools.Release;
import org.stacklab.grader.report.ClassroomResults;
import org.stacklab.grader.report.ConsoleReport;
import org.stacklab.grader.report.GradescopeResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grade a lab: your module, the reference everywhere else.",
                "Runs the lab's tests in a supervised JVM, prints a table of tests and points and writes",
                "Gradescope's results.json."})
final class GradeCommand implements Callable<Integer> {
    @Option(names = "--lab", required = true, paramLabel = "ID", description = "the lab (e.g. lab1-driver), or 'all'")
    String lab;

    @Option(names = "--impl", defaultValue = "student", paramLabel = "student|reference",
            description = "whose code fills the lab's components (default: ${DEFAULT-VALUE})")
    String impl;

    @Option(names = "--use", paramLabel = "COMPONENT=IMPL,…", description = "per-component choice, e.g. tcp=student,ip=reference")
    String use;

    @Option(names = "--results", defaultValue = "results.json", paramLabel = "FILE",
            description = "where to write Gradescope's results.json (default: ${DEFAULT-VALUE})")
    Path results;

    @Option(names = "--classroom", paramLabel = "FILE", description = "also write GitHub Classroom's result (and result=<base64> to $GITHUB_OUTPUT)")
    Path classroom;

    @Option(names = "--test", paramLabel = "NAME", description = "run one test (method name, Class#method, or its displayed name)")
    String test;

    @Option(names = "--seed", paramLabel = "N", description = "the scenario seed, to replay a failure")
    Long seed;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "wall-clock limit per test (default: the lab's)")
    Double timeout;

    @Option(names = "--submission", paramLabel = "DIR",
            description = {"grade the student code in DIR (a student's repository, its labs/<lab>/src/main/java, or",
                    "the package folders) with this tree's tests: only the lab's student-package sources are taken"})
    Path submission;

    @Option(names = "--run-as", paramLabel = "USER",
            description = "run the tests as this unprivileged user (the grader must be root; Gradescope's run_autograder uses it)")
    String runAs;

    @Override
    public Integer call() throws Exception {
        if (!impl.equals("student") && !impl.equals("reference")) {
            System.err.println("grade: --impl is 'student' or 'reference', not '" + impl + "'");
            return 2;
        }
        LabCatalog catalog = new LabCatalog(LabCatalog.defaultRoot());
        List<Lab> labs;
        try {
            labs = catalog.select(lab);
        } catch (IllegalArgumentException e) {
            System.err.println("grade: " + e.getMessage());
            return 2;
        }
        String bad = UseOption.check(use, catalog);
        if (bad != null) {
            System.err.println("grade: " + bad);
            return 2;
        }
        GradeOptions opts = GradeOptions.student().withImpl(impl).withUse(use).withTest(test).withSeed(seed)
                .withWithheld(Release.withheldModules(catalog.root()));
        if (timeout != null) opts = opts.withTimeout(Duration.ofMillis((long) (timeout * 1000)));
        if (submission != null) {
            if (!java.nio.file.Files.isDirectory(submission)) {
                System.err.println("grade: --submission " + submission + " is not a directory");
                return 2;
            }
            opts = opts.withSubmission(submission.toAbsolutePath().normalize());
        }
        if (runAs != null) opts = opts.withRunAs(runAs);
        ConsoleReport console = new ConsoleReport(System.out, System.console() != null);
        Grader grader = new Grader(catalog.root());
        long t0 = System.nanoTime();
        List<LabResult> done = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (Lab l : labs) {
            LabResult r;
            try {
                r = grader.grade(l, opts, console.progress(l.id()));
            } catch (Grader.NoSuchTestException e) {
                unmatched.add(e.getMessage());
                continue;
            }
            console.table(r);
            done.add(r);
        }
        if (done.isEmpty() && !unmatched.isEmpty()) {
            // Nothing was graded: say why, and leave an earlier results.json as it was.
            unmatched.forEach(m -> System.err.println("grade: " + m));
            return 2;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        console.total(done, secs);
        GradescopeResults.write(results, done, secs);
        System.out.println("results: " + results);
        if (classroom != null) {
            ClassroomResults.write(classroom, done);
            System.out.println("GitHub Classroom result: " + classroom);
        }
        if (labs.isEmpty()) System.out.println("grade: there are no labs under " + catalog.root().resolve("labs") + " yet");
        return 0;
    }
}
