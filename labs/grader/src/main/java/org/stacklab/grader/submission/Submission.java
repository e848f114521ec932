package org.stacklab.grader.submission;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.stacklab.grader.Lab;

/**
 * What the grader takes from a submission: the {@code .java} sources of the lab's student packages,
 * nothing else. It compiles them itself, against the course's class path, into a folder of its own;
 * every other file of the submission (tests, other packages, class files, jars, resources, a
 * results.json) is ignored with a note. A source that declares a package other than the folder it
 * sits in, or a class that compiles into another package, is ignored too: student code can never
 * stand in for a grader, JUnit, kernel or test class.
 *
 * @param classes       the compiled student classes (null when nothing compiled)
 * @param notes         one line per thing ignored or worth knowing, for the report
 * @param failure       why there is nothing to grade (no student code, or compiler errors); null when it compiled
 */
public record Submission(Path classes, List<String> notes, String failure) {
    /** Larger files than this are not source code a lab asks for. */
    static final long MAX_FILE_BYTES = 512 * 1024;
    static final int MAX_FILES = 500;
    static final int MAX_ERROR_CHARS = 16 * 1024;
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\p{L}_$][\\p{L}\\p{N}_$.]*)\\s*;", Pattern.MULTILINE);
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    public Submission {
        notes = List.copyOf(notes);
    }

    public boolean compiled() { return failure == null; }

    /**
     * Takes the lab's student sources from {@code repo} (a student's repository laid out like the
     * course's, or a folder holding {@code src/main/java}, or the package folders themselves) and
     * compiles them into {@code out}. {@code courseResources} (the course's
     * {@code labs/<id>/src/main/resources}, which registers the student's component) is copied in.
     */
    public static Submission take(Lab lab, Path repo, Path out, Path courseResources) throws IOException {
        List<String> notes = new ArrayList<>();
        List<String> pkgDirs = lab.studentPackages().stream().map(p -> p.replace('.', '/')).toList();
        Path root = sourceRoot(lab, repo, pkgDirs);
        if (root == null) {
            return new Submission(null, notes, "the submission has no code in " + String.join(", ", lab.studentPackages())
                    + " (looked in " + lab.sourcesIn(repo) + ", " + repo.resolve("src/main/java") + " and " + repo
                    + "): nothing to grade.");
        }
        if (!root.equals(lab.sourcesIn(repo))) notes.add("took the student sources from " + root);
        Path src = out.resolveSibling(out.getFileName() + "-src");
        Files.createDirectories(src);
        List<Path> sources = new ArrayList<>();
        int ignoredOther = 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            boolean inStudentPackage = pkgDirs.stream().anyMatch(d -> rel.startsWith(d + "/"));
            if (!rel.endsWith(".java") || !inStudentPackage) {
                if (rel.endsWith(".java") && notes.size() < 40) notes.add("ignored " + rel + ": outside the student packages");
                else ignoredOther++;
                continue;
            }
            if (Files.isSymbolicLink(f) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                notes.add("ignored " + rel + ": not a regular file (a link?)");
                continue;
            }
            if (Files.size(f) > MAX_FILE_BYTES) {
                notes.add("ignored " + rel + ": larger than " + MAX_FILE_BYTES / 1024 + " KiB");
                continue;
            }
            if (sources.size() >= MAX_FILES) {
                notes.add("ignored " + rel + ": more than " + MAX_FILES + " source files");
                continue;
            }
            String text = Files.readString(f, StandardCharsets.UTF_8);
            String dirPkg = rel.substring(0, rel.lastIndexOf('/')).replace('/', '.');
            String declared = declaredPackage(text);
            if (!dirPkg.equals(declared)) {
                notes.add("ignored " + rel + ": it declares package " + (declared == null ? "(none)" : declared)
                        + ", but only " + String.join(", ", lab.studentPackages()) + " come from a submission");
                continue;
            }
            Path copy = src.resolve(rel);
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, text, StandardCharsets.UTF_8);
            sources.add(copy);
        }
        if (ignoredOther > 0) notes.add("ignored " + ignoredOther + " other file(s) under " + root
                + " (class files, jars, resources, tests): only .java sources of the student packages are taken");
        if (sources.isEmpty()) {
            return new Submission(null, notes, "the submission has no .java file in " + String.join(", ", lab.studentPackages())
                    + " under " + root + ": nothing to grade.");
        }
        Files.createDirectories(out);
        String errors = compile(lab, sources, out);
        if (errors != null) {
            return new Submission(null, notes, "your code does not compile, so no test could run:\n" + errors);
        }
        notes.addAll(keepOnlyStudentClasses(out, pkgDirs));
        if (courseResources != null && Files.isDirectory(courseResources)) copyTree(courseResources, out);
        return new Submission(out, notes, null);
    }

    /** The first of the lab's folder, {@code src/main/java}, and the repository itself that holds student code. */
    static Path sourceRoot(Lab lab, Path repo, List<String> pkgDirs) {
        for (Path c : List.of(lab.sourcesIn(repo), repo.resolve("src").resolve("main").resolve("java"), repo)) {
            for (String d : pkgDirs) {
                if (Files.isDirectory(c.resolve(d), LinkOption.NOFOLLOW_LINKS)) return c;
            }
        }
        return null;
    }

    static String declaredPackage(String source) {
        Matcher m = PACKAGE.matcher(COMMENTS.matcher(source).replaceAll(" "));
        return m.find() ? m.group(1) : null;
    }

    private static String compile(Lab lab, List<Path> sources, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IOException("compiling a submission needs a JDK, not a JRE");
        // Against the course's dependencies only: not the starter (its classes are what the
        // submission replaces) and not the tests (student code does not call tests).
        List<String> args = new ArrayList<>(List.of("--release", "17", "-nowarn", "-proc:none", "-encoding", "UTF-8",
                "-implicit:none", "-Xmaxerrs", "50", "-d", out.toString(), "-cp",
                String.join(java.io.File.pathSeparator, lab.classpath().stream().map(Path::toString).toList())));
        sources.forEach(s -> args.add(s.toString()));
        StringWriter errors = new StringWriter();
        PrintStream sink = new PrintStream(new OutputStream() {
            @Override public void write(int b) { if (errors.getBuffer().length() < MAX_ERROR_CHARS) errors.write(b); }
        }, true, StandardCharsets.UTF_8);
        int rc = javac.run(null, sink, sink, args.toArray(String[]::new));
        if (rc == 0) return null;
        String text = errors.toString().replace(sources.get(0).getRoot().toString(), "/");
        Path srcRoot = out.resolveSibling(out.getFileName() + "-src");
        return text.replace(srcRoot + "/", "").strip();
    }

    /** Deletes every compiled class outside the student packages (a nested package trick), with a note each. */
    private static List<String> keepOnlyStudentClasses(Path out, List<String> pkgDirs) throws IOException {
        List<String> notes = new ArrayList<>();
        List<Path> classes;
        try (Stream<Path> s = Files.walk(out)) {
            classes = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path c : classes) {
            String rel = out.relativize(c).toString().replace('\\', '/');
            if (pkgDirs.stream().noneMatch(d -> rel.startsWith(d + "/"))) {
                Files.delete(c);
                notes.add("ignored class " + rel.replace('/', '.').replaceAll("\\.class$", "") + ": outside the student packages");
            }
        }
        return notes;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
