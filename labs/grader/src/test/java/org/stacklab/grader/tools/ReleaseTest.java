package org.stacklab.grader.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release of a small course tree carries the reference only as a jar, and no hidden test. */
class ReleaseTest {
    @TempDir Path root;
    @TempDir Path out;

    @Test
    void noSolutionSourceAndNoHiddenTestReachTheRelease() throws Exception {
        courseTree();
        Release.create(root, out, List.of("tcp"));

        List<String> files = files(out);
        assertTrue(files.contains("labs/lab1-driver/src/main/java/org/stacklab/labs/driver/E1000.java"), files.toString());
        assertTrue(files.contains("labs/lab1-driver/lab.properties"));
        assertTrue(files.contains("stacklab"));
        assertTrue(Files.isExecutable(out.resolve("stacklab")));
        for (String f : files) {
            assertFalse(f.startsWith("solutions/"), f);
            assertFalse(f.contains("hidden-tests"), f);
            assertFalse(f.contains("/target/") || f.startsWith("target/"), f);
            assertFalse(f.endsWith(".java") && Files.readString(out.resolve(f)).contains("REFERENCE SOLUTION"), f);
        }
    }

    @Test
    void theReferenceIsAJarInAFileRepositoryThePomPointsTo() throws Exception {
        courseTree();
        Release.create(root, out, List.of("tcp"));

        String pom = Files.readString(out.resolve("pom.xml"));
        assertFalse(pom.contains("<module>solutions</module>"), pom);
        assertTrue(pom.contains("file://${maven.multiModuleProjectDirectory}/reference-repo"), pom);
        assertTrue(pom.matches("(?s).*<artifactId>stacklab-solutions</artifactId><version>0\\.1\\.0-ref-[0-9a-f]{8}</version>.*"), pom);
        assertTrue(Files.isDirectory(out.resolve(".mvn")));

        Path dir;
        try (Stream<Path> s = Files.list(out.resolve("reference-repo/org/stacklab/stacklab-solutions"))) {
            dir = s.findFirst().orElseThrow();
        }
        String v = dir.getFileName().toString();
        List<String> entries = new ArrayList<>();
        String services;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(dir.resolve("stacklab-solutions-" + v + ".jar")))) {
            String svc = "";
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                entries.add(e.getName());
                if (e.getName().startsWith("META-INF/services/")) svc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            services = svc;
        }
        assertTrue(entries.contains("org/stacklab/solutions/ip/Ipv4.class"), entries.toString());
        assertFalse(entries.contains("org/stacklab/solutions/tcp/Tcp.class"), "withheld tcp is in the jar");
        assertTrue(services.contains("org.stacklab.solutions.ip.IpProvider"));
        assertFalse(services.contains("org.stacklab.solutions.tcp"), services);
        String refPom = Files.readString(dir.resolve("stacklab-solutions-" + v + ".pom"));
        assertTrue(refPom.contains("<artifactId>stacklab-kernel</artifactId><version>0.1.0-SNAPSHOT</version>"), refPom);
        assertEquals(List.of("tcp"), Release.withheldModules(out));
    }

    @Test
    void aReleaseIsMadeFromHeadAndADirtyTreeIsRefused() throws Exception {
        courseTree();
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "course");
        write("labs/lab1-driver/src/main/java/org/stacklab/labs/driver/E1000.java", "class E1000 { /* half-done solution */ }");
        write("labs/lab1-driver/src/main/java/org/stacklab/labs/driver/Untracked.java", "class Untracked {}");
        IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Release.create(root, out, List.of()));
        assertTrue(refused.getMessage().contains("uncommitted changes") && refused.getMessage().contains("E1000.java"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--allow-dirty"), refused.getMessage());

        git("stash", "-q");
        Release.create(root, out, List.of());
        String e1000 = Files.readString(out.resolve("labs/lab1-driver/src/main/java/org/stacklab/labs/driver/E1000.java"));
        assertTrue(e1000.contains("TODO"), "the release is HEAD's: " + e1000);
        assertFalse(Files.exists(out.resolve("labs/lab1-driver/src/main/java/org/stacklab/labs/driver/Untracked.java")),
                "an untracked file is not in HEAD, so not in the release");
        assertTrue(Files.readString(out.resolve("README.md")).contains("./stacklab grade --lab"), "the student README replaces the staff one");

        git("stash", "pop", "-q");
        Path dirty = root.resolveSibling(out.getFileName() + "-dirty");
        Release.create(root, dirty, List.of(), true);
        assertTrue(Files.readString(dirty.resolve("labs/lab1-driver/src/main/java/org/stacklab/labs/driver/E1000.java")).contains("half-done"));
    }

    private void git(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
    }

    private void courseTree() throws IOException {
        write("pom.xml", """
                <project><modelVersion>4.0.0</modelVersion>
                  <groupId>org.stacklab</groupId><artifactId>stacklab-parent</artifactId><version>0.1.0-SNAPSHOT</version>
                  <modules>
                    <module>modules</module>
                    <module>solutions</module>
                    <module>labs</module>
                  </modules>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>org.stacklab</groupId><artifactId>stacklab-solutions</artifactId><version>${project.version}</version></dependency>
                  </dependencies></dependencyManagement>
                </project>
                """);
        write("solutions/pom.xml", """
                <project><dependencies>
                  <dependency><groupId>org.stacklab</groupId><artifactId>stacklab-kernel</artifactId></dependency>
                  <dependency><groupId>org.stacklab</groupId><artifactId>stacklab-testkit</artifactId><scope>test</scope></dependency>
                </dependencies></project>
                """);
        write("solutions/src/main/java/org/stacklab/solutions/ip/Ipv4.java", "// REFERENCE SOLUTION\nclass Ipv4 {}");
        write("solutions/src/hidden-tests/lab1-driver/org/stacklab/labs/driver/HiddenTest.java", "class HiddenTest {}");
        write("labs/lab1-driver/lab.properties", "id=lab1-driver\n");
        write("labs/lab1-driver/src/main/java/org/stacklab/labs/driver/E1000.java", "class E1000 { /* TODO */ }");
        write("labs/lab1-driver/target/classes/org/stacklab/labs/driver/E1000.class", "junk");
        write("README.md", "# StackLab\n");
        write("stacklab", "#!/usr/bin/env bash\n");
        root.resolve("stacklab").toFile().setExecutable(true);
        Path jar = root.resolve("solutions/target/stacklab-solutions-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String e : List.of("org/stacklab/solutions/ip/Ipv4.class", "org/stacklab/solutions/tcp/Tcp.class")) {
                j.putNextEntry(new JarEntry(e));
                j.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
                j.closeEntry();
            }
            j.putNextEntry(new JarEntry("META-INF/services/org.stacklab.kernel.core.ComponentProvider"));
            j.write("org.stacklab.solutions.ip.IpProvider\norg.stacklab.solutions.tcp.TcpProvider\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
    }

    private void write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
