package org.stacklab.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stacklab.grader.HiddenTests;
import org.stacklab.grader.Lab;
import org.stacklab.grader.LabCatalog;
import org.stacklab.grader.fork.PlannedTest;
import org.stacklab.grader.fork.TestPlanner;
import org.stacklab.grader.report.ConsoleReport;
import picocli.CommandLine.Command;

@Command(name = "labs", mixinStandardHelpOptions = true,
        description = {"List the labs: id, title, the components you write (the names --use takes), and points.",
                "Points count the tests this tree has (a student release has no hidden tests)."})
final class LabsCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        LabCatalog catalog = new LabCatalog(LabCatalog.defaultRoot());
        List<Lab> labs = catalog.all();
        if (labs.isEmpty()) {
            System.out.println("labs: there are no labs under " + catalog.root().resolve("labs"));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%-20s %-7s %-32s %s%n", "LAB", "POINTS", "COMPONENTS (--use C=student)", "TITLE");
        for (Lab l : labs) {
            Lab ready = HiddenTests.prepare(catalog.root(), l);
            List<PlannedTest> plan = TestPlanner.discover(ready.testRoots(), ready.compileClasspath(), ready.testPattern());
            double points = plan.stream().mapToDouble(PlannedTest::points).sum();
            String pts = plan.isEmpty() ? "(build)" : ConsoleReport.points(points);
            System.out.printf(Locale.ROOT, "%-20s %-7s %-32s %s%n", l.id(), pts, String.join(",", l.components()), l.title());
        }
        System.out.println();
        System.out.println("grade one: ./stacklab grade --lab <LAB>      run your own module: ./stacklab demo --use <COMPONENT>=student");
        return 0;
    }
}
