package org.stacklab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stacklab.cli.demo.Demo;
import org.stacklab.kernel.core.ModuleSet;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The demo's HTML report, read back as a machine would: the page parses as XML, the handshake ladder
 * is the textbook one, the lossy link's dropped frame stops midway, nothing is fetched from outside.
 * The demo runs once (seed 42, virtual time: about a second of wall time) for all of them.
 */
class HtmlReportTest {
    static String html;
    static Document doc;

    @BeforeAll
    static void runTheDemo() throws Exception {
        HtmlReport report = new HtmlReport("StackLab demo");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, new Demo(quiet, 42, null, ModuleSet.reference(), report).run());
        html = report.html();
        doc = parse(html);
    }

    static Document parse(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // Nothing outside the file may be read, not even a DTD.
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void thePageIsWellFormedAndEverySvgParses() {
        assertEquals("html", doc.getDocumentElement().getTagName());
        NodeList svgs = doc.getElementsByTagName("svg");
        assertTrue(svgs.getLength() >= 8, "a ladder per section with traffic, and the cwnd chart: " + svgs.getLength());
    }

    @Test
    void theHandshakeLadderIsSynSynAckAck() {
        List<Element> arrows = arrows(section("s5"));
        assertTrue(arrows.size() >= 3, "handshake section has " + arrows.size() + " arrows");
        String[][] expected = {
            // flags, direction, relative seq, relative ack (-1: no ACK flag)
            {"S", "right", "0", "-1"},
            {"S.", "left", "0", "1"},
            {".", "right", "1", "1"},
        };
        for (int i = 0; i < 3; i++) {
            Element a = arrows.get(i);
            String what = "arrow " + (i + 1) + ": " + title(a);
            assertEquals("TCP", a.getAttribute("data-kind"), what);
            assertEquals(expected[i][0], a.getAttribute("data-flags"), what);
            assertEquals(expected[i][1], a.getAttribute("data-dir"), what);
            assertEquals(expected[i][2], a.getAttribute("data-seq"), what);
            assertEquals(expected[i][3], a.getAttribute("data-ack"), what);
            assertFalse(a.hasAttribute("data-lost"), what);
        }
        // Exactly three: no other SYN, and the fourth arrow is past the handshake (data or FIN).
        assertEquals(2, arrows.stream().filter(a -> a.getAttribute("data-flags").contains("S")).count());
        if (arrows.size() > 3) {
            Element fourth = arrows.get(3);
            assertTrue(!fourth.getAttribute("data-len").equals("0") || fourth.getAttribute("data-flags").contains("F"),
                    "fourth arrow: " + title(fourth));
        }
        assertTrue(label(arrows.get(0)).startsWith("[S] seq 0 win "), label(arrows.get(0)));
        assertTrue(label(arrows.get(1)).startsWith("[S.] seq 0 ack 1 win "), label(arrows.get(1)));
        assertTrue(label(arrows.get(2)).startsWith("[.] ack 1 win "), label(arrows.get(2)));
        // The full tcpdump line is there on hover.
        assertTrue(title(arrows.get(0)).contains("IP 10.0.0.1."), title(arrows.get(0)));
        assertTrue(title(arrows.get(0)).contains("> 10.0.0.2.80: Flags [S], seq "), title(arrows.get(0)));
        // And the states, derived from the segments: both sides end the handshake ESTABLISHED.
        String states = texts(section("s5"), "statename");
        assertTrue(states.matches("(?s).*LISTEN.*SYN-SENT.*SYN-RECEIVED.*ESTABLISHED.*ESTABLISHED.*TIME-WAIT.*"), states);
    }

    @Test
    void aFrameDroppedOnTheLossyLinkIsAnArrowThatStopsMidway() {
        Element lossy = section("s10");
        List<Element> lost = new ArrayList<>();
        for (Element a : arrows(lossy)) if (a.getAttribute("data-lost").equals("true")) lost.add(a);
        assertFalse(lost.isEmpty(), "the 5% loss section shows no dropped frame");
        for (Element a : lost) {
            Element shaft = child(a, "line", "shaft");
            double x1 = Double.parseDouble(shaft.getAttribute("x1")), x2 = Double.parseDouble(shaft.getAttribute("x2"));
            double mid = (LadderSvg.LEFT + LadderSvg.RIGHT) / 2;
            // Leaves one host line and ends between the two, never reaching the other.
            assertTrue(x1 == LadderSvg.LEFT || x1 == LadderSvg.RIGHT, "starts on a host line: " + x1);
            assertTrue(Math.abs(x2 - mid) < 0.2 * (LadderSvg.RIGHT - LadderSvg.LEFT), "stops midway: " + x2);
            assertTrue(title(a).contains("never arrived"), title(a));
        }
        // The retransmission that repaired it is marked too, and the cwnd chart is there.
        boolean retransmitted = arrows(lossy).stream().anyMatch(a -> a.getAttribute("data-retransmission").equals("true"));
        assertTrue(retransmitted, "no retransmission marked in the lossy section");
        String series = "";
        NodeList paths = lossy.getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) series += ((Element) paths.item(i)).getAttribute("data-series") + " ";
        assertTrue(series.contains("cwnd") && series.contains("ssthresh") && series.contains("RTO"), "chart series: " + series);
    }

    @Test
    void onlyTheLossySectionLosesFrames() {
        NodeList all = doc.getElementsByTagName("section");
        for (int i = 0; i < all.getLength(); i++) {
            Element s = (Element) all.item(i);
            if (s.getAttribute("id").equals("s10")) continue;
            for (Element a : arrows(s)) {
                // A frame still in the NIC's ring when a section's last command returned is in flight, not lost.
                assertFalse(a.hasAttribute("data-lost"), s.getAttribute("id") + ": " + title(a));
            }
        }
    }

    @Test
    void duplicateAcksAreCountedInTheLossySection() {
        boolean third = arrows(section("s10")).stream().anyMatch(a -> a.getAttribute("data-dupack").equals("3"));
        assertTrue(third, "a loss in the middle of a window brings three duplicate ACKs");
    }

    @Test
    void theFileReferencesNothingOutsideItself() {
        // The console text may mention http://h2:8000/ (an emulated host); what must not exist is
        // anything a browser would fetch: such elements, src/href attributes, CSS url() or @import.
        for (String tag : new String[] {"link", "script", "img", "iframe", "object", "embed", "image", "use", "base"}) {
            assertEquals(0, doc.getElementsByTagName(tag).getLength(), "the report must be self-contained but has <" + tag + ">");
        }
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            var attrs = all.item(i).getAttributes();
            for (int j = 0; j < attrs.getLength(); j++) {
                Node at = attrs.item(j);
                String name = at.getNodeName().toLowerCase(java.util.Locale.ROOT), value = at.getNodeValue().toLowerCase(java.util.Locale.ROOT);
                assertFalse(name.equals("src") || name.equals("xmlns"), "attribute " + name + "=" + value);
                assertFalse(name.endsWith("href") && !value.startsWith("#"), "a link out of the page: " + name + "=" + value);
                assertFalse(value.contains("http:") || value.contains("https:") || value.contains("url("), "attribute " + name + "=" + value);
            }
        }
        String style = doc.getElementsByTagName("style").item(0).getTextContent().toLowerCase(java.util.Locale.ROOT);
        for (String bad : new String[] {"url(", "@import", "http:", "https:"}) assertFalse(style.contains(bad), "style has " + bad);
        assertFalse(html.contains(" src="), "a src in the page");
    }

    // ------------------------------------------------------------------ reading the page

    static Element section(String id) {
        NodeList all = doc.getElementsByTagName("section");
        for (int i = 0; i < all.getLength(); i++) {
            Element s = (Element) all.item(i);
            if (s.getAttribute("id").equals(id)) return s;
        }
        throw new AssertionError("no section " + id);
    }

    /** The arrows of the first ladder in {@code e}, top to bottom. */
    static List<Element> arrows(Element e) {
        List<Element> out = new ArrayList<>();
        NodeList gs = e.getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if ((" " + g.getAttribute("class") + " ").contains(" arrow ")) out.add(g);
        }
        return out;
    }

    static Element child(Element e, String tag, String cls) {
        NodeList n = e.getElementsByTagName(tag);
        for (int i = 0; i < n.getLength(); i++) {
            Element c = (Element) n.item(i);
            if (c.getAttribute("class").equals(cls)) return c;
        }
        throw new AssertionError("no " + tag + "." + cls + " in " + title(e));
    }

    static String title(Element arrow) {
        Node t = arrow.getElementsByTagName("title").item(0);
        return t == null ? "" : t.getTextContent();
    }

    static String label(Element arrow) {
        return child(arrow, "text", "label").getTextContent();
    }

    static String texts(Element e, String cls) {
        StringBuilder sb = new StringBuilder();
        NodeList n = e.getElementsByTagName("text");
        for (int i = 0; i < n.getLength(); i++) {
            Element t = (Element) n.item(i);
            if (t.getAttribute("class").equals(cls)) sb.append(t.getTextContent()).append(' ');
        }
        assertNotNull(sb);
        return sb.toString();
    }
}
