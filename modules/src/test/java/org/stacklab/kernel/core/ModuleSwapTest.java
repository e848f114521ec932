package org.stacklab.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

/** Booting with one module replaced by a test double, and the insmod/rmmod lifecycle. */
class ModuleSwapTest {
    final EventLoop loop = EventLoop.virtual(7);

    @AfterEach
    void clear() { Components.clearOverrides(); }

    /** A module that registers an ethertype handler on init, as ARP or IP would. */
    static KernelModule protoModule(String name, PacketHandler handler, List<String> deps) {
        KernelModule m = mock(KernelModule.class);
        when(m.name()).thenReturn(name);
        when(m.impl()).thenReturn("mock");
        when(m.dependsOn()).thenReturn(deps);
        doAnswer(inv -> {
            Kernel k = inv.getArgument(0);
            k.registerPacketType(0x88b5, handler);
            return null;
        }).when(m).init(any());
        doAnswer(inv -> {
            Kernel k = inv.getArgument(0);
            k.unregisterPacketType(0x88b5);
            return null;
        }).when(m).exit(any());
        return m;
    }

    @Test
    void aKernelBootedWithAMockModuleCallsIt() {
        PacketHandler handler = mock(PacketHandler.class);
        KernelModule double_ = protoModule("proto", handler, List.of());
        Components.override("proto", "mock", () -> double_);
        ModuleSet set = ModuleSet.reference().with("proto=mock");
        Kernel a = new Kernel("a", loop, set);
        Kernel b = new Kernel("b", loop, set);
        assertSame(double_, a.insmod("proto"));
        verify(double_).init(a);

        NetDevice[] pair = Veth.pair(a, "eth0", 0x020000000001L, b, "eth0", 0x020000000002L, Time.us(10));
        byte[] f = new byte[60];
        MacAddr.write(0x020000000001L, f, 0);
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xb5;
        SkBuff skb = SkBuff.wrap(f, 60);
        skb.dev = pair[1];
        b.devQueueXmit(skb);
        loop.runUntilIdle();

        verify(handler).receive(any(SkBuff.class), eq(pair[0]));
        assertTrue(a.log().contains("module proto (mock) loaded"));
        assertEquals(List.of(), a.oopses());
    }

    @Test
    void aMissingImplementationFailsWithAClearMessage() {
        Kernel k = new Kernel("h", loop, ModuleSet.reference().with("nosuch=student"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> k.insmod("nosuch"));
        assertTrue(e.getMessage().contains("no 'student' implementation of component 'nosuch'"), e.getMessage());
        assertTrue(e.getMessage().contains("is the lab that provides it built?"), e.getMessage());
    }

    @Test
    void rmmodOfAModuleInUseIsRefused() {
        Kernel k = new Kernel("h", loop, ModuleSet.reference());
        KernelModule ip = protoModule("ip", mock(PacketHandler.class), List.of());
        KernelModule udp = mock(KernelModule.class);
        when(udp.name()).thenReturn("udp");
        when(udp.dependsOn()).thenReturn(List.of("ip"));
        k.insmod(ip);
        k.insmod(udp);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.rmmod("ip"));
        assertEquals("rmmod: ERROR: Module ip is in use by: udp", e.getMessage());
        verify(ip, never()).exit(any());
        assertSame(ip, k.module("ip"));

        k.rmmod("udp");
        k.rmmod("ip");
        InOrder order = inOrder(udp, ip);
        order.verify(udp).exit(k);
        order.verify(ip).exit(k);
        assertEquals(null, k.packetType(0x88b5), "exit unregistered the handler");
        assertEquals(List.of(), k.modules());
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> k.rmmod("ip"));
        assertTrue(gone.getMessage().contains("is not currently loaded"));
    }

    @Test
    void insmodChecksDependenciesAndDuplicates() {
        Kernel k = new Kernel("h", loop, ModuleSet.reference());
        KernelModule udp = mock(KernelModule.class);
        when(udp.name()).thenReturn("udp");
        when(udp.dependsOn()).thenReturn(List.of("ip"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.insmod(udp));
        assertEquals("insmod: udp needs module ip loaded first", e.getMessage());
        KernelModule ip = protoModule("ip", mock(PacketHandler.class), List.of());
        k.insmod(ip);
        assertThrows(IllegalStateException.class, () -> k.insmod(ip));
    }

    @Test
    void aModuleWhoseInitThrowsIsNotLoadedAndLeavesNoSymbols() {
        Kernel k = new Kernel("h", loop, ModuleSet.reference());
        KernelModule bad = mock(KernelModule.class);
        when(bad.name()).thenReturn("bad");
        when(bad.impl()).thenReturn("student");
        doAnswer(inv -> {
            k.exportSymbol(Runnable.class, () -> {}, "bad");
            throw new IllegalStateException("init failed");
        }).when(bad).init(k);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.insmod(bad));
        assertTrue(e.getMessage().contains("bad (student) failed to initialise"), e.getMessage());
        assertEquals(null, k.module("bad"));
        assertEquals(null, k.findSymbol(Runnable.class));
    }

    @Test
    void aFailedInitOrASloppyExitLeavesNoHandlerBehind() {
        Kernel k = new Kernel("h", loop, ModuleSet.reference());
        KernelModule bad = mock(KernelModule.class);
        when(bad.name()).thenReturn("ip");
        doAnswer(inv -> {
            k.registerPacketType(0x0800, (skb, dev) -> {});
            throw new UnsupportedOperationException("TODO");
        }).when(bad).init(k);
        assertThrows(IllegalStateException.class, () -> k.insmod(bad));
        assertEquals(null, k.packetType(0x0800), "the half-initialised module's handler is gone");

        KernelModule sloppy = mock(KernelModule.class);
        when(sloppy.name()).thenReturn("ip");
        doAnswer(inv -> {
            k.registerPacketType(0x0800, (skb, dev) -> {});
            return null;
        }).when(sloppy).init(k);
        k.insmod(sloppy);
        IllegalStateException clash = assertThrows(IllegalStateException.class, () -> k.registerPacketType(0x0800, (skb, dev) -> {}));
        assertEquals("ethertype 0x0800 already has a handler (registered by module ip)", clash.getMessage());
        k.rmmod("ip"); // its exit (a mock) unregisters nothing
        assertEquals(null, k.packetType(0x0800));
    }

    @Test
    void symbolsAreExportedOnceAndVanishWithTheirModule() {
        Kernel k = new Kernel("h", loop, ModuleSet.reference());
        Runnable r = () -> {};
        k.exportSymbol(Runnable.class, r, "ip");
        assertSame(r, k.symbol(Runnable.class));
        assertThrows(IllegalStateException.class, () -> k.exportSymbol(Runnable.class, () -> {}, "other"));
        k.unexportSymbols("ip");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.symbol(Runnable.class));
        assertTrue(e.getMessage().contains("no module exports Runnable"), e.getMessage());
    }
}
