package org.stacklab.grader.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graded component's reference is cut out of jars and folders, with its ServiceLoader lines. */
class ReferenceIsolationTest {
    @TempDir Path dir;

    @Test
    void globsMatchPackagesClassesAndNestedClasses() {
        var p = ReferenceIsolation.pattern(List.of("org.x.udp.*", "org.x.tcp.Machine*", "org.x.tcp.Parts$Conn"));
        assertTrue(p.matcher("org.x.udp.Udp").matches());
        assertTrue(p.matcher("org.x.udp.Udp$1").matches());
        assertFalse(p.matcher("org.x.udp.inner.Udp").matches());
        assertTrue(p.matcher("org.x.tcp.Machine$State").matches());
        assertTrue(p.matcher("org.x.tcp.Parts$Conn").matches());
        assertFalse(p.matcher("org.x.tcp.Parts$Flow").matches());
        assertFalse(p.matcher("org.x.tcp.Parts").matches());
    }

    @Test
    void aJarLosesTheClassesAndTheirProviderLines() throws Exception {
        Path jar = dir.resolve("solutions.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String n : List.of("org/x/udp/Udp.class", "org/x/ip/Ip.class", "org/x/tcp/Parts$Conn.class", "org/x/tcp/Parts$Flow.class")) {
                z.putNextEntry(new ZipEntry(n));
                z.write(1);
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("META-INF/services/org.x.Provider"));
            z.write("org.x.udp.UdpProvider\norg.x.ip.IpProvider # ip\norg.x.tcp.Parts$Conn\norg.x.tcp.Parts$Flow\n".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        Path other = Files.createDirectories(dir.resolve("kernel"));
        List<Path> out = ReferenceIsolation.without(List.of(other, jar), List.of("org.x.udp.*", "org.x.tcp.Parts$Conn"),
                Files.createDirectories(dir.resolve("work")));
        assertEquals(other, out.get(0), "an entry without reference classes is used as it is");
        assertNotEquals(jar, out.get(1));
        try (ZipFile z = new ZipFile(out.get(1).toFile())) {
            assertEquals(null, z.getEntry("org/x/udp/Udp.class"));
            assertEquals(null, z.getEntry("org/x/tcp/Parts$Conn.class"));
            assertTrue(z.getEntry("org/x/ip/Ip.class") != null);
            assertTrue(z.getEntry("org/x/tcp/Parts$Flow.class") != null);
            String services = new String(z.getInputStream(z.getEntry("META-INF/services/org.x.Provider")).readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("org.x.ip.IpProvider # ip\norg.x.tcp.Parts$Flow\n", services);
        }
    }

    @Test
    void noGlobsNoCopies() throws Exception {
        List<Path> cp = List.of(dir);
        assertEquals(cp, ReferenceIsolation.without(cp, List.of(), dir));
    }
}
