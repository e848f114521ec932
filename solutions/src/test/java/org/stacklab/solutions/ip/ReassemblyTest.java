package org.stacklab.solutions.ip;

import org.stacklab.kernel.ip.scaffold.IpMib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.solutions.ip.IpNet.ip;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.sim.Time;

/** Reassembly of fragments sent to h2: in order, out of order, duplicates, overlaps, bad fragments, timeout, memory. */
class ReassemblyTest {
    private IpNet net;
    private Kernel h2;
    private NetDevice eth0;
    /** The ICMP echo request (8 + 2392 bytes) the fragments carry. */
    private final byte[] echo = IpNet.icmpEcho(77, 5, 2392);

    @BeforeEach
    void setUp() {
        net = IpNet.twoHosts();
        h2 = net.k("h2");
        eth0 = h2.device("eth0");
    }

    @AfterEach
    void noOopses() { net.assertNoOopses(); }

    /** Fragment of {@link #echo} covering [off, off+len), MF as given, id 0x4242. */
    private byte[] frag(int off, int len, boolean mf) {
        byte[] f = new byte[14 + 20 + len];
        MacAddr.write(IpNet.mac(2), f, 0);
        MacAddr.write(IpNet.mac(1), f, 6);
        f[12] = 0x08;
        Ipv4Header.of(0, 20 + len, 0x4242, mf ? Ipv4Header.MF : 0, 64, 1, ip("10.0.0.1"), ip("10.0.0.2"))
                .withFragment(mf ? Ipv4Header.MF : 0, off).writeTo(f, 14);
        System.arraycopy(echo, off, f, 34, len);
        return f;
    }

    private List<PacketTrace.Entry> replies() { return IpNet.ipFrames(h2, true, 1); }

    /** The reply's ICMP part reassembled from h2's outgoing fragments (h2 fragments it too: 2428 > 1500). */
    private void assertOneEchoReplyWithTheData() {
        net.loop.runFor(Time.ms(10));
        List<PacketTrace.Entry> out = replies();
        assertEquals(2, out.size(), "the 2400-byte reply leaves in two fragments" + net.dump());
        int total = 0;
        for (PacketTrace.Entry e : out) total += e.frame().length - 34;
        assertEquals(echo.length, total);
        byte[] first = out.get(0).frame();
        assertEquals(0, first[34], "echo reply");
        for (int i = 8; i < first.length - 34; i++) assertEquals(echo[i], first[34 + i], "data byte " + i);
        assertEquals(1L, IpNet.ip(h2).counters().get("ReasmOKs"));
        assertEquals(0L, (long) IpNet.stack(h2).reassembly().pending());
        assertEquals(0L, IpNet.stack(h2).reassembly().memory(), "no memory held after completion");
    }

    @Test
    void inOrder() {
        net.inject(eth0, frag(0, 1000, true));
        net.inject(eth0, frag(1000, 1000, true));
        assertTrue(replies().isEmpty(), "nothing before the datagram is complete");
        net.inject(eth0, frag(2000, 400, false));
        assertOneEchoReplyWithTheData();
        assertEquals(3L, IpNet.ip(h2).counters().get("ReasmReqds"));
    }

    @Test
    void outOfOrder() {
        net.inject(eth0, frag(2000, 400, false));
        net.inject(eth0, frag(0, 1000, true));
        net.inject(eth0, frag(1000, 1000, true));
        assertOneEchoReplyWithTheData();
    }

    @Test
    void exactDuplicateIsIgnored() {
        net.inject(eth0, frag(1000, 1000, true));
        net.inject(eth0, frag(1000, 1000, true));
        net.inject(eth0, frag(0, 1000, true));
        net.inject(eth0, frag(2000, 400, false));
        assertOneEchoReplyWithTheData();
    }

    @Test
    void overlappingFragmentDiscardsTheDatagram() {
        net.inject(eth0, frag(0, 1000, true));
        net.inject(eth0, frag(992, 1008, true)); // starts inside the first piece
        net.inject(eth0, frag(2000, 400, false));
        net.loop.runFor(Time.ms(10));
        assertTrue(replies().isEmpty(), net.dump());
        assertEquals(1L, h2.drops(IpMib.FRAG_OVERLAP));
        assertEquals(1L, IpNet.ip(h2).counters().get("ReasmOverlaps"));
        assertEquals(0L, IpNet.ip(h2).counters().get("ReasmOKs"));
    }

    @Test
    void nonFinalFragmentNotAMultipleOfEightIsBad() {
        net.inject(eth0, frag(0, 1001, true));
        assertEquals(1L, h2.drops(IpMib.FRAG_BAD));
        assertEquals(0, IpNet.stack(h2).reassembly().pending());
    }

    @Test
    void fragmentEndingPast65535IsBad() {
        byte[] f = frag(0, 1000, false);
        Ipv4Header.parse(f, 14).withFragment(0, 65000).writeTo(f, 14);
        net.inject(eth0, f);
        assertEquals(1L, h2.drops(IpMib.FRAG_BAD), "the ping of death");
    }

    @Test
    void incompleteDatagramTimesOutAfter30sWithTimeExceeded() {
        net.inject(eth0, frag(0, 1000, true));
        net.inject(eth0, frag(2000, 400, false));
        net.loop.runFor(Time.s(29));
        assertEquals(1, IpNet.stack(h2).reassembly().pending());
        net.loop.runFor(Time.s(2));
        assertEquals(0, IpNet.stack(h2).reassembly().pending());
        assertEquals(1L, h2.drops(IpMib.FRAG_TIMEOUT), net.dump());
        assertEquals(1L, IpNet.ip(h2).counters().get("ReasmTimeout"));
        List<PacketTrace.Entry> out = replies();
        assertEquals(1, out.size(), "ICMP time exceeded to the sender" + net.dump());
        assertEquals(11, out.get(0).frame()[34]);
        assertEquals(1, out.get(0).frame()[35], "code 1: fragment reassembly time exceeded");
    }

    @Test
    void timeoutWithoutTheFirstFragmentSendsNothing() {
        net.inject(eth0, frag(1000, 1000, true));
        net.loop.runFor(Time.s(31));
        assertEquals(1L, h2.drops(IpMib.FRAG_TIMEOUT));
        assertTrue(replies().isEmpty(), "RFC 792: no error without fragment zero");
    }

    @Test
    void memoryIsBounded() {
        h2.sysctl().set("net.ipv4.ipfrag_high_thresh", 1500);
        net.inject(eth0, frag(0, 1000, true));
        byte[] other = frag(0, 1000, true);
        other[14 + 5] = 0x43; // another datagram id
        Ipv4Header.updateChecksum(other, 14);
        net.inject(eth0, other);
        assertEquals(1L, h2.drops(IpMib.FRAG_NOMEM), net.dump());
        assertEquals(1, IpNet.stack(h2).reassembly().pending());
        assertEquals(1000L, IpNet.stack(h2).reassembly().memory());
    }
}
