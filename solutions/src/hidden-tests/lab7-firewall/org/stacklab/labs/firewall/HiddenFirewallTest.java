package org.stacklab.labs.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.labs.firewall.Packets.ACK;
import static org.stacklab.labs.firewall.Packets.SYN;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.grader.Visibility;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Netfilter.Hook;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.labs.firewall.FirewallHarness.Fate;
import org.stacklab.sim.SeededRandom;
import org.stacklab.sim.EventLoop;

/** Staff-only checks of lab 7 (never in a student release): odd input and rule combinations. */
class HiddenFirewallTest {
    final FirewallHarness h = new FirewallHarness(1234);

    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: 300 malformed and random packets on every hook never throw or oops")
    void fuzzNeverThrows() {
        h.iptables("-A INPUT -p tcp --dport 80 -j LOG");
        h.iptables("-A INPUT -p udp --sport 1:1000 -j REJECT");
        h.iptables("-A FORWARD -p tcp -j REJECT --reject-with tcp-reset");
        h.iptables("-A OUTPUT -p icmp -j LOG");
        h.iptables("-t nat -A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 8080");
        h.iptables("-t nat -A OUTPUT -p udp -j REDIRECT --to-ports 5353");
        SeededRandom r = EventLoop.virtual(99).random().fork("fuzz");
        Hook[] hooks = Hook.values();
        for (int i = 0; i < 300; i++) {
            SkBuff skb = switch (i % 3) {
                case 0 -> Packets.tcp(true, "10.0.0.1", 40000 + i, "10.0.0.2", 80, SYN, i, 0, r.nextInt(40));
                case 1 -> Packets.udp(true, "10.0.0.1", r.nextInt(2000), "192.168.1.10", 53, r.nextInt(40));
                default -> Packets.icmpEcho(true, "10.0.0.1", "10.0.0.2", i, i);
            };
            int nh = skb.networkHeader();
            int len = skb.tail() - nh;
            for (int k = 0; k < 4; k++) skb.set8(nh + r.nextInt(len), r.nextInt(256));   // corrupt bytes
            skb.trim(r.nextInt(len + 1));                                                 // and cut it anywhere
            Hook hook = hooks[r.nextInt(hooks.length)];
            var in = hook == Hook.LOCAL_OUT || hook == Hook.POST_ROUTING ? null : h.eth0;
            var out = hook == Hook.PRE_ROUTING || hook == Hook.LOCAL_IN ? null : h.eth1;
            h.kernel.netfilter().hook(hook, skb, in, out);
        }
        assertTrue(h.kernel.oopses().isEmpty(), "oopses: " + h.kernel.oopses() + h.explain());
        // And the firewall still works after all that.
        var o = h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 999, "10.0.0.2", 7, 4));
        assertEquals(Fate.DROPPED, o.fate(), "udp sport 999 is REJECTed" + h.explain());
        assertEquals(1, h.ip.unreachables.stream().filter(u -> u.datagram().length == 32).count(), h.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: a later fragment has no ports, so a port rule does not match it; the first fragment does")
    void fragments() {
        h.iptables("-A INPUT -p udp --dport 53 -j DROP");
        SkBuff first = Packets.udp(true, "10.0.0.1", 5000, "10.0.0.2", 53, 40);
        first.set16(first.networkHeader() + 6, 0x2000);   // MF, offset 0
        assertEquals(Fate.DROPPED, h.receive(h.eth0, first).fate(), h.explain());
        SkBuff later = Packets.udp(true, "10.0.0.1", 5000, "10.0.0.2", 53, 40);
        later.set16(later.networkHeader() + 6, 0x0005);   // offset 40 bytes: its first bytes are data, not ports
        assertEquals(Fate.DELIVERED, h.receive(h.eth0, later).fate(), h.explain());
    }

    @Test @Points(value = 2, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: LOG then REJECT on FORWARD: both count, one line, one ICMP error, the LAN host never sees it")
    void logThenRejectOnForward() {
        h.iptables("-A FORWARD -i eth0 -o eth1 -p tcp --dport 23 -j LOG --log-prefix \"TELNET \"");
        h.iptables("-A FORWARD -i eth0 -o eth1 -p tcp --dport 23 -j REJECT");
        var o = h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "192.168.1.10", 23, SYN, 1, 0, 0));
        assertEquals(Fate.DROPPED, o.fate(), h.explain());
        assertEquals(1, h.logLines("TELNET IN=eth0 OUT=eth1").size(), h.explain());
        assertEquals(1, h.ip.unreachables.size(), h.explain());
        String l = h.iptables("-L FORWARD -n -v");
        assertTrue(l.contains("    1    40 LOG        tcp  --  eth0   eth1") && l.contains("    1    40 REJECT     tcp  --  eth0   eth1"), l + h.explain());
        assertTrue(l.startsWith("Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)"), l);
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: REDIRECT without --to-ports keeps the port and changes only the address")
    void redirectWithoutPort() {
        h.iptables("-t nat -A PREROUTING -i eth1 -p tcp -j REDIRECT");
        var o = h.receive(h.eth1, Packets.tcp(true, "192.168.1.10", 50000, "10.0.0.1", 443, SYN, 1, 0, 0));
        assertEquals(Fate.DELIVERED, o.fate(), h.explain());
        assertEquals(443, Packets.dport(o.skb()));
        assertEquals(Ip4.parse("192.168.1.1"), Packets.daddr(o.skb()));
        assertTrue(Packets.ipChecksumOk(o.skb()) && Packets.transportChecksumOk(o.skb()), h.explain());
        var reply = h.send(Packets.tcp(false, "192.168.1.1", 443, "192.168.1.10", 50000, SYN | ACK, 9, 2, 0));
        assertEquals(Ip4.parse("10.0.0.1"), Packets.saddr(reply.skb()), "the reply must come from the address the client asked for" + h.explain());
        assertTrue(Packets.ipChecksumOk(reply.skb()) && Packets.transportChecksumOk(reply.skb()), h.explain());
    }

    @Test @Points(value = 1, visibility = Visibility.HIDDEN)
    @DisplayName("hidden: a packet that was corrupted on the wire stays detectably corrupt after a REDIRECT")
    void corruptionSurvivesRewrite() {
        h.iptables("-t nat -A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 8080");
        SkBuff skb = Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 80, ACK, 1, 1, 20);
        int payload = Packets.th(skb) + 20;
        skb.set8(payload + 3, skb.u8(payload + 3) ^ 0x10);   // a bit flipped in transit
        var o = h.receive(h.eth0, skb);
        assertEquals(8080, Packets.dport(o.skb()), h.explain());
        assertTrue(!Packets.transportChecksumOk(o.skb()),
                "update the checksum (RFC 1624) instead of recomputing it, or a corrupted segment gets a valid checksum" + h.explain());
    }
}
