package org.stacklab.grader.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.grader.Lab;

/** What the grader takes from a submission, and what it ignores, with a note for each. */
class SubmissionTest {
    @TempDir Path repo;
    @TempDir Path work;

    static Lab lab(Path dir) {
        List<Path> cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
        return new Lab("lab9-x", "x", dir.resolve("labs/lab9-x"), List.of("x"), null, "none", List.of("org.stacklab.labs.x"),
                Duration.ofSeconds(1), List.of(), cp);
    }

    private void put(String rel, String text) throws Exception {
        Path f = repo.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static final String SRC = "labs/lab9-x/src/main/java/";

    @Test
    void takesOnlyStudentPackageSourcesAndSaysWhatItIgnored() throws Exception {
        put(SRC + "org/stacklab/labs/x/Good.java", "package org.stacklab.labs.x; public class Good { public int f() { return 1; } }");
        put(SRC + "org/stacklab/labs/x/sub/Deeper.java", "package org.stacklab.labs.x.sub; public class Deeper {}");
        put(SRC + "org/stacklab/grader/fork/ChildMain.java", "package org.stacklab.grader.fork; public class ChildMain {}");
        put(SRC + "org/junit/jupiter/api/Assertions.java", "package org.junit.jupiter.api; public class Assertions {}");
        put(SRC + "org/stacklab/labs/x/Disguised.java", "/* package org.stacklab.labs.x; */ package org.stacklab.grader.fork; public class Disguised {}");
        put(SRC + "org/stacklab/labs/x/Planted.class", "not a class");
        put(SRC + "results.json", "{\"score\": 100}");
        put("labs/lab9-x/src/test/java/org/stacklab/labs/x/XTest.java", "package org.stacklab.labs.x; class XTest {}");
        Submission s = Submission.take(lab(repo), repo, work.resolve("classes"), null);
        assertNull(s.failure());
        assertTrue(Files.exists(s.classes().resolve("org/stacklab/labs/x/Good.class")));
        assertTrue(Files.exists(s.classes().resolve("org/stacklab/labs/x/sub/Deeper.class")));
        assertFalse(Files.exists(s.classes().resolve("org/stacklab/grader/fork/ChildMain.class")));
        assertFalse(Files.exists(s.classes().resolve("org/stacklab/grader/fork/Disguised.class")));
        assertFalse(Files.exists(s.classes().resolve("org/junit/jupiter/api/Assertions.class")));
        assertFalse(Files.exists(s.classes().resolve("org/stacklab/labs/x/Planted.class")));
        String notes = String.join("\n", s.notes());
        assertTrue(notes.contains("ignored org/stacklab/grader/fork/ChildMain.java: outside the student packages"), notes);
        assertTrue(notes.contains("ignored org/junit/jupiter/api/Assertions.java"), notes);
        assertTrue(notes.contains("Disguised.java: it declares package org.stacklab.grader.fork"), notes);
        assertTrue(notes.contains("ignored 2 other file(s)"), notes);
    }

    @Test
    void aNestedPackageTrickIsCaughtAfterCompiling() throws Exception {
        // A class can only compile into its declared package; but a source may declare a second top-level
        // type... in the same package. Anything that ends up elsewhere is deleted with a note.
        put(SRC + "org/stacklab/labs/x/Good.java", "package org.stacklab.labs.x; public class Good {}");
        Submission s = Submission.take(lab(repo), repo, work.resolve("classes"), null);
        try (var files = Files.walk(s.classes())) {
            assertTrue(files.filter(p -> p.toString().endsWith(".class"))
                    .allMatch(p -> s.classes().relativize(p).toString().startsWith("org/stacklab/labs/x/")));
        }
    }

    @Test
    void codeThatDoesNotCompileGivesTheCompilerErrors() throws Exception {
        put(SRC + "org/stacklab/labs/x/Broken.java", "package org.stacklab.labs.x; public class Broken { int f() { return \"no\"; } }");
        Submission s = Submission.take(lab(repo), repo, work.resolve("classes"), null);
        assertFalse(s.compiled());
        assertTrue(s.failure().startsWith("your code does not compile"), s.failure());
        assertTrue(s.failure().contains("Broken.java"), s.failure());
        assertTrue(s.failure().contains("incompatible types"), s.failure());
        assertFalse(s.failure().contains(work.toString()), "the grader's folders are not shown: " + s.failure());
    }

    @Test
    void aSubmissionWithoutTheStudentPackageSaysWhereItLooked() throws Exception {
        put("README.md", "hello");
        Submission s = Submission.take(lab(repo), repo, work.resolve("classes"), null);
        assertFalse(s.compiled());
        assertTrue(s.failure().contains("has no code in org.stacklab.labs.x"), s.failure());
        assertTrue(s.failure().contains(repo.resolve(SRC).toString().replaceAll("/$", "")), s.failure());
    }

    @Test
    void aFolderOfPackagesIsTakenToo() throws Exception {
        put("org/stacklab/labs/x/Good.java", "package org.stacklab.labs.x; public class Good {}");
        Submission s = Submission.take(lab(repo), repo, work.resolve("classes"), null);
        assertTrue(s.compiled(), s.failure());
        assertTrue(s.notes().get(0).startsWith("took the student sources from"), s.notes().toString());
    }

    @Test
    void symbolicLinksAreNotFollowed() throws Exception {
        Path secret = Files.writeString(work.resolve("Secret.java"), "package org.stacklab.labs.x; public class Secret {}");
        put(SRC + "org/stacklab/labs/x/Good.java", "package org.stacklab.labs.x; public class Good {}");
        Files.createSymbolicLink(repo.resolve(SRC + "org/stacklab/labs/x/Secret.java"), secret);
        Submission s = Submission.take(lab(repo), repo, work.resolve("classes"), null);
        assertTrue(s.compiled(), s.failure());
        assertFalse(Files.exists(s.classes().resolve("org/stacklab/labs/x/Secret.class")));
        assertTrue(String.join("\n", s.notes()).contains("Secret.java: not a regular file"), s.notes().toString());
    }

    @Test
    void packageDeclarationsAreReadPastComments() {
        assertEquals("a.b", Submission.declaredPackage("// package x.y;\n/* package z; */\npackage a.b;\nclass C {}"));
        assertNull(Submission.declaredPackage("class C {}"));
    }
}
