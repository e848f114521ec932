package org.stacklab.labs.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.labs.firewall.Packets.ACK;
import static org.stacklab.labs.firewall.Packets.RST;
import static org.stacklab.labs.firewall.Packets.SYN;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.stacklab.grader.Points;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.labs.firewall.FirewallHarness.Fate;

/** Block, politely: REJECT drops the packet and tells the sender why. */
class RejectTargetTest {
    final FirewallHarness h = new FirewallHarness();

    private static int u16(byte[] b, int off) { return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff); }

    private static long u32(byte[] b, int off) { return ((long) u16(b, off) << 16) | u16(b, off + 2); }

    @Test @Points(2)
    @DisplayName("REJECT of UDP asks IP for ICMP port unreachable about the rejected datagram")
    void udpPortUnreachable() {
        h.iptables("-A INPUT -p udp --dport 161 -j REJECT");
        var o = h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 5000, "10.0.0.2", 161, 12));
        assertEquals(Fate.DROPPED, o.fate(), "REJECT drops the datagram" + h.explain());
        assertEquals(1, h.ip.unreachables.size(), "one ICMP destination unreachable requested" + h.explain());
        var u = h.ip.unreachables.get(0);
        assertEquals(3, u.code(), "code 3 = port unreachable (RFC 792)");
        byte[] d = u.datagram();
        assertEquals(0x45, d[0] & 0xff, "the skb handed to sendDestUnreachable starts at the IP header");
        assertEquals(Ip4.parse("10.0.0.1"), (int) u32(d, 12), "it is the rejected datagram (source 10.0.0.1)");
        assertEquals(161, u16(d, 22), "with its UDP header (dport 161)");
        assertTrue(h.ip.outputs.isEmpty(), "no TCP reset for UDP" + h.explain());
    }

    @Test @Points(2)
    @DisplayName("REJECT --reject-with tcp-reset answers a SYN with RST|ACK, seq 0, ack = ISN+1 (RFC 9293 §3.10.7.1)")
    void tcpResetForSyn() {
        h.iptables("-A INPUT -p tcp --dport 23 -j REJECT --reject-with tcp-reset");
        var o = h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 23, SYN, 5000, 0, 0));
        assertEquals(Fate.DROPPED, o.fate(), h.explain());
        assertEquals(1, h.ip.outputs.size(), "one segment handed to IpStack.output" + h.explain());
        var rst = h.ip.outputs.get(0);
        byte[] t = rst.segment();
        assertEquals(6, rst.protocol());
        assertEquals(Ip4.parse("10.0.0.2"), rst.saddr(), "from the address the SYN was sent to");
        assertEquals(Ip4.parse("10.0.0.1"), rst.daddr(), "to the sender");
        assertEquals(20, t.length, "a 20-byte TCP header, no data");
        assertEquals(23, u16(t, 0), "source port = the SYN's destination port");
        assertEquals(40000, u16(t, 2), "destination port = the SYN's source port");
        assertEquals(0, u32(t, 4), "seq 0: the SYN carried no ACK");
        assertEquals(5001, u32(t, 8), "ack = SYN's seq + 1 (the SYN occupies one sequence number)");
        assertEquals(RST | ACK, t[13] & 0xff, "flags RST|ACK");
        assertEquals(5, (t[12] & 0xff) >>> 4, "data offset 5 words");
        assertEquals(0, Checksum.transport(rst.saddr(), rst.daddr(), 6, t, 0, 20), "the TCP checksum must verify");
    }

    @Test @Points(1)
    @DisplayName("tcp-reset for a segment with ACK takes its seq from that ACK; never a RST for a RST")
    void tcpResetForAckAndNotForRst() {
        h.iptables("-A INPUT -p tcp --dport 23 -j REJECT --reject-with tcp-reset");
        h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 23, ACK, 7000, 900_000, 10));
        assertEquals(1, h.ip.outputs.size(), h.explain());
        byte[] t = h.ip.outputs.get(0).segment();
        assertEquals(900_000, u32(t, 4), "seq = the segment's ACK number");
        assertEquals(RST, t[13] & 0xff, "flags RST only");
        h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 23, RST, 7000, 0, 0));
        assertEquals(1, h.ip.outputs.size(), "a RST is never answered with a RST" + h.explain());
    }

    @Test @Points(1)
    @DisplayName("REJECT of TCP without --reject-with sends ICMP port unreachable, as Linux does")
    void tcpDefaultIsIcmp() {
        h.iptables("-A INPUT -p tcp -j REJECT");
        h.receive(h.eth0, Packets.tcp(true, "10.0.0.1", 40000, "10.0.0.2", 80, SYN, 1, 0, 0));
        assertEquals(1, h.ip.unreachables.size(), h.explain());
        assertEquals(3, h.ip.unreachables.get(0).code());
        assertTrue(h.ip.outputs.isEmpty(), "no RST unless --reject-with tcp-reset" + h.explain());
    }

    @Test @Points(1)
    @DisplayName("REJECT on OUTPUT and FORWARD also answers, and counts")
    void rejectOnOtherChains() {
        h.iptables("-A FORWARD -p udp -j REJECT --reject-with icmp-host-unreachable");
        var o = h.receive(h.eth0, Packets.udp(true, "10.0.0.1", 5000, "192.168.1.10", 53, 4));
        assertEquals(Fate.DROPPED, o.fate(), h.explain());
        assertEquals(1, h.ip.unreachables.size(), h.explain());
        assertEquals(1, h.ip.unreachables.get(0).code(), "code 1 = host unreachable");
        assertTrue(h.iptables("-L FORWARD -n -v").contains("    1    32 REJECT     udp"), h.iptables("-L FORWARD -n -v") + h.explain());
    }
}
