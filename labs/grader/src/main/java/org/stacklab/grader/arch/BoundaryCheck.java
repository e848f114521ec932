package org.stacklab.grader.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stacklab.grader.Lab;
import org.stacklab.grader.TestOutcome;
import org.stacklab.grader.Visibility;

/**
 * Runs {@link Boundaries#forStudent} on a lab's compiled student code (reading class files only;
 * nothing of the student's runs here) and reports each rule as a 0-point graded test, so a broken
 * boundary shows up in the results with its explanation.
 */
public final class BoundaryCheck {
    private BoundaryCheck() {}

    public static List<TestOutcome> check(Lab lab) {
        List<TestOutcome> out = new ArrayList<>();
        if (lab.studentPackages().isEmpty() || !Files.isDirectory(lab.studentClasses())) return out;
        JavaClasses classes = new ClassFileImporter().importPath(lab.studentClasses());
        for (Boundary b : Boundaries.forStudent(lab.layer(), lab.studentPackages())) {
            Optional<String> broken = b.check(classes);
            out.add(new TestOutcome(lab.id(), "boundary:" + b.id(), "", b.id(), "boundary: " + b.id().replace('-', ' '),
                    0, Visibility.VISIBLE, List.of("boundary"), broken.isEmpty(), broken.orElse(""), 0));
        }
        return out;
    }
}
