package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.hw.link.EthernetSwitch;
import org.stacklab.hw.link.FaultSpec;
import org.stacklab.hw.pcap.PcapReader;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.sim.Time;

/** Building scenarios: hosts booted from a module set, switches, cables with faults and taps. */
class TopologyTest {
    static final ModuleSet DRIVER_ONLY = ModuleSet.reference().with("ip=none,udp=none,tcp=none,filter=none");
    static final long A = 0x0A000001, B = 0x0A000002;

    static void sendArp(Host from, Host to) {
        NetDevice dev = from.device("eth0");
        byte[] f = Frames.arpRequest(dev.mac(), (int) A, (int) B);
        SkBuff skb = SkBuff.wrap(f, f.length);
        skb.dev = dev;
        from.kernel().devQueueXmit(skb);
    }

    static List<byte[]> listen(Host h) {
        List<byte[]> got = new ArrayList<>();
        h.kernel().registerPacketType(0x0806, (skb, dev) -> got.add(skb.toByteArray()));
        return got;
    }

    @Test
    void hostsBootTheDriverAndGetNamedInterfaces() {
        Topology t = Topology.twoHostsOnSwitch(5, DRIVER_ONLY);
        Host h1 = t.host("h1");
        assertTrue(h1.kernel().module("e1000") != null);
        assertEquals(List.of("ip", "udp", "tcp", "filter"), h1.notLoaded());
        assertTrue(h1.device("eth0").isUp());
        assertTrue(h1.device("lo").isUp());
        assertEquals(Host.macFor(2, 0), t.host("h2").device("eth0").mac());
        assertThrows(IllegalArgumentException.class, () -> t.host("h9"));
    }

    @Test
    void framesCrossTheSwitchAndTheCombinedTraceShowsBothEnds() {
        Topology t = Topology.twoHostsOnSwitch(5, DRIVER_ONLY);
        Host h1 = t.host("h1"), h2 = t.host("h2");
        List<byte[]> got = listen(h2);
        t.run(Time.us(10));
        sendArp(h1, h2);
        t.run(Time.ms(1));
        assertEquals(1, got.size());
        List<String> trace = t.trace();
        assertEquals(2, trace.size(), trace.toString());
        assertTrue(trace.get(0).matches("0\\.0000\\d\\d h1 eth0 Out ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28"), trace.get(0));
        assertTrue(trace.get(1).matches("0\\.0000\\d\\d h2 eth0 In  ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 46"), trace.get(1));
        String report = t.report();
        assertTrue(report.startsWith("seed 5 "), report);
        assertTrue(report.contains("h2 eth0 In  ARP"), report);
        EthernetSwitch sw = t.switchNamed("sw0");
        assertEquals(0, sw.lookup(h1.device("eth0").mac()), "the switch learned h1 on port 0");
    }

    @Test
    void faultInjectorsAndPcapTapsWrapALink(@TempDir Path dir) {
        Topology t = new Topology(9, DRIVER_ONLY);
        Host h1 = t.addHost("h1"), h2 = t.addHost("h2");
        Path pcap = dir.resolve("h1.pcap");
        Link l = t.connect(h1, h2, LinkOptions.gigabit().withFaultsToB(FaultSpec.NONE.withDrop(0.5)).withPcap(pcap));
        assertEquals("h1:eth0", l.endA());
        assertEquals("h2:eth0", l.endB());
        List<byte[]> got = listen(h2);
        t.run(Time.us(10));
        for (int i = 0; i < 100; i++) sendArp(h1, h2);
        t.run(Time.ms(5));
        t.close();
        long dropped = l.faultsToB().dropped();
        assertTrue(dropped > 20 && dropped < 80, "dropped " + dropped);
        assertEquals(100 - dropped, got.size());
        assertEquals(100, PcapReader.read(pcap).records().size(), "the tap at h1 saw every frame sent");
    }

    /** The routed preset with a ping and a little fuzzing on h2's link, as trace lines and event labels. */
    static List<String> runRouted(long seed) {
        Topology t = Topology.routed(seed, ModuleSet.reference().with("udp=none,tcp=none,filter=none"));
        List<String> events = new ArrayList<>();
        t.loop().setTracer(e -> events.add(e.when() + " " + e.label()));
        t.host("h1").ping("10.0.2.1");
        Ping.once(t.host("h1"), "10.0.2.1", 2, 3000, 0, Time.s(1));
        t.run(Time.ms(10));
        List<String> out = new ArrayList<>(t.trace());
        out.addAll(events);
        return out;
    }

    @Test
    void theSameSeedReplaysTheSameRun() {
        List<String> a = runRouted(7);
        List<String> b = runRouted(7);
        assertTrue(a.size() > 40, a.toString());
        assertEquals(a, b);
        List<String> c = runRouted(8);
        assertTrue(!a.equals(c), "a different seed draws different ping identifiers and IP ids");
    }

    @Test
    void anExplicitlyRequestedStudentModuleThatDoesNotExistFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Topology(1, ModuleSet.reference().with("tcp=student")).addHost("h1"));
        assertTrue(e.getMessage().contains("asks for tcp=student but no such implementation is on the class path"), e.getMessage());
    }

    @Test
    void theStacklabUsePropertyReachesHosts() {
        System.setProperty("stacklab.use", "driver.e1000=none");
        try {
            Topology t = new Topology(1);
            Host h = t.addHost("h1");
            assertEquals(null, h.kernel().module("e1000"));
            assertTrue(h.notLoaded().contains("driver.e1000"));
        } finally {
            System.clearProperty("stacklab.use");
        }
        assertTrue(Components.available("driver.e1000", "reference"));
    }
}
