package org.stacklab.kernel.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.hw.Machine;
import org.stacklab.hw.bus.e1000.E1000Regs;
import org.stacklab.hw.nic.E1000;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.NetDeviceOps;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.sim.EventLoop;

/** The driver glue around a test double: probe, open, transmit, interrupt and poll reach it. */
class NicDriverModuleTest {
    final EventLoop loop = EventLoop.virtual(4);
    final Machine machine = new Machine(loop, "h1");
    final NicDriver drv = mock(NicDriver.class);
    NicContext[] ctx = new NicContext[1];

    @AfterEach
    void clear() { Components.clearOverrides(); }

    Kernel bootWithMockDriver() {
        doAnswer(inv -> {
            ctx[0] = inv.getArgument(0);
            ctx[0].netdev().setMac(0x525400000001L);
            return 0;
        }).when(drv).probe(any());
        Components.override("driver.e1000", "mock",
                () -> new NicDriverModule("e1000", "mock", E1000Regs.VENDOR_INTEL, E1000Regs.DEVICE_82540EM, () -> drv));
        Kernel k = new Kernel("h1", loop, ModuleSet.reference().with("driver.e1000=mock"));
        k.insmod("driver.e1000");
        return k;
    }

    @Test
    void theBusProbesTheDoubleAndTheKernelCallsItsEntryPoints() {
        Kernel k = bootWithMockDriver();
        E1000 nic = machine.addE1000(0x525400000001L);
        PciBus.of(k).attach(nic, "eth0");
        verify(drv).probe(any());
        NetDevice eth0 = k.device("eth0");
        assertNotNull(eth0);
        assertSame(eth0, ctx[0].netdev());
        assertEquals(nic.irq().number(), eth0.irq());

        when(drv.open()).thenReturn(0);
        assertEquals(0, k.devOpen(eth0));
        verify(drv).open();

        when(drv.startXmit(any())).thenReturn(NetDeviceOps.NETDEV_TX_OK);
        SkBuff skb = SkBuff.wrap(new byte[60], 60);
        skb.dev = eth0;
        k.devQueueXmit(skb);
        verify(drv).startXmit(skb);
        assertEquals(1, eth0.stats().txPackets);
        assertEquals(60, eth0.stats().txBytes);

        // The device raises its line: the handler runs in its own event and schedules NAPI.
        when(drv.interrupt()).thenAnswer(inv -> {
            nic.mmio().write32(E1000Regs.IMC, -1);
            ctx[0].napiSchedule();
            return true;
        });
        when(drv.poll(anyInt())).thenAnswer(inv -> {
            ctx[0].napi().complete(0);
            return 0;
        });
        nic.mmio().write32(E1000Regs.IMS, E1000Regs.ICR_RXT0);
        nic.mmio().write32(E1000Regs.ICS, E1000Regs.ICR_RXT0);
        loop.runUntilIdle();
        verify(drv).interrupt();
        verify(drv).poll(64);
        assertEquals(List.of(), k.oopses());
    }

    @Test
    void exceptionsInDriverCodeAreOopsesAndCountedDrops() {
        Kernel k = bootWithMockDriver();
        PciBus.of(k).attach(machine.addE1000(0x525400000001L), "eth0");
        NetDevice eth0 = k.device("eth0");
        k.devOpen(eth0);
        when(drv.startXmit(any())).thenThrow(new IndexOutOfBoundsException("tail past the ring"));
        SkBuff skb = SkBuff.wrap(new byte[60], 60);
        skb.dev = eth0;
        k.devQueueXmit(skb);
        assertEquals(1, k.drops(NicDriverModule.DROP_DRIVER_OOPS));
        assertEquals(1, eth0.stats().txDropped);
        assertEquals(1, k.oopses().size());
        assertTrue(k.log().contains("Oops in e1000 start_xmit eth0"));
    }

    @Test
    void aThrowingInterruptHandlerIsAnOopsAndItsLineIsDisabled() {
        Kernel k = bootWithMockDriver();
        E1000 nic = machine.addE1000(0x525400000001L);
        PciBus.of(k).attach(nic, "eth0");
        k.devOpen(k.device("eth0"));
        when(drv.interrupt()).thenThrow(new UnsupportedOperationException("TODO: write the interrupt handler"));
        nic.mmio().write32(E1000Regs.IMS, E1000Regs.ICR_RXT0);
        nic.mmio().write32(E1000Regs.ICS, E1000Regs.ICR_RXT0);
        loop.runUntilIdle();
        assertEquals(1, k.oopsCount(), "one oops, not a storm of them");
        assertTrue(k.log().contains("irq 11 (eth0) disabled after an oops in its handler"), String.join("\n", k.log().lines()));
    }

    @Test
    void aFailedProbeRegistersNoDeviceAndFreesItsDmaMemory() {
        doAnswer(inv -> {
            NicContext c = inv.getArgument(0);
            assertNotNull(c.dmaAlloc(4096, 128));
            return -12;
        }).when(drv).probe(any());
        Components.override("driver.e1000", "mock",
                () -> new NicDriverModule("e1000", "mock", E1000Regs.VENDOR_INTEL, E1000Regs.DEVICE_82540EM, () -> drv));
        Kernel k = new Kernel("h1", loop, ModuleSet.reference().with("driver.e1000=mock"));
        k.insmod("driver.e1000");
        E1000 nic = machine.addE1000(0x525400000001L);
        PciBus.of(k).attach(nic, "eth0");
        assertNull(k.device("eth0"));
        assertTrue(k.log().contains("probe failed with error -12"));
        assertEquals(0, DmaAllocator.of(k, nic.memory()).allocated());
    }
}
