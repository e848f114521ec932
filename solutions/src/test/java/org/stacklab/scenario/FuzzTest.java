package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stacklab.hw.link.LinkEnd;
import org.stacklab.hw.link.Port;
import org.stacklab.hw.nic.E1000;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.TcpdumpFormat;
import org.stacklab.sim.Time;

/**
 * 10^5 random and mutated frames (seeded) into a host's NIC: nothing escapes the kernel, every
 * frame that reaches the kernel is delivered to a protocol or dropped under a named reason, and
 * the host still answers ping afterwards.
 */
class FuzzTest {
    static final long SEED = 20261125;
    static final int FRAMES = 100_000;

    /** The far end of h2's second cable: sends what the fuzzer makes, counts what h2 answers. */
    static final class FuzzPort implements Port {
        LinkEnd link;
        long answered;

        @Override public String name() { return "fuzzer"; }
        @Override public void plugged(LinkEnd l) { link = l; }
        @Override public void unplugged() { link = null; }
        @Override public void receive(byte[] frame) { answered++; }
    }

    /** What a frame can leave behind: a drop under a reason, or a delivery to a protocol. */
    static long accounted(Kernel k, Host h) {
        Map<String, Long> ip = h.ip().counters();
        return k.totalDrops() + ip.getOrDefault("InDelivers", 0L) + ip.getOrDefault("ArpInRequests", 0L)
                + ip.getOrDefault("ArpInReplies", 0L) + ip.getOrDefault("ReasmReqds", 0L)
                + ip.getOrDefault("ForwDatagrams", 0L);
    }

    @Test
    void randomAndMutatedFramesAreCountedAndTheHostStillAnswersPing() {
        Topology t = Topology.twoHostsOnSwitch(SEED);
        Host h2 = t.host("h2");
        FuzzPort fuzz = new FuzzPort();
        t.connect(h2, "fuzzer", fuzz, LinkOptions.gigabit());
        h2.address("eth1", "10.0.9.2/24");
        t.run(Time.us(10));
        NetDevice eth1 = h2.device("eth1");
        Kernel k = h2.kernel();
        FrameFuzzer gen = new FrameFuzzer(t.loop().random().fork("fuzz"), eth1.mac(), Ip4.parse("10.0.9.1"), Ip4.parse("10.0.9.2"));

        List<String> unaccounted = new ArrayList<>();
        long lostBeforeKernel = 0;
        for (int i = 0; i < FRAMES; i++) {
            byte[] f = gen.next();
            long rx = eth1.stats().rxPackets;
            long before = accounted(k, h2);
            fuzz.link.transmit(f);
            t.run(Time.us(20));
            if (eth1.stats().rxPackets != rx + 1) {
                lostBeforeKernel++;
                if (unaccounted.size() < 10) unaccounted.add("#" + i + " never reached the kernel: " + TcpdumpFormat.describe(f));
            } else if (accounted(k, h2) == before && unaccounted.size() < 10) {
                unaccounted.add("#" + i + " left no counter behind: " + TcpdumpFormat.describe(f));
            }
        }
        t.run(Time.s(60)); // ARP retries and reassembly timeouts run out

        assertEquals(List.of(), t.oopses(), "seed " + SEED + ": an exception escaped into the kernel\n" + t.report(20));
        for (Host h : t.hosts()) for (E1000 nic : h.machine().nics()) assertEquals(List.of(), nic.faults());
        assertEquals(List.of(), unaccounted, "seed " + SEED + ": frames not delivered and not counted as drops");
        assertEquals(0, lostBeforeKernel);
        for (String reason : k.drops().keySet()) assertFalse(reason.isBlank(), "a drop without a reason");
        assertTrue(k.totalDrops() > FRAMES / 2, "most fuzz frames are malformed and dropped: " + k.drops());

        Ping.Result r = t.host("h1").ping("10.0.0.2");
        assertNotNull(r, "h2 stopped answering after the fuzz\n" + t.report());
        assertTrue(r.isEchoReply());
        Ping.Result viaFuzzedNic = h2.ping("10.0.9.2");
        assertNotNull(viaFuzzedNic);
        assertTrue(fuzz.answered > 0, "h2 answered some of the fuzz (ARP replies, ICMP)");
    }
}
