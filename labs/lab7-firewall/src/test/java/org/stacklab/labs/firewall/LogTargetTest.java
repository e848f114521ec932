package org.stacklab.labs.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.labs.firewall.Packets.SYN;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.labs.firewall.FirewallHarness.Fate;

/** Log: the LOG target's kernel log lines, in the layout of Linux's nf_log. */
class LogTargetTest {
    final FirewallHarness h = new FirewallHarness();

    private String onlyLine(String prefix) {
        List<String> lines = h.logLines(prefix);
        assertEquals(1, lines.size(), "expected one log line with prefix '" + prefix + "'" + h.explain());
        return lines.get(0);
    }

    private static void assertFields(String regex, String line) {
        assertTrue(Pattern.compile(regex).matcher(line).find(), "the log line\n    " + line + "\n  should match\n    " + regex);
    }

    @Test @Points(2)
    @DisplayName("LOG of a TCP SYN: prefix, IN=/OUT=, addresses, length, TTL, ports and the SYN flag")
    void tcpSyn() {
        h.iptables("-A INPUT -p tcp --dport 80 -j LOG --log-prefix \"WEB: \"");
        var o = h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 80, SYN, 1000, 0, 0));
        assertEquals(Fate.DELIVERED, o.fate(), "LOG does not drop" + h.explain());
        String line = onlyLine("WEB: ");
        assertFields("WEB: IN=eth0 OUT= .*SRC=10\\.0\\.0\\.1 DST=10\\.0\\.0\\.2 LEN=40 .*TTL=64 .*PROTO=TCP SPT=40000 DPT=80 .*SYN", line);
        assertTrue(!line.contains(" ACK "), "a bare SYN has no ACK flag: " + line);
    }

    @Test @Points(1)
    @DisplayName("LOG of UDP shows SPT, DPT and the UDP length")
    void udp() {
        h.iptables("-A INPUT -p udp -j LOG --log-prefix \"U \"");
        h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 5000, "10.0.0.2", 53, 12));
        assertFields("U IN=eth0 OUT= .*SRC=10\\.0\\.0\\.1 DST=10\\.0\\.0\\.2 LEN=40 .*PROTO=UDP SPT=5000 DPT=53 LEN=20", onlyLine("U IN="));
    }

    @Test @Points(1)
    @DisplayName("LOG of ICMP echo shows TYPE and CODE")
    void icmp() {
        h.iptables("-A INPUT -p icmp -j LOG --log-prefix \"PING \"");
        h.receive(h.eth0, Packets.icmpEcho(true, "10.0.0.1", "10.0.0.2", 9, 3));
        assertFields("PING IN=eth0 OUT= .*SRC=10\\.0\\.0\\.1 DST=10\\.0\\.0\\.2 LEN=84 .*PROTO=ICMP TYPE=8 CODE=0", onlyLine("PING "));
    }

    @Test @Points(1)
    @DisplayName("LOG on FORWARD names both interfaces, on OUTPUT only OUT=")
    void forwardAndOutput() {
        h.iptables("-A FORWARD -j LOG --log-prefix \"FWD \"");
        h.iptables("-A OUTPUT -p udp -j LOG --log-prefix \"OUT \"");
        h.receive(h.eth1, Packets.udp(true, "192.168.1.10", 5000, "10.0.0.1", 53, 12));
        h.send(Packets.udp(false, "10.0.0.2", 5001, "10.0.0.1", 53, 12));
        assertFields("FWD IN=eth1 OUT=eth0 .*SRC=192\\.168\\.1\\.10 DST=10\\.0\\.0\\.1", onlyLine("FWD "));
        assertFields("OUT IN= OUT=eth0 .*SRC=10\\.0\\.0\\.2 DST=10\\.0\\.0\\.1 .*PROTO=UDP SPT=5001 DPT=53", onlyLine("OUT "));
    }
}
