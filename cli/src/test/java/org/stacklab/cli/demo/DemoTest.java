package org.stacklab.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.hw.pcap.PcapReader;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.ModuleSet;

/** The demo is the course text end to end: every section must show what it promises. */
class DemoTest {
    private static String run(long seed, Path pcap) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int failed = new Demo(out, seed, pcap, ModuleSet.reference()).run();
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, failed, "demo commands failed:\n" + text);
        return text;
    }

    @Test
    void everySectionShowsItsConcept(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("demo.pcap");
        String out = run(42, pcap);
        String[] expected = {
            "Network interfaces", "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500", "inet 10.0.0.1/24 brd 10.0.0.255 scope global eth0",
            "ARP, Request who-has 10.0.0.2 tell 10.0.0.1", "3 packets transmitted, 3 received, 0% packet loss",
            "IP 127.0.0.1 > 127.0.0.1: ICMP echo request", "LISTEN 0", "0.0.0.0:80",
            "Flags [S],", "Flags [S.],", "| ---- SYN ", "| <--- SYN-ACK ", "hello over TCP",
            "ESTAB", "TIME-WAIT", "UDP, length 13", "one datagram",
            "ttl=63", "IO-APIC", "(retransmission)", "every byte still arrived",
            "100% packet loss", "BLOCKED:IN=eth0", "Module                  Size  Used by",
        };
        for (String s : expected) assertTrue(out.contains(s), "demo output lacks '" + s + "':\n" + out);
        assertTrue(out.indexOf("Flags [S],") < out.indexOf("Flags [S.],"), "SYN must come before SYN-ACK");
        // The firewall section's log lines come through a real pipe, as dmesg prints them.
        int grep = out.indexOf("h2$ dmesg | grep BLOCKED\n");
        assertTrue(grep >= 0 && out.startsWith("[", grep + "h2$ dmesg | grep BLOCKED\n".length()), out);

        // The capture opens as a standard pcap and no IPv4 header in it has a bad checksum.
        PcapReader.Capture capture = PcapReader.read(pcap);
        assertEquals(1, capture.linkType(), "LINKTYPE_ETHERNET");
        List<PcapReader.Record> frames = capture.records();
        assertTrue(frames.size() > 100, "pcap has only " + frames.size() + " frames");
        int ipv4 = 0, syn = 0, fin = 0, data = 0, retransmitted = 0;
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (PcapReader.Record r : frames) {
            byte[] f = r.data();
            if (f.length < 34 || (f[12] & 0xff) != 0x08 || f[13] != 0) continue;
            ipv4++;
            int ihl = (f[14] & 0x0f) * 4;
            assertEquals(0, Checksum.compute(f, 14, ihl), "bad IPv4 header checksum in the capture");
            int proto = f[23] & 0xff;
            int totalLen = ((f[16] & 0xff) << 8) | (f[17] & 0xff);
            int t = 14 + ihl, segLen = totalLen - ihl;
            boolean fragment = (((f[20] & 0x3f) << 8) | (f[21] & 0xff)) != 0;
            if ((proto == 6 || proto == 17) && !fragment) {
                int saddr = u32(f, 26), daddr = u32(f, 30);
                assertEquals(0, Checksum.transport(saddr, daddr, proto, f, t, segLen),
                        "bad " + (proto == 6 ? "TCP" : "UDP") + " checksum in the capture");
            }
            if (proto == 6) {
                int flags = f[t + 13] & 0xff;
                if ((flags & 0x02) != 0) syn++;
                if ((flags & 0x01) != 0) fin++;
                int payload = segLen - ((f[t + 12] & 0xf0) >>> 2);
                if (payload > 0) {
                    data++;
                    long key = ((long) u32(f, t) << 32) ^ (u32(f, t + 4) & 0xffffffffL);
                    if (!seen.add(key)) retransmitted++;
                }
            }
        }
        // What tcpdump -r shows a student: handshakes, data, FIN exchanges and a retransmission.
        assertTrue(syn >= 2 && fin >= 2 && data > 0, "syn=" + syn + " fin=" + fin + " data=" + data);
        assertTrue(retransmitted > 0, "the lossy section's retransmission is not in the capture");
        assertTrue(ipv4 > 50);
        assertTrue(Files.size(pcap) > 24);
    }

    private static int u32(byte[] b, int o) {
        return ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    @Test
    void theSameSeedReplaysTheSameRun() {
        assertEquals(run(7, null), run(7, null));
    }
}
