package org.stacklab.grader;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Tests staff keep back. They live as Java sources in {@code solutions/src/hidden-tests/<lab-id>/}
 * (in their package folders, e.g. {@code org/stacklab/labs/tcp/HiddenHandshakeTest.java}), are
 * compiled by the grader against the lab's class path into
 * {@code labs/<lab-id>/target/hidden-test-classes}, and run with the lab's visible tests. A student
 * release never contains them (it has no {@code solutions/}); the Gradescope bundle does.
 */
public final class HiddenTests {
    public static final String OUTPUT_DIR = "hidden-test-classes";

    private HiddenTests() {}

    /**
     * Where a grading bundle keeps a lab's hidden tests already compiled (it ships no hidden-test
     * source): {@code hidden-test-classes/<lab-id>/} at the root of the tree.
     */
    public static Path compiledDir(Path root, String labId) {
        return root.resolve(OUTPUT_DIR).resolve(labId);
    }

    public static Path sourceDir(Path root, String labId) {
        return root.resolve("solutions").resolve("src").resolve("hidden-tests").resolve(labId);
    }

    /**
     * Compiles the lab's hidden tests if there are any and they changed; returns the lab with them
     * added as a test root, or the lab unchanged when there are none.
     */
    public static Lab prepare(Path root, Lab lab) throws IOException {
        Path src = sourceDir(root, lab.id());
        Path shipped = compiledDir(root, lab.id());
        if (!Files.isDirectory(src)) return Files.isDirectory(shipped) ? lab.withTestRoot(shipped) : lab;
        List<Path> sources;
        try (Stream<Path> s = Files.walk(src)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        if (sources.isEmpty()) return lab;
        Path out = lab.dir().resolve("target").resolve(OUTPUT_DIR);
        Path stamp = out.resolve(".compiled");
        if (!upToDate(sources, lab, stamp)) {
            compile(lab, sources, out);
            Files.writeString(stamp, "");
        }
        return lab.withTestRoot(out);
    }

    private static boolean upToDate(List<Path> sources, Lab lab, Path stamp) throws IOException {
        if (!Files.exists(stamp)) return false;
        FileTime built = Files.getLastModifiedTime(stamp);
        for (Path s : sources) if (Files.getLastModifiedTime(s).compareTo(built) > 0) return false;
        // The lab's own classes changed (a new harness method the hidden tests call, a field whose type
        // moved): rebuild. Every file counts: a directory's time changes only when entries come or go.
        Path tc = lab.dir().resolve("target").resolve("test-classes");
        if (!Files.exists(tc)) return true;
        try (Stream<Path> s = Files.walk(tc)) {
            return s.allMatch(p -> modified(p).compareTo(built) <= 0);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    private static void compile(Lab lab, List<Path> sources, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IOException("compiling hidden tests needs a JDK, not a JRE");
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-nowarn", "-proc:none", "-d", out.toString(), "-cp",
                String.join(java.io.File.pathSeparator, lab.compileClasspath().stream().map(Path::toString).toList())));
        sources.forEach(s -> args.add(s.toString()));
        StringWriter errors = new StringWriter();
        int rc = javac.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
            @Override public void write(int b) { errors.write(b); }
        }, true), args.toArray(String[]::new));
        if (rc != 0) throw new IOException("the hidden tests of " + lab.id() + " do not compile:\n" + errors);
    }
}
