package org.stacklab.solutions.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.hw.bus.e1000.E1000Desc;
import org.stacklab.hw.bus.e1000.E1000Regs;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.hw.link.Wire;
import org.stacklab.hw.nic.E1000;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.NapiStruct;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.driver.DmaAllocator;
import org.stacklab.kernel.driver.NicDriverModule;
import org.stacklab.scenario.Host;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

/** The reference e1000 driver on the emulated 82540EM: two hosts joined by a wire. */
class E1000DriverTest {
    static final int ETH_P_TEST = 0x88b5;
    static final long SEED = 11;

    final EventLoop loop = EventLoop.virtual(SEED);
    Host h1, h2;
    Wire wire;
    final List<byte[]> received = new ArrayList<>();

    /** Boots both hosts; {@code tune} may set module parameters on h2 before its NIC is probed. */
    void boot(LinkSpec spec, java.util.function.Consumer<Kernel> tuneH2) {
        h1 = new Host(loop, "h1", 1, ModuleSet.reference().with("ip=none,udp=none,tcp=none,filter=none"));
        h2 = new Host(loop, "h2", 2, ModuleSet.reference().with("ip=none,udp=none,tcp=none,filter=none"));
        tuneH2.accept(h2.kernel());
        wire = Wire.connect(loop, h1.addNic(), h2.addNic(), spec);
        h2.kernel().registerPacketType(ETH_P_TEST, (skb, dev) -> received.add(frameOf(skb)));
        loop.runFor(Time.us(10));
    }

    void boot() { boot(LinkSpec.gigabit(), k -> {}); }

    /** The whole frame, Ethernet header included (handlers get data() past it). */
    static byte[] frameOf(SkBuff skb) {
        return java.util.Arrays.copyOfRange(skb.buf(), skb.macHeader(), skb.tail());
    }

    @AfterEach
    void noOopses() {
        for (Host h : new Host[] {h1, h2}) {
            if (h == null) continue;
            assertEquals(List.of(), h.kernel().oopses(), h.name() + " oopsed; log:\n" + String.join("\n", h.kernel().log().lines()));
            for (E1000 nic : h.machine().nics()) assertEquals(List.of(), nic.faults(), "hardware fault on " + h.name());
        }
    }

    /** Sends {@code n} test frames of {@code len} bytes from h1 to h2, numbered in byte 14..15. */
    void send(int n, int len) {
        NetDevice eth0 = h1.device("eth0");
        long dst = h2.device("eth0").mac();
        for (int i = 0; i < n; i++) {
            SkBuff skb = SkBuff.allocWithHeadroom(len);
            int at = skb.put(len);
            byte[] b = skb.buf();
            MacAddr.write(dst, b, at);
            MacAddr.write(eth0.mac(), b, at + 6);
            skb.set16(at + 12, ETH_P_TEST);
            skb.set16(at + 14, i);
            skb.dev = eth0;
            h1.kernel().devQueueXmit(skb);
        }
    }

    NicDriverModule module(Host h) { return (NicDriverModule) h.kernel().module("e1000"); }

    E1000Driver driver(Host h) { return (E1000Driver) module(h).driverOf(h.device("eth0")); }

    @Test
    void probeResetsReadsTheMacAndSetsUpBothRings() {
        boot();
        E1000 nic = h2.nic("eth0");
        NetDevice eth0 = h2.device("eth0");
        assertEquals(nic.macAddress(), eth0.mac());
        assertEquals("52:54:00:00:02:01", MacAddr.format(eth0.mac()));
        var regs = nic.mmio();
        assertEquals(255, regs.read32(RDT), "RDT = N-1: one descriptor held back");
        assertEquals(256 * 16, regs.read32(RDLEN));
        assertEquals(0, regs.read32(RDH));
        int rctl = regs.read32(RCTL);
        assertEquals(RCTL_EN | RCTL_BAM | RCTL_SECRC, rctl & (RCTL_EN | RCTL_BAM | RCTL_SECRC | RCTL_UPE | RCTL_BSIZE_MASK));
        assertTrue((regs.read32(TCTL) & (TCTL_EN | TCTL_PSP)) == (TCTL_EN | TCTL_PSP));
        assertTrue((regs.read32(CTRL) & CTRL_SLU) != 0);
        long tdba = regs.read32(TDBAL) & 0xFFFFFFFFL;
        for (int i = 0; i < 256; i++) {
            assertEquals(E1000Desc.TXD_STAT_DD, nic.memory().read8(tdba + i * 16L + E1000Desc.TX_STATUS) & 0xff,
                    "TX descriptor " + i + " starts done");
        }
        assertTrue(eth0.isUp());
        assertTrue(eth0.hasCarrier(), "LSC after SLU set the carrier");
        assertTrue(h2.kernel().log().contains("eth0: NIC Link is Up"));
    }

    @Test
    void theRegisterProtocol() {
        h1 = new Host(loop, "h1", 1, ModuleSet.reference().with("ip=none,udp=none,tcp=none,filter=none"));
        h2 = new Host(loop, "h2", 2, ModuleSet.reference().with("ip=none,udp=none,tcp=none,filter=none")).recordMmio();
        wire = Wire.connect(loop, h1.addNic(), h2.addNic(), LinkSpec.gigabit());
        h2.kernel().registerPacketType(ETH_P_TEST, (skb, dev) -> received.add(frameOf(skb)));
        loop.runFor(Time.us(10));
        var log = h2.mmio("eth0");
        List<String> order = new ArrayList<>();
        for (var a : log.accesses()) {
            String n = E1000Regs.name(a.offset()) + (a.write() ? "=" : "?");
            if (List.of("CTRL=", "RAL0?", "RAH0?", "RDLEN=", "RDT=", "TDLEN=", "RCTL=", "IMS=").contains(n) && !order.contains(n)) order.add(n);
        }
        assertEquals(List.of("CTRL=", "RAL0?", "RAH0?", "RDLEN=", "RDT=", "TDLEN=", "RCTL=", "IMS="), order,
                "reset first, then the MAC, the rings, receive control, and interrupts last");
        assertTrue((log.writes(CTRL).get(0) & CTRL_RST) != 0, "the first CTRL write resets");
        assertEquals(List.of(255), log.writes(RDT));

        log.clear();
        send(3, 64);
        loop.runFor(Time.ms(1));
        assertEquals(3, received.size());
        // Per frame: ICR read, IMC (mask), then in the poll one RDT write and IMS to unmask.
        assertEquals(3, log.count(ICR, false));
        assertEquals(3, log.writes(IMC).size());
        assertEquals(List.of(0, 1, 2), log.writes(RDT), "the tail follows the frames taken");
        assertEquals(3, log.writes(IMS).size());
        var acc = log.accesses();
        int imc = -1, ims = -1;
        for (int i = 0; i < acc.size(); i++) {
            if (acc.get(i).write() && acc.get(i).offset() == IMC && imc < 0) imc = i;
            if (acc.get(i).write() && acc.get(i).offset() == IMS && ims < 0) ims = i;
        }
        assertTrue(imc < ims, "masked in the handler before unmasked in the poll: " + acc);
    }

    @Test
    void framesCrossTheWireInOrderWithCounters() {
        boot();
        send(50, 100);
        loop.runFor(Time.ms(1));
        assertEquals(50, received.size());
        for (int i = 0; i < 50; i++) {
            byte[] f = received.get(i);
            assertEquals(100, f.length);
            assertEquals(i, ((f[14] & 0xff) << 8) | (f[15] & 0xff));
        }
        assertEquals(50, h1.device("eth0").stats().txPackets);
        assertEquals(50, h2.device("eth0").stats().rxPackets);
        assertEquals(5000, h2.device("eth0").stats().rxBytes);
        assertEquals(50, driver(h1).txCompleted(), "TX descriptors reclaimed");
    }

    @Test
    void runtsArePaddedOnTheWire() {
        boot();
        send(1, 20);
        loop.runFor(Time.ms(1));
        assertEquals(1, received.size());
        assertEquals(60, received.get(0).length);
    }

    @Test
    void aFullTxRingStopsTheQueueAndLosesNothing() {
        h1 = null;
        EventLoop l = loop;
        // A slow wire and an 8-descriptor TX ring on h1.
        h1 = new Host(l, "h1", 1, ModuleSet.reference().with("ip=none,udp=none,tcp=none,filter=none"));
        h1.kernel().sysctl().set("e1000.TxDescriptors", 8);
        h2 = new Host(l, "h2", 2, ModuleSet.reference().with("ip=none,udp=none,tcp=none,filter=none"));
        wire = Wire.connect(l, h1.addNic(), h2.addNic(), LinkSpec.fastEthernet().withBandwidth(10_000_000));
        h2.kernel().registerPacketType(ETH_P_TEST, (skb, dev) -> received.add(frameOf(skb)));
        l.runFor(Time.us(10));
        send(100, 1000);
        NetDevice eth0 = h1.device("eth0");
        assertTrue(eth0.isQueueStopped());
        // At most N-1 = 7 descriptors in flight, plus the one the device is already sending.
        assertTrue(eth0.qdiscLength() >= 100 - 8, "in the qdisc: " + eth0.qdiscLength());
        l.runFor(Time.ms(200));
        assertEquals(100, received.size());
        for (int i = 0; i < 100; i++) assertEquals(i, ((received.get(i)[14] & 0xff) << 8) | (received.get(i)[15] & 0xff));
        assertTrue(eth0.stats().txQueueStops > 0);
        assertTrue(driver(h1).txRingFull() > 0);
        assertFalse(eth0.isQueueStopped());
        assertEquals(0, eth0.stats().txDropped);
    }

    @Test
    void withInterruptModerationABurstCostsFewInterruptsAndNoPollExceedsItsBudget() {
        boot();
        h2.device("eth0").ops().setInterruptModeration(h2.device("eth0"), 50);
        assertEquals(50, driver(h2).interruptModerationUsecs());
        assertEquals((50_000 + 255) / 256, h2.nic("eth0").mmio().read32(ITR));
        long irqBefore = h2.nic("eth0").irq().count();
        send(1000, 64);
        loop.runFor(Time.ms(5));
        assertEquals(1000, received.size());
        long interrupts = h2.nic("eth0").irq().count() - irqBefore;
        NapiStruct napi = module(h2).napiOf(h2.device("eth0"));
        assertTrue(interrupts <= 1000 / 10, "1000 frames took " + interrupts + " interrupts");
        assertTrue(napi.maxWorkSeen() <= NapiStruct.DEFAULT_WEIGHT, "a poll did " + napi.maxWorkSeen());
        assertTrue(napi.polls() > 1000 / 64, "frames were taken in polls of at most 64");
        assertEquals(0, h2.kernel().totalDrops());
    }

    @Test
    void withoutModerationEachIsolatedFrameIsAnInterrupt() {
        boot();
        long before = h2.nic("eth0").irq().count();
        for (int i = 0; i < 5; i++) {
            send(1, 64);
            loop.runFor(Time.ms(1));
        }
        assertEquals(5, received.size());
        assertEquals(5, h2.nic("eth0").irq().count() - before);
    }

    @Test
    void rxRingExhaustionCountsDropsInsteadOfFailing() {
        boot(LinkSpec.gigabit(), k -> k.sysctl().set("e1000.RxDescriptors", 8));
        // Interrupts held back for 2 ms: the 8-descriptor ring overflows while no one polls it.
        h2.device("eth0").ops().setInterruptModeration(h2.device("eth0"), 2000);
        send(1, 64);
        loop.runFor(Time.us(50));
        send(200, 64);
        loop.runFor(Time.ms(10));
        Kernel k = h2.kernel();
        long missed = k.drops(E1000Driver.DROP_RX_MISSED);
        assertTrue(missed > 100, "missed " + missed);
        assertEquals(201, received.size() + missed, "every frame is either received or counted");
        assertEquals(missed, h2.device("eth0").stats().rxMissedErrors);
        // The host keeps receiving after the overrun.
        received.clear();
        send(3, 64);
        loop.runFor(Time.ms(10));
        assertEquals(3, received.size());
    }

    @Test
    void linkChangesFollowTheCable() {
        boot();
        NetDevice eth0 = h2.device("eth0");
        wire.unplugCable();
        loop.runFor(Time.us(10));
        assertFalse(eth0.hasCarrier());
        assertTrue(h2.kernel().log().contains("eth0: NIC Link is Down"));
        wire.plugCable();
        loop.runFor(Time.us(10));
        assertTrue(eth0.hasCarrier());
        send(1, 64);
        loop.runFor(Time.ms(1));
        assertEquals(1, received.size());
    }

    @Test
    void oversizeFramesAreDroppedAndCounted() {
        boot();
        send(1, 1515);
        loop.runFor(Time.ms(1));
        assertEquals(0, received.size());
        assertEquals(1, h1.kernel().drops(TxRing.DROP_TX_OVERSIZE));
        assertEquals(1, h1.device("eth0").stats().txDropped);
    }

    @Test
    void rmmodUnbindsTheDeviceAndFreesItsDmaMemory() {
        boot();
        DmaAllocator dma = DmaAllocator.of(h2.kernel(), h2.nic("eth0").memory());
        assertTrue(dma.allocated() >= 2 * 256 * 2048);
        h2.kernel().rmmod("e1000");
        assertNull(h2.kernel().device("eth0"));
        assertEquals(0, dma.allocated());
        assertEquals(0, h2.nic("eth0").mmio().read32(RCTL) & RCTL_EN, "the device was reset");
        h2.kernel().insmod("driver.e1000");
        assertNotNull(h2.kernel().device("eth0"), "modprobe again re-probes the device");
        h2.kernel().devOpen(h2.kernel().device("eth0"));
        send(1, 64);
        loop.runFor(Time.ms(1));
        assertEquals(1, received.size());
    }
}
