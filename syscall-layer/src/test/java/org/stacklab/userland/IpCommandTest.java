package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.ip.Route;

/** ip link / ip addr / ip route / ip -s link in iproute2's line layout. */
class IpCommandTest {
    private final Lab lab = new Lab();

    @Test
    void ipAddrShowsLinksAndAddresses() {
        assertEquals(String.join("\n",
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000",
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
                "    inet 127.0.0.1/8 scope host lo",
                "       valid_lft forever preferred_lft forever",
                "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000",
                "    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff",
                "    inet 10.0.0.1/24 brd 10.0.0.255 scope global eth0",
                "       valid_lft forever preferred_lft forever",
                ""), DirectProcess.run(lab.h1, "ip", "addr"));
        assertEquals(DirectProcess.run(lab.h1, "ip", "addr"), DirectProcess.run(lab.h1, "ip", "a"));
    }

    @Test
    void ipLinkSaysModeDefaultAndNoCarrier() {
        lab.eth1.clearFlags(NetDevice.IFF_RUNNING | NetDevice.IFF_LOWER_UP);
        assertEquals(String.join("\n",
                "2: eth0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc pfifo_fast state DOWN mode DEFAULT group default qlen 1000",
                "    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff",
                ""), DirectProcess.run(lab.h1, "ip", "link", "show", "eth0"));
        assertEquals("Device \"eth9\" does not exist.\n[exit 1]\n", DirectProcess.run(lab.h1, "ip", "link", "show", "dev", "eth9"));
    }

    @Test
    void ipRouteShowsTheMainTable() {
        lab.ip1.add(Route.defaultVia(Ip4.parse("10.0.0.254"), "eth0"));
        assertEquals("10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1\n"
                + "default via 10.0.0.254 dev eth0\n", DirectProcess.run(lab.h1, "ip", "route"));
    }

    @Test
    void ipDashSLinkPrintsCounters() {
        lab.eth1.stats().rxBytes = 1234;
        lab.eth1.stats().rxPackets = 12;
        lab.eth1.stats().txBytes = 12345678901L;
        lab.eth1.stats().txPackets = 34;
        assertEquals(String.join("\n",
                "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP mode DEFAULT group default qlen 1000",
                "    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff",
                "    RX:   bytes packets errors dropped  missed   mcast",
                "           1234      12      0       0       0       0",
                "    TX:   bytes packets errors dropped carrier collsns",
                "    12345678901      34      0       0       0       0",
                ""), DirectProcess.run(lab.h1, "ip", "-s", "link", "show", "eth0"));
    }

    @Test
    void ipNeighShowsTheArpCache() {
        lab.ip1.neighbours.add(new org.stacklab.kernel.ip.Neighbour(Ip4.parse("10.0.0.2"), 0x020000000002L, "eth0", "REACHABLE", 0));
        lab.ip1.neighbours.add(new org.stacklab.kernel.ip.Neighbour(Ip4.parse("10.0.0.9"), 0, "eth0", "INCOMPLETE", 0));
        assertEquals("10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE\n10.0.0.9 dev eth0 INCOMPLETE\n",
                DirectProcess.run(lab.h1, "ip", "neigh"));
    }

    @Test
    void unknownObjectIsRefused() {
        assertEquals("Object \"frob\" is unknown, try \"ip help\".\n[exit 255]\n", DirectProcess.run(lab.h1, "ip", "frob"));
    }
}
