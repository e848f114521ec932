package org.stacklab.labs.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.labs.firewall.Packets.ACK;
import static org.stacklab.labs.firewall.Packets.SYN;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.labs.firewall.FirewallHarness.Fate;
import org.stacklab.labs.firewall.FirewallHarness.Outcome;

/** Redirect: the nat table's REDIRECT sends port 80 to a local server on 8080, and the replies back. */
class RedirectTest {
    final FirewallHarness h = new FirewallHarness();

    private void redirect80to8080() {
        h.iptables("-t nat -A PREROUTING -i eth0 -p tcp --dport 80 -j REDIRECT --to-ports 8080");
    }

    private void assertChecksums(SkBuff skb) {
        assertTrue(Packets.ipChecksumOk(skb), "the IPv4 header checksum must be fixed after a rewrite: " + Packets.describe(skb) + h.explain());
        assertTrue(Packets.transportChecksumOk(skb), "the TCP/UDP checksum must be fixed after a rewrite: " + Packets.describe(skb) + h.explain());
    }

    @Test @Points(2)
    @DisplayName("PREROUTING REDIRECT: a SYN to :80 is delivered to :8080 with valid checksums")
    void rewritesDestinationPort() {
        redirect80to8080();
        Outcome o = h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 80, SYN, 1000, 0, 0));
        assertEquals(Fate.DELIVERED, o.fate(), h.explain());
        assertEquals(8080, Packets.dport(o.skb()), "destination port rewritten to --to-ports" + h.explain());
        assertEquals(Ip4.parse("10.0.0.2"), Packets.daddr(o.skb()), h.explain());
        assertEquals(40000, Packets.sport(o.skb()), "the source port is left alone");
        assertChecksums(o.skb());
    }

    @Test @Points(1)
    @DisplayName("REDIRECT sends to the incoming interface's address, so a packet for elsewhere is kept local")
    void redirectsToIncomingInterfaceAddress() {
        h.iptables("-t nat -A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 3128");
        Outcome o = h.receive(h.eth1, Packets.tcp(true, "192.168.1.10", 50000, "10.0.0.1", 80, SYN, 1, 0, 0));
        assertEquals(Fate.DELIVERED, o.fate(), "a transparent proxy: the LAN's web traffic is delivered here" + h.explain());
        assertEquals(Ip4.parse("192.168.1.1"), Packets.daddr(o.skb()), "eth1's primary address" + h.explain());
        assertEquals(3128, Packets.dport(o.skb()));
        assertChecksums(o.skb());
    }

    @Test @Points(3)
    @DisplayName("replies of a redirected flow leave from port 80 again (connection tracking)")
    void repliesAreRewrittenBack() {
        redirect80to8080();
        h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 80, SYN, 1000, 0, 0));
        Outcome reply = h.send(Packets.tcp(false, "10.0.0.2", 8080, "10.0.0.1", 40000, SYN | ACK, 7000, 1001, 0));
        assertEquals(Fate.SENT, reply.fate(), h.explain());
        assertEquals(80, Packets.sport(reply.skb()), "the client talked to port 80, so the SYN-ACK must come from 80" + h.explain());
        assertEquals(Ip4.parse("10.0.0.2"), Packets.saddr(reply.skb()));
        assertEquals(40000, Packets.dport(reply.skb()));
        assertChecksums(reply.skb());
        // Another client's traffic from 8080 is not part of the flow and is left alone.
        Outcome other = h.send(Packets.tcp(false, "10.0.0.2", 8080, "10.0.0.9", 40000, ACK, 1, 1, 0));
        assertEquals(8080, Packets.sport(other.skb()), "only replies of the redirected flow are rewritten" + h.explain());
    }

    @Test @Points(1)
    @DisplayName("later packets of the flow stay redirected even after the rule is flushed")
    void laterPacketsFollowTheFlow() {
        redirect80to8080();
        h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 80, SYN, 1000, 0, 0));
        h.iptables("-t nat -F");
        Outcome ack = h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 80, ACK, 1001, 7001, 100));
        assertEquals(8080, Packets.dport(ack.skb()), "the flow was redirected at its first packet" + h.explain());
        assertChecksums(ack.skb());
        Outcome fresh = h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40001, "10.0.0.2", 80, SYN, 1, 0, 0));
        assertEquals(80, Packets.dport(fresh.skb()), "a new flow after the flush is not redirected" + h.explain());
    }

    @Test @Points(1)
    @DisplayName("UDP is redirected too (a DNS server on 5353), replies from port 53")
    void udpRedirect() {
        h.iptables("-t nat -A PREROUTING -p udp --dport 53 -j REDIRECT --to-ports 5353");
        Outcome q = h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 33000, "10.0.0.2", 53, 30));
        assertEquals(5353, Packets.dport(q.skb()), h.explain());
        assertChecksums(q.skb());
        Outcome a = h.send(Packets.udp(false, "10.0.0.2", 5353, "10.0.0.1", 33000, 60));
        assertEquals(53, Packets.sport(a.skb()), h.explain());
        assertChecksums(a.skb());
    }

    @Test @Points(1)
    @DisplayName("OUTPUT REDIRECT sends this host's own connections to 127.0.0.1:PORT")
    void outputRedirectGoesToLoopback() {
        h.iptables("-t nat -A OUTPUT -p tcp -d 10.0.0.1 --dport 80 -j REDIRECT --to-ports 8080");
        Outcome o = h.send(Packets.tcp(false, "10.0.0.2", 45000, "10.0.0.1", 80, SYN, 1, 0, 0));
        assertEquals(Fate.SENT, o.fate(), h.explain());
        assertEquals(Ip4.LOOPBACK, Packets.daddr(o.skb()), "locally generated packets go to 127.0.0.1" + h.explain());
        assertEquals(8080, Packets.dport(o.skb()));
        assertEquals(h.lo, o.out(), "and are routed again, over lo" + h.explain());
        assertChecksums(o.skb());
    }

    @Test @Points(1)
    @DisplayName("the nat chain counts the flows it redirected; iptables -t nat -L -n -v shows the rule")
    void natCounters() {
        redirect80to8080();
        h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 80, SYN, 1000, 0, 0));
        h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 80, ACK, 1001, 7001, 0));
        String l = h.iptables("-t nat -L PREROUTING -n -v");
        assertTrue(l.contains("    1    40 REDIRECT   tcp  --  eth0   *       0.0.0.0/0            0.0.0.0/0            tcp dpt:80 redir ports 8080"),
                "only the first packet of the flow traverses the nat chain:\n" + l + h.explain());
    }
}
