package org.stacklab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.stacklab.cli.demo.Demo;
import org.stacklab.kernel.core.ModuleSet;

/**
 * Opens the demo's report in a real browser (headless Chromium, the Debian {@code chromium} package)
 * and checks the screenshot shows something: a page the browser cannot draw comes out blank. Skipped
 * where Chromium is not installed. The screenshot stays in {@code target/html-report/} for people to
 * look at.
 */
class HtmlInChromiumTest {
    @Test
    void theDemoReportRendersInChromium() throws Exception {
        String chromium = onPath("chromium", "chromium-browser", "google-chrome");
        assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium)");
        Path dir = Path.of("target", "html-report").toAbsolutePath();
        Files.createDirectories(dir);
        Path page = dir.resolve("demo.html"), png = dir.resolve("demo.png");
        Files.deleteIfExists(png);
        HtmlReport report = new HtmlReport("StackLab demo");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, new Demo(quiet, 42, null, ModuleSet.reference(), report).run());
        report.write(page);

        Process p = new ProcessBuilder(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png,
                "--window-size=1100,1600", page.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        // A bound on a real process, not a sleep: returns as soon as Chromium exits.
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish; see " + dir.resolve("chromium.log"));
        assertTrue(Files.size(png) > 0, "no screenshot; see " + dir.resolve("chromium.log"));
        // The page has no script, so the console must stay silent (Chromium logs console messages as
        // "INFO:CONSOLE:1] ..." with --enable-logging=stderr).
        String log = Files.readString(dir.resolve("chromium.log"));
        assertTrue(!log.contains(":CONSOLE"), "the browser console reported something:\n" + log);

        BufferedImage img = ImageIO.read(png.toFile());
        Map<Integer, Integer> colours = new HashMap<>();
        int coloured = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.merge(rgb, 1, Integer::sum);
                int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) coloured++;   // arrows, not greys
            }
        }
        int background = colours.values().stream().max(Integer::compare).orElse(0);
        int total = (img.getWidth() / 2) * (img.getHeight() / 2);
        assertTrue(total - background > total / 50, "the screenshot is (nearly) blank: " + png);
        assertTrue(coloured > 200, "no coloured arrows drawn in " + png);
    }

    private static String onPath(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String n : names) if (Files.isExecutable(Path.of(dir, n))) return Path.of(dir, n).toString();
        }
        return null;
    }
}
