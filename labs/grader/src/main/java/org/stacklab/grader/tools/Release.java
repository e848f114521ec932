package org.stacklab.grader.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The student repository. Everything of the course tree except {@code solutions/} (sources and
 * hidden tests) and build output; the reference comes as a compiled jar in a file-based Maven
 * repository inside the release ({@code reference-repo/}), under a version that names its content
 * ({@code 0.1.0-ref-1a2b3c4d}), so a newer release never picks up an older cached jar.
 * {@code --withhold ip,tcp} leaves those modules' classes out of the jar; the release records them
 * in {@code stacklab-release.properties} and the grader then loads the student's own code for them.
 */
public final class Release {
    public static final String RELEASE_PROPERTIES = "stacklab-release.properties";
    public static final String REPO_DIR = "reference-repo";
    private static final String SERVICES = "META-INF/services/org.stacklab.kernel.core.ComponentProvider";

    private Release() {}

    /** The modules a release withholds (empty in the course tree). */
    public static List<String> withheldModules(Path root) {
        Path f = root.resolve(RELEASE_PROPERTIES);
        if (!Files.exists(f)) return List.of();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
        } catch (IOException e) {
            return List.of();
        }
        return split(p.getProperty("withheld", ""));
    }

    public static List<String> split(String s) {
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    /** Writes the release of the course tree {@code root} into {@code out}, from its committed HEAD. */
    public static void create(Path root, Path out, List<String> withhold) throws IOException {
        create(root, out, withhold, false);
    }

    /**
     * Writes the release of the course tree {@code root} into {@code out} (which must be empty or
     * absent). In a git checkout the release is made from the committed {@code HEAD}, and a tree
     * with uncommitted changes to tracked files is refused unless {@code allowDirty}, which releases
     * the working tree as it is (so a half-done solution never slips into a release unseen).
     */
    public static void create(Path root, Path out, List<String> withhold, boolean allowDirty) throws IOException {
        root = root.toAbsolutePath().normalize();
        out = out.toAbsolutePath().normalize();
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) throw new IOException(out + " is not empty");
            }
        }
        String version = projectVersion(root);
        Path jar = referenceJar(root, version);
        Path source = root;
        Path head = null;
        if (Files.exists(root.resolve(".git"))) {
            String dirty = git(root, "status", "--porcelain", "--untracked-files=no");
            if (!dirty.isBlank() && !allowDirty) {
                throw new IOException("the course tree has uncommitted changes:\n" + dirty.lines().limit(10)
                        .map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("")
                        + "\ncommit them (a release is made from HEAD), or pass --allow-dirty to release the working tree as it is");
            }
            if (!allowDirty) {
                head = Files.createTempDirectory("stacklab-release-head-");
                exportHead(root, head);
                source = head;
            }
        }
        Files.createDirectories(out);
        try {
            copyTree(source, out);
        } finally {
            if (head != null) deleteTree(head);
        }
        try (var in = Release.class.getResourceAsStream("student-README.md")) {
            if (in != null) Files.write(out.resolve("README.md"), in.readAllBytes());
        }

        // The reference, compiled, in a repository inside the release.
        byte[] filtered = withApps(root, filterJar(jar, withhold), withhold);
        String refVersion = version.replace("-SNAPSHOT", "") + "-ref-" + sha256(filtered).substring(0, 8);
        Path dir = out.resolve(REPO_DIR).resolve("org/stacklab/stacklab-solutions").resolve(refVersion);
        Files.createDirectories(dir);
        Files.write(dir.resolve("stacklab-solutions-" + refVersion + ".jar"), filtered);
        Files.writeString(dir.resolve("stacklab-solutions-" + refVersion + ".pom"), referencePom(root, version, refVersion));

        Files.writeString(out.resolve("pom.xml"), releasePom(Files.readString(root.resolve("pom.xml")), refVersion));
        // .mvn marks the top, so ${maven.multiModuleProjectDirectory} is the release root from any module.
        Files.createDirectories(out.resolve(".mvn"));
        Files.writeString(out.resolve(".mvn/maven.config"), "");
        Properties p = new Properties();
        p.setProperty("withheld", String.join(",", withhold));
        p.setProperty("reference.version", refVersion);
        try (OutputStream o = Files.newOutputStream(out.resolve(RELEASE_PROPERTIES))) {
            p.store(o, "StackLab student release: the reference ships as a jar in " + REPO_DIR + "/");
        }
    }

    private static String git(Path root, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) throw new IOException("git " + String.join(" ", args) + " failed: " + text.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return text;
    }

    /** The committed HEAD of {@code root}, as files under {@code dir} (git archive, no .git). */
    private static void exportHead(Path root, Path dir) throws IOException {
        Path tar = dir.resolve(".head.tar");
        git(root, "archive", "--format=tar", "-o", tar.toString(), "HEAD");
        Process p = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", dir.toString()).redirectErrorStream(true).start();
        try {
            if (p.waitFor() != 0) throw new IOException("tar failed: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Files.delete(tar);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /**
     * Lab 0's reference programs (solutions/src/apps) are compiled by the course build into lab 0's
     * test classes; the release has no solutions/, so they join the reference jar, with their
     * ServiceLoader lines, unless lab 0's component is withheld.
     */
    static byte[] withApps(Path root, byte[] jar, List<String> withhold) throws IOException {
        Path apps = root.resolve("labs/lab0-sockets/target/test-classes/org/stacklab/solutions/apps");
        Path services = root.resolve("solutions/src/apps/resources/" + SERVICES);
        if (!Files.isDirectory(apps) || withhold.contains("apps") || withhold.contains("apps.echo")) return jar;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar));
             JarOutputStream o = in.getManifest() == null ? new JarOutputStream(bytes) : new JarOutputStream(bytes, in.getManifest())) {
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(SERVICES) && Files.exists(services)) {
                    data = (new String(data, StandardCharsets.UTF_8).stripTrailing() + "\n"
                            + Files.readString(services).strip() + "\n").getBytes(StandardCharsets.UTF_8);
                }
                JarEntry copy = new JarEntry(e.getName());
                copy.setTime(e.getTime());
                o.putNextEntry(copy);
                o.write(data);
                o.closeEntry();
            }
            try (Stream<Path> s = Files.walk(apps)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    o.putNextEntry(new JarEntry("org/stacklab/solutions/apps/" + apps.relativize(f).toString().replace('\\', '/')));
                    o.write(Files.readAllBytes(f));
                    o.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    static String projectVersion(Path root) throws IOException {
        Matcher m = Pattern.compile("<artifactId>stacklab-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        if (!m.find()) throw new IOException("cannot read the project version from " + root.resolve("pom.xml"));
        return m.group(1).trim();
    }

    static Path referenceJar(Path root, String version) throws IOException {
        Path jar = root.resolve("solutions/target/stacklab-solutions-" + version + ".jar");
        if (!Files.exists(jar)) {
            throw new IOException("the reference is not built (" + root.relativize(jar)
                    + " is missing): run ./stacklab once, or mvn -q -DskipTests package");
        }
        return jar;
    }

    /** What a release leaves out: solutions/, the grader's own attack suite, build output, VCS data, local results. */
    static boolean excluded(Path rel) {
        if (rel.getNameCount() == 0) return false;
        String first = rel.getName(0).toString();
        if (first.equals("solutions") || first.equals(".git") || first.equals(REPO_DIR) || first.equals(".idea")) return true;
        // The course's own checks of its grader: the hostile submissions and the release/Gradescope rehearsals.
        if (rel.startsWith("scripts/hostile") || rel.toString().equals("scripts/hostile-suite.sh")
                || rel.toString().equals("scripts/gradescope-e2e.sh") || rel.toString().equals("scripts/release-e2e.sh")) return true;
        for (Path part : rel) {
            String s = part.toString();
            if (s.equals("target") || s.equals("hidden-tests")) return true;
        }
        String name = rel.getFileName().toString();
        return name.equals("results.json") || name.endsWith(".iml") || name.endsWith(".pcap")
                || name.equals(RELEASE_PROPERTIES);
    }

    private static void copyTree(Path root, Path out) throws IOException {
        Path finalOut = out;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                if (d.equals(finalOut) || excluded(root.relativize(d))) return FileVisitResult.SKIP_SUBTREE;
                Files.createDirectories(finalOut.resolve(root.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Path rel = root.relativize(f);
                if (!excluded(rel) && a.isRegularFile()) {
                    Files.copy(f, finalOut.resolve(rel.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The reference jar without the withheld modules' packages and service entries. */
    static byte[] filterJar(Path jar, List<String> withhold) throws IOException {
        List<String> prefixes = withhold.stream()
                .map(m -> "org/stacklab/solutions/" + m.split("\\.")[0] + "/").toList();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar));
             JarOutputStream o = in.getManifest() == null ? new JarOutputStream(bytes) : new JarOutputStream(bytes, in.getManifest())) {
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                String name = e.getName();
                if (prefixes.stream().anyMatch(name::startsWith)) continue;
                byte[] data = in.readAllBytes();
                if (name.equals(SERVICES)) {
                    List<String> keep = new ArrayList<>();
                    for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
                        String cls = line.trim().replace('.', '/');
                        if (prefixes.stream().noneMatch(p -> cls.startsWith(p))) keep.add(line);
                    }
                    data = (String.join("\n", keep) + "\n").getBytes(StandardCharsets.UTF_8);
                }
                JarEntry copy = new JarEntry(name);
                copy.setTime(e.getTime());
                o.putNextEntry(copy);
                o.write(data);
                o.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A pom for the reference jar: the stacklab modules solutions/pom.xml depends on (not test scope). */
    static String referencePom(Path root, String version, String refVersion) throws IOException {
        String pom = Files.readString(root.resolve("solutions/pom.xml"));
        StringBuilder deps = new StringBuilder();
        Matcher m = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        while (m.find()) {
            String d = m.group(1);
            Matcher a = Pattern.compile("<artifactId>(stacklab-[\\w-]+)</artifactId>").matcher(d);
            if (!a.find() || d.contains("<scope>test</scope>")) continue;
            deps.append("    <dependency><groupId>org.stacklab</groupId><artifactId>").append(a.group(1))
                    .append("</artifactId><version>").append(version).append("</version></dependency>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>org.stacklab</groupId>\n  <artifactId>stacklab-solutions</artifactId>\n"
                + "  <version>" + refVersion + "</version>\n"
                + "  <description>StackLab reference solutions, compiled (no sources).</description>\n"
                + "  <dependencies>\n" + deps + "  </dependencies>\n</project>\n";
    }

    /** The course's parent pom without the solutions module, with the reference from reference-repo/. */
    static String releasePom(String pom, String refVersion) throws IOException {
        String p = pom.replaceAll("\\s*<module>solutions</module>", "");
        Matcher m = Pattern.compile("(<artifactId>stacklab-solutions</artifactId>\\s*<version>)[^<]*(</version>)").matcher(p);
        if (!m.find()) throw new IOException("the parent pom does not manage stacklab-solutions' version");
        p = m.replaceFirst("$1" + Matcher.quoteReplacement(refVersion) + "$2");
        String repo = "\n  <!-- The reference solutions, compiled: a file repository inside this release. -->\n"
                + "  <repositories>\n    <repository>\n      <id>stacklab-reference</id>\n"
                + "      <url>file://${maven.multiModuleProjectDirectory}/" + REPO_DIR + "</url>\n"
                + "      <snapshots><enabled>false</enabled></snapshots>\n    </repository>\n  </repositories>\n";
        int at = p.indexOf("<dependencyManagement>");
        if (at < 0) throw new IOException("the parent pom has no <dependencyManagement>");
        return p.substring(0, at) + repo.stripLeading() + "\n  " + p.substring(at);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
