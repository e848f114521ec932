package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.IrqStats;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.kernel.ip.Route;
import org.stacklab.syscall.procfs.ProcFs;

/** procfs files against the layouts Linux prints (seq_printf formats of the cited kernel files). */
class ProcFsTest {
    private final Lab lab = new Lab();

    private List<String> lines(Kernel k, String path) {
        String s = ProcFs.of(k).generate(path);
        return List.of(s.split("\n"));
    }

    @Test
    void procNetTcpPrintsHexAddressesStateAndQueues() {
        lab.tcp1.socks.add(FakeSock.tcp("LISTEN", 2, 128, "0.0.0.0:80", "0.0.0.0:0", 20001));
        lab.tcp1.socks.add(FakeSock.tcp("ESTABLISHED", 3, 5, "10.0.0.1:40000", "10.0.0.2:80", 20002));
        lab.tcp1.socks.add(FakeSock.tcp("SYN-RECEIVED", 0, 0, "127.0.0.1:80", "127.0.0.1:50000", 20003));
        List<String> l = lines(lab.h1, "/proc/net/tcp");
        assertEquals("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode", l.get(0).stripTrailing());
        // LISTEN: rx_queue is the accept queue, tx_queue 0 (tcp_ipv4.c get_tcp4_sock).
        assertEquals("   0: 00000000:0050 00000000:0000 0A 00000000:00000002 00:00000000 00000000     0        0 20001 1 0000000000000000 0 0 0 0 0", l.get(1).stripTrailing());
        assertEquals("   1: 0100000A:9C40 0200000A:0050 01 00000005:00000003 00:00000000 00000000     0        0 20002 1 0000000000000000 0 0 0 0 0", l.get(2).stripTrailing());
        assertEquals("   2: 0100007F:0050 0100007F:C350 03 00000000:00000000 00:00000000 00000000     0        0 20003 1 0000000000000000 0 0 0 0 0", l.get(3).stripTrailing());
        for (String line : l) assertEquals(149, line.length(), "every line is padded to 149 columns: '" + line + "'");
    }

    @Test
    void procNetUdpShowsUnconnectedAsClose() {
        lab.udp1.socks.add(FakeSock.udp("UNCONN", "0.0.0.0:53", "0.0.0.0:0", 30001));
        lab.udp1.socks.add(FakeSock.udp("ESTABLISHED", "10.0.0.1:5000", "10.0.0.2:53", 30002));
        List<String> l = lines(lab.h1, "/proc/net/udp");
        assertEquals("   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops", l.get(0).stripTrailing());
        assertEquals("    0: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 30001 2 0000000000000000 0", l.get(1).stripTrailing());
        assertEquals("    1: 0100000A:1388 0200000A:0035 01 00000000:00000000 00:00000000 00000000     0        0 30002 2 0000000000000000 0", l.get(2).stripTrailing());
        for (String line : l) assertEquals(127, line.length());
    }

    @Test
    void procNetDevHasLinuxHeaderAndOneLinePerDevice() {
        lab.eth1.stats().rxBytes = 1234;
        lab.eth1.stats().rxPackets = 12;
        lab.eth1.stats().txBytes = 5678;
        lab.eth1.stats().txPackets = 34;
        lab.eth1.stats().rxDropped = 1;
        lab.eth1.stats().rxMissedErrors = 2;
        List<String> l = lines(lab.h1, "/proc/net/dev");
        assertEquals("Inter-|   Receive                                                |  Transmit", l.get(0));
        assertEquals(" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed", l.get(1));
        assertEquals("    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0", l.get(2));
        // drop = rx_dropped + rx_missed_errors, as dev_seq_printf_stats adds them.
        assertEquals("  eth0:    1234      12    0    3    0     0          0         0     5678      34    0    0    0     0       0          0", l.get(3));
    }

    @Test
    void procNetRouteShowsMainTableInNetworkByteOrder() {
        lab.ip1.add(Route.defaultVia(Ip4.parse("10.0.0.254"), "eth0"));
        List<String> l = lines(lab.h1, "/proc/net/route");
        assertEquals("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT", l.get(0).stripTrailing());
        assertEquals(3, l.size(), "the local 127/8 route is not in the main table: " + l);
        assertEquals("eth0\t0000000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0", l.get(1).stripTrailing());
        assertEquals("eth0\t00000000\tFE00000A\t0003\t0\t0\t0\t00000000\t0\t0\t0", l.get(2).stripTrailing());
        for (String line : l) assertEquals(127, line.length());
    }

    @Test
    void procNetArpShowsCompleteAndIncompleteEntries() {
        lab.ip1.neighbours.add(new Neighbour(Ip4.parse("10.0.0.2"), 0x020000000002L, "eth0", "REACHABLE", 0));
        lab.ip1.neighbours.add(new Neighbour(Ip4.parse("10.0.0.9"), 0, "eth0", "INCOMPLETE", 0));
        List<String> l = lines(lab.h1, "/proc/net/arp");
        assertEquals("IP address       HW type     Flags       HW address            Mask     Device", l.get(0));
        assertEquals("10.0.0.2         0x1         0x2         02:00:00:00:00:02     *        eth0", l.get(1));
        assertEquals("10.0.0.9         0x1         0x0         00:00:00:00:00:00     *        eth0", l.get(2));
    }

    @Test
    void procInterruptsCountsPerIrq() {
        lab.eth1.setIrq(11);
        IrqStats irqs = IrqStats.of(lab.h1);
        irqs.request(11, "eth0");
        for (int i = 0; i < 3; i++) irqs.count(11);
        List<String> l = lines(lab.h1, "/proc/interrupts");
        assertEquals("           CPU0       ", l.get(0));
        assertEquals(" 11:          3   IO-APIC  11-fasteoi   eth0", l.get(1));
        assertEquals("ERR:          0", l.get(2));
    }

    @Test
    void procModulesListsUsersAndRefcount() {
        lab.h1.insmod(module("ipv4", List.of()));
        lab.h1.insmod(module("udp", List.of("ipv4")));
        List<String> l = lines(lab.h1, "/proc/modules");
        assertEquals("udp 0 0 - Live 0x0000000000000000", l.get(0));
        assertEquals("ipv4 0 1 udp, Live 0x0000000000000000", l.get(1));
    }

    @Test
    void unknownFileIsAbsentAndDirectoriesAreListed() {
        assertNull(ProcFs.of(lab.h1).open("/proc/net/nope"));
        assertTrue(ProcFs.of(lab.h1).isDirectory("/proc/net"));
        assertTrue(ProcFs.of(lab.h1).list("/proc/net").containsAll(List.of("arp", "dev", "route", "tcp", "udp")));
    }

    @Test
    void devKmsgCarriesPriorityAndMicroseconds() {
        lab.loop.runFor(1_500_000);
        lab.h1.log().warn("eth0: something odd");
        String kmsg = ProcFs.of(lab.h1).generate("/dev/kmsg");
        assertTrue(kmsg.contains(",1500,-;eth0: something odd\n"), kmsg);
        assertTrue(kmsg.lines().anyMatch(x -> x.startsWith("4,") && x.endsWith("eth0: something odd")), kmsg);
    }

    @Test
    void procNetSnmpHasIpIcmpAndTransportLines() {
        lab.ip1.counters.put("InReceives", 7L);
        lab.ip1.counters.put("IcmpOutEchos", 3L);
        List<String> l = lines(lab.h1, "/proc/net/snmp");
        assertTrue(l.get(0).startsWith("Ip: Forwarding DefaultTTL InReceives InHdrErrors"), l.get(0));
        assertTrue(l.get(1).startsWith("Ip: 2 64 7 0"), "forwarding off is 2; default TTL 64: " + l.get(1));
        assertTrue(l.get(3).startsWith("Icmp:"), l.get(3));
        int outEchos = List.of(l.get(2).split(" ")).indexOf("OutEchos");
        assertEquals("3", l.get(3).split(" ")[outEchos], "the value stands under its name");
        assertTrue(l.contains("Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors"), l.toString());
        assertTrue(l.contains("Udp: 0 0 0 0 0 0 0 0 0"), l.toString());
    }

    static KernelModule module(String name, List<String> deps) {
        return new KernelModule() {
            @Override public String name() { return name; }
            @Override public List<String> dependsOn() { return deps; }
            @Override public void init(Kernel kernel) {}
            @Override public void exit(Kernel kernel) {}
        };
    }
}
