package org.stacklab.grader.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.grader.Lab;
import org.stacklab.grader.TestOutcome;
import org.stacklab.grader.Visibility;

/**
 * Runs {@link Boundaries#forStudent} on a lab's compiled student code (reading class files only;
 * nothing of the student's runs here) and reports each broken rule as a failed 0-point test with its
 * explanation, or one passed line when every rule is kept. A broken rule scores the lab 0 (the
 * {@link org.stacklab.grader.Grader} decides that).
 */
public final class BoundaryCheck {
    private BoundaryCheck() {}

    /** Checks every class under {@code studentClasses} (all that a submission contributes). */
    public static List<TestOutcome> check(Lab lab, Path studentClasses) {
        List<TestOutcome> out = new ArrayList<>();
        if (lab.studentPackages().isEmpty() || studentClasses == null || !Files.isDirectory(studentClasses)) return out;
        JavaClasses classes = new ClassFileImporter().importPath(studentClasses);
        List<Boundary> rules = Boundaries.forStudent(lab.layer(), lab.studentPackages());
        for (Boundary b : rules) {
            b.check(classes).ifPresent(why -> out.add(new TestOutcome(lab.id(), "boundary:" + b.id(), "", b.id(),
                    "architecture rule: " + b.title(), 0, Visibility.VISIBLE, List.of("boundary"), false, why, 0)));
        }
        if (out.isEmpty()) {
            // All kept: one line in the table rather than one per rule.
            out.add(new TestOutcome(lab.id(), "boundary:all", "", "boundaries", "architecture rules kept ("
                    + rules.size() + " checked)", 0, Visibility.VISIBLE, List.of("boundary"), true,
                    "checked: " + String.join(", ", rules.stream().map(Boundary::id).toList()), 0));
        }
        return out;
    }
}
