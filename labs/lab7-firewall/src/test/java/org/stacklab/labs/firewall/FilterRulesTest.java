package org.stacklab.labs.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.labs.firewall.Packets.ACK;
import static org.stacklab.labs.firewall.Packets.SYN;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Netfilter.Hook;
import org.stacklab.labs.firewall.FirewallHarness.Fate;
import org.stacklab.labs.firewall.FirewallHarness.Outcome;

/** Allow and block: the filter table on INPUT, FORWARD and OUTPUT. */
class FilterRulesTest {
    final FirewallHarness h = new FirewallHarness();

    @AfterEach
    void noOops() {
        assertTrue(h.kernel.oopses().isEmpty(), "the kernel oopsed" + h.explain());
    }

    Outcome synFromClient(int dport) {
        return h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", dport, SYN, 1000, 0, 0));
    }

    @Test @Points(2)
    @DisplayName("INPUT: a DROP rule for tcp dport 80 drops SYNs to port 80 and only those")
    void inputDropByDestinationPort() {
        h.iptables("-A INPUT -p tcp --dport 80 -j DROP");
        Outcome web = synFromClient(80);
        Outcome ssh = synFromClient(22);
        assertEquals(Fate.DROPPED, web.fate(), "a SYN to port 80 should be dropped" + h.explain());
        assertEquals(Hook.LOCAL_IN, web.at(), "it should be dropped on LOCAL_IN (the INPUT chain)" + h.explain());
        assertEquals(Fate.DELIVERED, ssh.fate(), "a SYN to port 22 matches no rule and should be delivered" + h.explain());
    }

    @Test @Points(2)
    @DisplayName("INPUT: -s with a prefix matches the whole network and nothing outside it")
    void sourcePrefix() {
        h.iptables("-A INPUT -s 10.0.0.0/24 -p udp -j DROP");
        Outcome inside = h.receive(h.eth0, Packets.udp(true, "10.0.0.77", 5000, "10.0.0.2", 53, 20));
        Outcome outside = h.receive(h.eth0, Packets.udp(true, "10.0.1.77", 5000, "10.0.0.2", 53, 20));
        assertEquals(Fate.DROPPED, inside.fate(), "10.0.0.77 is in 10.0.0.0/24" + h.explain());
        assertEquals(Fate.DELIVERED, outside.fate(), "10.0.1.77 is not in 10.0.0.0/24" + h.explain());
    }

    @Test @Points(1)
    @DisplayName("INPUT: -d and the protocol both have to match")
    void destinationAndProtocol() {
        h.iptables("-A INPUT -d 10.0.0.2/32 -p icmp -j DROP");
        assertEquals(Fate.DROPPED, h.receive(h.eth0, Packets.icmpEcho(true, "10.0.0.1", "10.0.0.2", 7, 1)).fate(),
                "ping to 10.0.0.2 should be dropped" + h.explain());
        assertEquals(Fate.DELIVERED, h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 5000, "10.0.0.2", 7, 8)).fate(),
                "udp to 10.0.0.2 is not icmp" + h.explain());
    }

    @Test @Points(2)
    @DisplayName("the first matching rule wins: -I puts an ACCEPT before a DROP")
    void firstMatchWins() {
        h.iptables("-A INPUT -p tcp -j DROP");
        h.iptables("-I INPUT -p tcp --dport 22 -j ACCEPT");
        assertEquals(Fate.DELIVERED, synFromClient(22).fate(), "rule 1 (ACCEPT dpt:22) comes first" + h.explain());
        assertEquals(Fate.DROPPED, synFromClient(80).fate(), "port 80 falls through to rule 2 (DROP)" + h.explain());
    }

    @Test @Points(2)
    @DisplayName("policy DROP: only what a rule accepts gets in")
    void policyDrop() {
        h.iptables("-P INPUT DROP");
        h.iptables("-A INPUT -p icmp -j ACCEPT");
        h.iptables("-A INPUT -p tcp --dport 22 -j ACCEPT");
        assertEquals(Fate.DELIVERED, h.receive(h.eth0, Packets.icmpEcho(true, "10.0.0.1", "10.0.0.2", 1, 1)).fate(), "ping is accepted" + h.explain());
        assertEquals(Fate.DELIVERED, synFromClient(22).fate(), "ssh is accepted" + h.explain());
        assertEquals(Fate.DROPPED, synFromClient(80).fate(), "port 80 gets the DROP policy" + h.explain());
        assertEquals(Fate.DROPPED, h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 9, "10.0.0.2", 53, 4)).fate(),
                "udp gets the DROP policy" + h.explain());
    }

    @Test @Points(2)
    @DisplayName("FORWARD: -i/-o let the LAN out and keep the outside from coming in")
    void forwardByInterface() {
        h.iptables("-P FORWARD DROP");
        h.iptables("-A FORWARD -i eth1 -o eth0 -j ACCEPT");
        Outcome out = h.receive(h.eth1, Packets.tcp(true, "192.168.1.10", 50000, "10.0.0.1", 80, SYN, 1, 0, 0));
        Outcome in = h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "192.168.1.10", 22, SYN, 1, 0, 0));
        assertEquals(Fate.FORWARDED, out.fate(), "LAN → outside matches -i eth1 -o eth0" + h.explain());
        assertEquals(h.eth0, out.out());
        assertEquals(Fate.DROPPED, in.fate(), "outside → LAN gets the FORWARD policy" + h.explain());
        assertEquals(Hook.FORWARD, in.at(), "and is dropped on the FORWARD hook" + h.explain());
    }

    @Test @Points(1)
    @DisplayName("an interface ending in + is a wildcard (eth+)")
    void interfaceWildcard() {
        h.iptables("-A INPUT -i eth+ -p udp -j DROP");
        assertEquals(Fate.DROPPED, h.receive(h.eth1, Packets.udp(true, "192.168.1.10", 9, "192.168.1.1", 53, 4)).fate(), h.explain());
        assertEquals(Fate.DELIVERED, h.receive(h.lo, Packets.udp(true, "127.0.0.1", 9, "127.0.0.1", 53, 4)).fate(), h.explain());
    }

    @Test @Points(2)
    @DisplayName("OUTPUT: blocks what this host sends, matched on -d, --dport and -o")
    void outputChain() {
        h.iptables("-A OUTPUT -o eth0 -p udp -d 8.8.8.8 --dport 53 -j DROP");
        Outcome dns = h.send(Packets.udp(false, "10.0.0.2", 33000, "8.8.8.8", 53, 30));
        Outcome other = h.send(Packets.udp(false, "10.0.0.2", 33000, "8.8.4.4", 53, 30));
        Outcome lan = h.send(Packets.udp(false, "192.168.1.1", 33000, "192.168.1.53", 53, 30));
        assertEquals(Fate.DROPPED, dns.fate(), "udp to 8.8.8.8:53 via eth0 should be dropped" + h.explain());
        assertEquals(Hook.LOCAL_OUT, dns.at(), "on LOCAL_OUT (the OUTPUT chain)" + h.explain());
        assertEquals(Fate.SENT, other.fate(), "8.8.4.4 is not 8.8.8.8" + h.explain());
        assertEquals(Fate.SENT, lan.fate(), "that one leaves by eth1" + h.explain());
    }

    @Test @Points(1)
    @DisplayName("--sport with a range lo:hi")
    void sourcePortRange() {
        h.iptables("-A INPUT -p udp --sport 1000:2000 -j DROP");
        assertEquals(Fate.DROPPED, h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 1000, "10.0.0.2", 53, 4)).fate(), h.explain());
        assertEquals(Fate.DROPPED, h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 2000, "10.0.0.2", 53, 4)).fate(), h.explain());
        assertEquals(Fate.DELIVERED, h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 2001, "10.0.0.2", 53, 4)).fate(), h.explain());
    }

    @Test @Points(1)
    @DisplayName("-D removes the rule and its effect")
    void deleteRule() {
        h.iptables("-A INPUT -p tcp --dport 80 -j DROP");
        assertEquals(Fate.DROPPED, synFromClient(80).fate(), h.explain());
        h.iptables("-D INPUT -p tcp --dport 80 -j DROP");
        assertEquals(Fate.DELIVERED, synFromClient(80).fate(), "the rule was deleted" + h.explain());
    }

    @Test @Points(1)
    @DisplayName("malformed packets never crash the filter: a cut IP header gets the policy")
    void malformedIpHeader() {
        h.iptables("-P INPUT DROP");
        h.iptables("-A INPUT -p tcp --dport 80 -j ACCEPT");
        Outcome o = h.receive(h.eth0, Packets.truncated(Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 80, SYN, 1, 0, 0), 12));
        assertEquals(Fate.DROPPED, o.fate(), "a 12-byte 'IPv4 header' matches no rule; the policy drops it" + h.explain());
        // A TCP header cut short: there are no ports, so the port rule cannot match either.
        var skb = Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 80, ACK, 1, 1, 0);
        int nh = skb.networkHeader();
        skb.set16(nh + 2, 28);   // total length: IP header + 8 bytes of TCP
        skb.trim(28);
        assertEquals(Fate.DROPPED, h.receive(h.eth0, skb).fate(), "a truncated TCP header has no dport 80" + h.explain());
    }
}
