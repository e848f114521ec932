package org.stacklab.labs.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.labs.firewall.Packets.SYN;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.kernel.filter.Chain;
import org.stacklab.kernel.filter.Rule;
import org.stacklab.kernel.filter.RuleChain;
import org.stacklab.kernel.filter.Table;

/** Packet and byte counters, per rule and per chain policy, as {@code iptables -L -v} shows them. */
class CountersTest {
    final FirewallHarness h = new FirewallHarness();

    void syns(int n, int dport) {
        for (int i = 0; i < n; i++) h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000 + i, "10.0.0.2", dport, SYN, 1000, 0, 0));
    }

    @Test @Points(2)
    @DisplayName("a rule counts the packets it matched and their IP length in bytes")
    void ruleCounters() {
        h.iptables("-A INPUT -p tcp --dport 80 -j DROP");
        syns(3, 80);
        syns(2, 22);
        Rule r = h.kernel.symbol(org.stacklab.kernel.filter.PacketFilter.class).rules().chain(Table.FILTER, Chain.INPUT).rules().get(0);
        assertEquals(3, r.packets(), "three SYNs to port 80 matched" + h.explain());
        assertEquals(3 * 40, r.bytes(), "each is 40 bytes of IP (20 IP + 20 TCP)" + h.explain());
    }

    @Test @Points(2)
    @DisplayName("the policy counts what no terminal rule took; iptables -L -n -v shows both, in Linux's layout")
    void policyCountersAndListing() {
        h.iptables("-A INPUT -p tcp --dport 80 -j DROP");
        syns(3, 80);
        syns(2, 22);
        h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 5000, "10.0.0.2", 53, 12));
        RuleChain input = h.kernel.symbol(org.stacklab.kernel.filter.PacketFilter.class).rules().chain(Table.FILTER, Chain.INPUT);
        assertEquals(3, input.policyPackets(), "2 SYNs to 22 and 1 udp reached the policy" + h.explain());
        assertEquals(2 * 40 + 40, input.policyBytes(), h.explain());
        String listing = h.iptables("-L INPUT -n -v");
        assertEquals("Chain INPUT (policy ACCEPT 3 packets, 120 bytes)\n"
                + " pkts bytes target     prot opt in     out     source               destination         \n"
                + "    3   120 DROP       tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:80\n",
                listing, h.explain());
    }

    @Test @Points(1)
    @DisplayName("LOG counts and goes on: the next rule still sees the packet")
    void logIsNotTerminal() {
        h.iptables("-A INPUT -p udp -j LOG");
        h.iptables("-A INPUT -p udp -j DROP");
        h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 5000, "10.0.0.2", 53, 12));
        var rules = h.kernel.symbol(org.stacklab.kernel.filter.PacketFilter.class).rules().chain(Table.FILTER, Chain.INPUT).rules();
        assertEquals(1, rules.get(0).packets(), "LOG matched" + h.explain());
        assertEquals(1, rules.get(1).packets(), "then DROP matched the same packet" + h.explain());
    }

    @Test @Points(1)
    @DisplayName("FORWARD and OUTPUT have their own counters; -Z zeroes them")
    void otherChainsAndZero() {
        h.iptables("-A FORWARD -o eth1 -j ACCEPT");
        h.iptables("-A OUTPUT -p udp -j ACCEPT");
        h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 5000, "192.168.1.10", 53, 12));
        h.send(Packets.udp(false, "10.0.0.2", 5000, "10.0.0.1", 53, 12));
        h.send(Packets.tcp(false, "10.0.0.2", 22, "10.0.0.1", 40000, SYN, 1, 0, 0));
        String l = h.iptables("-L -n -v");
        assertTrue(l.contains("Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)\n"), l + h.explain());
        assertTrue(l.contains("    1    40 ACCEPT     all  --  *      eth1    0.0.0.0/0            0.0.0.0/0"), l + h.explain());
        assertTrue(l.contains("Chain OUTPUT (policy ACCEPT 1 packets, 40 bytes)\n"), l + h.explain());
        assertTrue(l.contains("    1    40 ACCEPT     udp  --  *      *       0.0.0.0/0            0.0.0.0/0"), l + h.explain());
        h.iptables("-Z");
        assertTrue(h.iptables("-L -n -v").contains("Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)"), h.explain());
    }
}
