package org.stacklab.userland;

import org.stacklab.kernel.core.InetIfAddr;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.LoopbackDevice;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.Veth;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Route;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.sim.EventLoop;

/**
 * Two hosts joined by a veth pair (h1 10.0.0.1/24, h2 10.0.0.2/24), each with lo 127.0.0.1/8, an
 * IpStack double holding the routes Linux would add, and TCP/UDP socket tables a test fills in.
 */
final class Lab {
    final EventLoop loop = EventLoop.virtual(42);
    final Kernel h1 = new Kernel("h1", loop, ModuleSet.reference());
    final Kernel h2 = new Kernel("h2", loop, ModuleSet.reference());
    final NetDevice lo1, eth1, lo2, eth2;
    final FakeIpStack ip1 = new FakeIpStack(), ip2 = new FakeIpStack();
    final FakeProto tcp1 = new FakeProto(Sock.SOCK_STREAM, Sock.IPPROTO_TCP, () -> null);
    final FakeProto udp1 = new FakeProto(Sock.SOCK_DGRAM, Sock.IPPROTO_UDP, () -> null);

    Lab() {
        lo1 = LoopbackDevice.create(h1);
        lo2 = LoopbackDevice.create(h2);
        NetDevice[] pair = Veth.pair(h1, "eth0", 0x020000000001L, h2, "eth0", 0x020000000002L, 50_000);
        eth1 = pair[0];
        eth2 = pair[1];
        configure(h1, lo1, eth1, ip1, "10.0.0.1");
        configure(h2, lo2, eth2, ip2, "10.0.0.2");
        InetSockets.of(h1).register(tcp1);
        InetSockets.of(h1).register(udp1);
    }

    private static void configure(Kernel k, NetDevice lo, NetDevice eth, FakeIpStack ip, String addr) {
        lo.addAddress(InetIfAddr.of(Ip4.LOOPBACK, 8, "lo"));
        eth.addAddress(InetIfAddr.of(Ip4.parse(addr), 24, "eth0"));
        k.exportSymbol(IpStack.class, ip, "ipv4");
        ip.add(new Route(Ip4.parse("127.0.0.0"), 8, 0, "lo", Ip4.LOOPBACK, 0, "kernel", "host"));
        ip.add(Route.connected(Ip4.parse("10.0.0.0"), 24, "eth0", Ip4.parse(addr)));
    }
}
