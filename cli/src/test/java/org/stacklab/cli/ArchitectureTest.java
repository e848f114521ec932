package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.stacklab.grader.arch.Boundaries;

/**
 * The boundaries of DESIGN.md over the whole project: every module's production classes are on
 * this module's class path. One test per rule; a failure prints which boundary was crossed, where,
 * and why the boundary exists.
 */
class ArchitectureTest {
    static JavaClasses project;

    @BeforeAll
    static void importProject() {
        project = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stacklab");
    }

    @Test
    void theProjectIsThere() {
        assertFalse(project.isEmpty());
        assertFalse(project.that(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("org.stacklab.kernel..")).isEmpty());
    }

    @TestFactory
    Stream<DynamicTest> everyBoundaryHolds() {
        return Boundaries.codebase().stream().map(b -> DynamicTest.dynamicTest(b.id(),
                () -> b.check(project).ifPresent(msg -> fail("\n" + msg))));
    }
}
