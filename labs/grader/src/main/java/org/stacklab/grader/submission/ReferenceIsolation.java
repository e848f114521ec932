package org.stacklab.grader.submission;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Keeps the graded component's reference out of a graded run. A lab names its reference classes
 * ({@code reference-classes} in lab.properties, globs over class names: {@code pkg.*} is every class
 * of a package, {@code pkg.Name*} a class and its nested classes); every class-path entry that holds
 * one is replaced by a copy without them, and without the {@code META-INF/services} lines that
 * register them. So student code cannot delegate to the reference by any route (a factory call, a
 * class name, a resource): the bytes are not there.
 */
public final class ReferenceIsolation {
    private ReferenceIsolation() {}

    /** {@code classpath} with every entry that holds a class matching {@code globs} replaced by a filtered copy in {@code work}. */
    public static List<Path> without(List<Path> classpath, List<String> globs, Path work) throws IOException {
        if (globs.isEmpty()) return classpath;
        Pattern excluded = pattern(globs);
        List<Path> out = new ArrayList<>();
        int n = 0;
        for (Path entry : classpath) {
            if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar") && jarHolds(entry, excluded)) {
                Path copy = work.resolve("isolated-" + (n++) + "-" + entry.getFileName());
                filterJar(entry, copy, excluded);
                out.add(copy);
            } else if (Files.isDirectory(entry) && dirHolds(entry, excluded)) {
                Path copy = work.resolve("isolated-" + (n++));
                filterDir(entry, copy, excluded);
                out.add(copy);
            } else {
                out.add(entry);
            }
        }
        return out;
    }

    /** The globs as one regex over dotted class names (nested classes keep their {@code $}). */
    public static Pattern pattern(List<String> globs) {
        List<String> parts = new ArrayList<>();
        for (String g : globs) {
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < g.length(); i++) {
                char c = g.charAt(i);
                if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') { re.append(".*"); i++; }
                else if (c == '*') re.append("[^.]*");
                else re.append(Pattern.quote(String.valueOf(c)));
            }
            parts.add(re.toString());
        }
        return Pattern.compile(String.join("|", parts));
    }

    static String className(String entryName) {
        return entryName.endsWith(".class") ? entryName.substring(0, entryName.length() - 6).replace('/', '.') : null;
    }

    private static boolean excludedEntry(String name, Pattern excluded) {
        String c = className(name);
        return c != null && excluded.matcher(c).matches();
    }

    private static boolean jarHolds(Path jar, Pattern excluded) throws IOException {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            return z.stream().anyMatch(e -> excludedEntry(e.getName(), excluded));
        }
    }

    private static boolean dirHolds(Path dir, Pattern excluded) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> excludedEntry(dir.relativize(p).toString().replace('\\', '/'), excluded));
        }
    }

    private static void filterJar(Path from, Path to, Pattern excluded) throws IOException {
        try (ZipFile z = new ZipFile(from.toFile()); ZipOutputStream zo = new ZipOutputStream(Files.newOutputStream(to))) {
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory() || excludedEntry(e.getName(), excluded)) continue;
                zo.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream in = z.getInputStream(e)) {
                    if (e.getName().startsWith("META-INF/services/")) writeServices(in, zo, excluded);
                    else in.transferTo(zo);
                }
                zo.closeEntry();
            }
        }
    }

    private static void filterDir(Path from, Path to, Pattern excluded) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                String rel = from.relativize(p).toString().replace('\\', '/');
                Path t = to.resolve(rel);
                if (Files.isDirectory(p)) { Files.createDirectories(t); continue; }
                if (excludedEntry(rel, excluded)) continue;
                try (InputStream in = Files.newInputStream(p); OutputStream o = Files.newOutputStream(t)) {
                    if (rel.startsWith("META-INF/services/")) writeServices(in, o, excluded);
                    else in.transferTo(o);
                }
            }
        }
    }

    /** A ServiceLoader file without the lines naming excluded classes (a missing provider would break every lookup). */
    private static void writeServices(InputStream in, OutputStream out, Pattern excluded) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        for (String line; (line = r.readLine()) != null; ) {
            String name = line.replaceAll("#.*", "").trim();
            if (!name.isEmpty() && excluded.matcher(name).matches()) continue;
            sb.append(line).append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
