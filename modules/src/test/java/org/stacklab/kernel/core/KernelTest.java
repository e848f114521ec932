package org.stacklab.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.scenario.Frames;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

/** Receive dispatch, drops by reason, oops capture, the kernel log, timers, the packet trace. */
class KernelTest {
    final EventLoop loop = EventLoop.virtual(3);
    final Kernel k = TestKernels.boot(loop, "h1");
    final NetDevice eth0 = TestKernels.sinkDevice(k, "eth0");

    SkBuff frame(byte[] f) {
        SkBuff skb = SkBuff.wrap(f, f.length);
        skb.dev = eth0;
        return skb;
    }

    @Test
    void framesAreDispatchedByEthertypeWithThePacketClass() {
        List<SkBuff> got = new ArrayList<>();
        k.registerPacketType(0x0806, (skb, dev) -> got.add(skb));
        byte[] req = Frames.arpRequest(0x525400000002L, 1, 2);
        k.netifReceiveSkb(frame(req));
        assertEquals(1, got.size());
        SkBuff skb = got.get(0);
        assertEquals(SkBuff.PACKET_BROADCAST, skb.pktType);
        assertEquals(0x0806, skb.protocol);
        assertEquals(14, skb.data(), "data is past the Ethernet header");
        assertEquals(0, skb.macHeader());
        assertEquals(14, skb.networkHeader());
        byte[] other = Frames.arpReply(0x525400000002L, 1, 0x525400000099L, 2);
        k.netifReceiveSkb(frame(other));
        assertEquals(SkBuff.PACKET_OTHERHOST, got.get(1).pktType);
        byte[] mine = Frames.arpReply(0x525400000002L, 1, eth0.mac(), 2);
        k.netifReceiveSkb(frame(mine));
        assertEquals(SkBuff.PACKET_HOST, got.get(2).pktType);
    }

    @Test
    void dropsAreCountedByReason() {
        k.netifReceiveSkb(frame(new byte[10]));
        byte[] unknown = new byte[60];
        unknown[12] = (byte) 0x88;
        unknown[13] = (byte) 0xb5;
        k.netifReceiveSkb(frame(unknown));
        k.netifReceiveSkb(frame(unknown.clone()));
        k.drop("CUSTOM", 5);
        k.drop("CUSTOM", 0);
        assertEquals(1, k.drops(Kernel.DROP_SHORT_FRAME));
        assertEquals(2, k.drops(Kernel.DROP_UNKNOWN_ETHERTYPE));
        assertEquals(5, k.drops("CUSTOM"));
        assertEquals(8, k.totalDrops());
        assertEquals(1, eth0.stats().rxLengthErrors);
    }

    @Test
    void aThrowingHandlerIsAnOopsAndACountedDrop() {
        k.registerPacketType(0x0800, (skb, dev) -> { throw new ArrayIndexOutOfBoundsException("bad parse"); });
        k.netifReceiveSkb(frame(Frames.icmpEcho(eth0.mac(), 2, 1, 2, true, 1, 1, 8, 64)));
        assertEquals(1, k.oopses().size());
        assertEquals(1, k.drops(Kernel.DROP_HANDLER_OOPS));
        assertTrue(k.log().contains("Oops in ethertype 0x0800 handler: java.lang.ArrayIndexOutOfBoundsException: bad parse"));
    }

    @Test
    void oopsesBeyondTheFirstHundredAreCountedNotKept() {
        for (int i = 0; i < 1000; i++) k.oops("flood", new IllegalStateException("bug " + i));
        assertEquals(Kernel.OOPS_KEPT, k.oopses().size());
        assertEquals(1000, k.oopsCount());
    }

    @Test
    void timersRunOnTheVirtualClockAndExceptionsBecomeOopses() {
        List<Long> at = new ArrayList<>();
        k.timer(Time.ms(200), () -> at.add(k.now()), "t1");
        k.timer(Time.ms(100), () -> { throw new IllegalStateException("timer bug"); }, "arp gc");
        loop.runUntilIdle();
        assertEquals(List.of(Time.ms(200)), at);
        assertEquals(1, k.oopses().size());
        assertTrue(k.log().contains("Oops in arp gc"));
    }

    @Test
    void theKernelLogIsStampedWithVirtualTime() {
        loop.runFor(Time.ms(1500) + Time.us(250));
        k.log().info("eth0: link becomes ready");
        k.log().warn("careful");
        List<String> lines = k.log().lines();
        assertTrue(lines.get(0).matches("\\[    0\\.000000\\] Linux version .* \\(h1\\) seed 3"), lines.get(0));
        assertTrue(lines.contains("[    1.500250] eth0: link becomes ready"), lines.toString());
        assertTrue(lines.contains("[    1.500250] WARNING: careful"), lines.toString());
    }

    @Test
    void theKernelLogIsBounded() {
        for (int i = 0; i < KernelLog.CAPACITY + 10; i++) k.log().info("line " + i);
        assertEquals(KernelLog.CAPACITY, k.log().lines().size());
        assertTrue(k.log().lines().get(KernelLog.CAPACITY - 1).endsWith("line " + (KernelLog.CAPACITY + 9)));
    }

    @Test
    void thePacketTraceRecordsBothDirectionsInTcpdumpForm() {
        k.registerPacketType(0x0806, (skb, dev) -> {});
        loop.runFor(Time.us(12));
        k.netifReceiveSkb(frame(Frames.arpRequest(0x525400000002L, 0x0A000002, 0x0A000001)));
        SkBuff out = frame(Frames.arpReply(eth0.mac(), 0x0A000001, 0x525400000002L, 0x0A000002));
        k.devQueueXmit(out);
        assertEquals(List.of(
                "0.000012 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28",
                "0.000012 ARP, Reply 10.0.0.1 is-at 52:54:00:00:00:01, length 28"), k.trace().lines());
        assertTrue(k.trace().entries().get(1).lineWithDevice().startsWith("0.000012 eth0 Out ARP, Reply"));
        assertEquals(2, k.trace().total());
    }

    @Test
    void transmitOnADownDeviceIsACountedDrop() {
        k.devClose(eth0);
        k.devQueueXmit(frame(new byte[60]));
        assertEquals(1, k.drops(Kernel.DROP_DEV_DOWN));
        assertEquals(1, eth0.stats().txDropped);
    }

    @Test
    void aStoppedQueueHoldsFramesUntilWoken() {
        List<Integer> sent = new ArrayList<>();
        int[] room = {2};
        NetDevice d = new NetDevice("eth1", new NetDeviceOps() {
            @Override public int open(NetDevice dev) { return 0; }
            @Override public int stop(NetDevice dev) { return 0; }
            @Override public int startXmit(SkBuff skb, NetDevice dev) {
                if (room[0] == 0) { dev.netifStopQueue(); return NETDEV_TX_BUSY; }
                room[0]--;
                sent.add(skb.u8(skb.data()));
                return NETDEV_TX_OK;
            }
        });
        k.registerNetdev(d);
        k.devOpen(d);
        for (int i = 0; i < 5; i++) {
            byte[] f = new byte[60];
            f[0] = (byte) i;
            SkBuff skb = SkBuff.wrap(f, 60);
            skb.dev = d;
            k.devQueueXmit(skb);
        }
        assertEquals(List.of(0, 1), sent);
        assertTrue(d.isQueueStopped());
        assertEquals(3, d.qdiscLength());
        assertEquals(1, d.stats().txQueueStops);
        room[0] = 10;
        d.netifWakeQueue();
        assertEquals(List.of(0, 1, 2, 3, 4), sent, "frames keep their order");
    }

    @Test
    void aFullTransmitQueueTailDropsUnderAReason() {
        NetDevice d = new NetDevice("eth1", new NetDeviceOps() {
            @Override public int open(NetDevice dev) { return 0; }
            @Override public int stop(NetDevice dev) { return 0; }
            @Override public int startXmit(SkBuff skb, NetDevice dev) { dev.netifStopQueue(); return NETDEV_TX_BUSY; }
        });
        d.setTxQueueLen(3);
        k.registerNetdev(d);
        k.devOpen(d);
        for (int i = 0; i < 6; i++) {
            SkBuff skb = SkBuff.wrap(new byte[60], 60);
            skb.dev = d;
            k.devQueueXmit(skb);
        }
        assertEquals(3, d.qdiscLength());
        assertEquals(3, k.drops(Kernel.DROP_QDISC));
        k.devClose(d);
        assertEquals(3, k.drops(Kernel.DROP_DEV_DOWN), "what waited is dropped when the device goes down");
        assertEquals(6, d.stats().txDropped);
    }

    @Test
    void loopbackDeliversThroughTheBacklog() {
        NetDevice lo = LoopbackDevice.create(k);
        List<SkBuff> got = new ArrayList<>();
        k.registerPacketType(0x0800, (skb, dev) -> got.add(skb));
        byte[] f = Frames.icmpEcho(0, 0, Ip4.LOOPBACK, Ip4.LOOPBACK, true, 1, 1, 8, 64);
        SkBuff skb = SkBuff.wrap(f, f.length);
        skb.dev = lo;
        k.devQueueXmit(skb);
        assertTrue(got.isEmpty());
        loop.runUntilIdle();
        assertEquals(1, got.size());
        assertEquals(SkBuff.PACKET_HOST, got.get(0).pktType);
        assertEquals(65536, lo.mtu());
        assertEquals(List.of("0.000000 IP 127.0.0.1 > 127.0.0.1: ICMP echo request, id 1, seq 1, length 16"),
                k.trace().lines(), "lo's traffic is traced once, as tcpdump -i lo shows it");
    }
}
