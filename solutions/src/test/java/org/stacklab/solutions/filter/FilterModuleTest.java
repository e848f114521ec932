package org.stacklab.solutions.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.Netfilter.Hook;
import org.stacklab.kernel.core.Netfilter.Verdict;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.core.Veth;
import org.stacklab.kernel.filter.IptablesControl;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

/** The reference firewall's own details: conntrack expiry on the virtual clock, the MAC field, module exit. */
class FilterModuleTest {
    final EventLoop loop = EventLoop.virtual(3);
    final Kernel k = new Kernel("fw", loop, ModuleSet.reference());
    final NetDevice eth0;

    FilterModuleTest() {
        Kernel peer = new Kernel("peer", loop, ModuleSet.reference());
        eth0 = Veth.pair(k, "eth0", 0x020000000002L, peer, "eth0", 0x020000000001L, Time.us(1))[0];
        eth0.addAddress(org.stacklab.kernel.core.InetIfAddr.of(Ip4.parse("10.0.0.2"), 24, "eth0"));
        k.insmod("filter");
    }

    /** A received UDP datagram 10.0.0.1:sport → 10.0.0.2:dport, data at the IP header after a 14-byte Ethernet header. */
    static SkBuff udpIn(int sport, int dport) {
        byte[] b = new byte[14 + 28];
        for (int i = 0; i < 6; i++) b[i] = (byte) (i == 5 ? 2 : i == 0 ? 2 : 0);
        for (int i = 6; i < 12; i++) b[i] = (byte) (i == 11 ? 1 : i == 6 ? 2 : 0);
        b[12] = 0x08;
        SkBuff s = SkBuff.wrap(b, b.length);
        s.setMacHeader(0);
        s.pull(14);
        s.resetNetworkHeader();
        int nh = 14;
        s.set8(nh, 0x45);
        s.set16(nh + 2, 28);
        s.set8(nh + 8, 64);
        s.set8(nh + 9, 17);
        s.set32(nh + 12, Ip4.parse("10.0.0.1"));
        s.set32(nh + 16, Ip4.parse("10.0.0.2"));
        s.set16(nh + 10, Checksum.compute(b, nh, 20));
        s.set16(nh + 20, sport);
        s.set16(nh + 22, dport);
        s.set16(nh + 24, 8);
        s.set16(nh + 26, Checksum.transport(Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2"), 17, b, nh + 20, 8));
        return s;
    }

    void iptables(String cmd) {
        assertTrue(IptablesControl.run(k, cmd).ok(), cmd);
    }

    @Test
    void udpFlowExpiresAfter30sWithoutReply() {
        iptables("-t nat -A PREROUTING -p udp --dport 53 -j REDIRECT --to-ports 5353");
        SkBuff q = udpIn(4000, 53);
        k.netfilter().hook(Hook.PRE_ROUTING, q, eth0, null);
        assertEquals(5353, q.u16(14 + 22));
        iptables("-t nat -F");
        loop.runFor(Time.seconds(10));
        SkBuff again = udpIn(4000, 53);
        k.netfilter().hook(Hook.PRE_ROUTING, again, eth0, null);
        assertEquals(5353, again.u16(14 + 22), "still the same flow 10 s later");
        loop.runFor(Time.seconds(31));
        SkBuff late = udpIn(4000, 53);
        k.netfilter().hook(Hook.PRE_ROUTING, late, eth0, null);
        assertEquals(53, late.u16(14 + 22), "an unanswered UDP flow is forgotten after 30 s (nf_conntrack_udp_timeout)");
    }

    @Test
    void logLineCarriesTheMacHeaderOnInput() {
        iptables("-A INPUT -j LOG --log-prefix \"X \"");
        assertEquals(Verdict.ACCEPT, k.netfilter().hook(Hook.LOCAL_IN, udpIn(1, 2), eth0, null));
        assertTrue(k.log().contains("X IN=eth0 OUT= MAC=02:00:00:00:00:02:02:00:00:00:00:01:08:00 SRC=10.0.0.1 DST=10.0.0.2 LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=UDP SPT=1 DPT=2 LEN=8"),
                String.join("\n", k.log().lines()));
    }

    @Test
    void rmmodTakesTheHooksAway() {
        iptables("-P INPUT DROP");
        assertEquals(Verdict.DROP, k.netfilter().hook(Hook.LOCAL_IN, udpIn(1, 2), eth0, null));
        k.rmmod("filter");
        assertEquals(Verdict.ACCEPT, k.netfilter().hook(Hook.LOCAL_IN, udpIn(1, 2), eth0, null));
        assertTrue(IptablesControl.run(k, "-L").err().contains("Table does not exist (do you need to insmod?)"));
    }
}
