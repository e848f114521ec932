package org.stacklab.solutions.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.solutions.ip.IpNet.ip;

import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.sim.EventLoop;

/** Loading and unloading the module: what it registers, exports and sets up. */
class IpModuleTest {
    @Test
    void loadsThroughTheServiceLoaderAndSetsUpLoopback() {
        assertTrue(Components.available("ip", "reference"));
        Kernel k = new Kernel("h", EventLoop.virtual(1), ModuleSet.reference());
        KernelModule m = k.insmod("ip");
        assertEquals("ip", m.name());
        IpStack ip = k.symbol(IpStack.class);
        assertNotNull(k.packetType(0x0800));
        assertNotNull(k.packetType(0x0806));
        assertNotNull(k.device("lo"));
        assertEquals(ip("127.0.0.1"), k.device("lo").primaryAddress());
        assertEquals("127.0.0.0/8 dev lo proto kernel scope link src 127.0.0.1", ip.routes().lookup(ip("127.1.2.3")).format());
        assertTrue(ip.isLocalAddress(ip("127.0.0.1")));
        assertEquals(ip("127.0.0.1"), ip.sourceAddressFor(ip("127.0.0.1")));
        assertNotNull(InetSockets.of(k).lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_ICMP));
    }

    @Test
    void addressesAndTheirRoutes() {
        Kernel k = new Kernel("h", EventLoop.virtual(1), ModuleSet.reference());
        k.insmod("ip");
        IpStack ip = k.symbol(IpStack.class);
        assertEquals(Errno.ENODEV.neg(), ip.addAddress("eth9", ip("10.0.0.1"), 24));
        assertEquals(Errno.EEXIST.neg(), ip.addAddress("lo", ip("127.0.0.1"), 8));
        assertEquals(0, ip.addAddress("lo", ip("10.5.0.1"), 16));
        assertTrue(ip.isLocalAddress(ip("10.5.0.1")));
        assertTrue(ip.isBroadcast(ip("10.5.255.255")));
        assertEquals("lo", ip.routes().lookup(ip("10.5.3.3")).dev());
        assertEquals(0, ip.removeAddress("lo", ip("10.5.0.1"), 16));
        assertNull(ip.routes().lookup(ip("10.5.3.3")));
        assertEquals(Errno.EADDRNOTAVAIL.neg(), ip.removeAddress("lo", ip("10.5.0.1"), 16));
        assertEquals(Errno.ENETUNREACH.neg(), ip.output(org.stacklab.kernel.core.SkBuff.allocWithHeadroom(0), 0, ip("8.8.8.8"), 17, 64, 0));
        assertEquals(1L, ip.counters().get("OutNoRoutes"));
    }

    @Test
    void rmmodUnregistersEverything() {
        IpNet net = IpNet.twoHosts();
        Kernel h1 = net.k("h1");
        var s = IpNet.pingSocket(h1);
        byte[] req = IpNet.echoRequest(1, 8);
        s.sendmsg(req, 0, req.length, 0, org.stacklab.kernel.socket.SockAddr.of("10.0.0.9", 0));
        h1.rmmod("ip");
        assertNull(h1.findSymbol(IpStack.class));
        assertNull(h1.packetType(0x0800));
        assertNull(InetSockets.of(h1).lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_ICMP));
        int arpSent = IpNet.arpFrames(h1, true).size();
        net.loop.runFor(org.stacklab.sim.Time.s(10));
        assertEquals(arpSent, IpNet.arpFrames(h1, true).size(), "no ARP timer left behind");
        assertTrue(h1.oopses().isEmpty(), h1.oopses().toString());
        h1.insmod("ip");
        assertNotNull(h1.symbol(IpStack.class));
    }

    @Test
    void theRoutingTableIsAComponentOfItsOwn() {
        java.util.List<String> lookups = new java.util.ArrayList<>();
        Components.override("ip.routing", "test-double", () -> new org.stacklab.kernel.ip.RoutingTable() {
            private final FibTable real = new FibTable();
            @Override public void add(org.stacklab.kernel.ip.Route r) { real.add(r); }
            @Override public boolean remove(org.stacklab.kernel.ip.Route r) { return real.remove(r); }
            @Override public java.util.List<org.stacklab.kernel.ip.Route> routes() { return real.routes(); }
            @Override public org.stacklab.kernel.ip.Route lookup(int daddr) {
                lookups.add(org.stacklab.kernel.core.Ip4.format(daddr));
                return real.lookup(daddr);
            }
        });
        try {
            Kernel k = new Kernel("h", EventLoop.virtual(1), ModuleSet.reference().with("ip.routing", "test-double"));
            k.insmod("ip");
            IpStack ip = k.symbol(IpStack.class);
            ip.sourceAddressFor(ip("8.8.8.8"));
            assertEquals(java.util.List.of("8.8.8.8"), lookups, "the reference stack routes through the swapped table");
        } finally {
            Components.clearOverrides();
        }
    }
}
