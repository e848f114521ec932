package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

/** {@code stacklab shell --script FILE --html REPORT}: a ladder per connection, and one for ARP and ICMP. */
class HtmlShellReportTest {
    @Test
    void theShellWritesALadderPerConnection(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("s.txt"), report = dir.resolve("shell.html");
        Files.writeString(script, "h1 ping -c 1 h2\nh2 nc -l 80 &\nrun 1ms\nh1 nc h2 80 <<< hi\nrun 10ms\n");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = new CommandLine(new ShellCommand(new PrintStream(buf, true, StandardCharsets.UTF_8)))
                .execute("--script", script.toString(), "--html", report.toString());
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        assertTrue(out.contains("HTML report written to"), out);
        String html = Files.readString(report);
        var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, doc.getElementsByTagName("figure").getLength(), "one ladder for ARP/ICMP, one for the TCP connection");
        assertTrue(html.contains("data-kind=\"ARP\"") && html.contains("data-kind=\"ICMP\""), "ARP and ICMP arrows");
        assertTrue(html.contains("data-flags=\"S\" data-seq=\"0\" data-ack=\"-1\""), "the connection's SYN");
        assertTrue(html.contains(":80</h2>"), "the connection is named by its ports");
    }
}
