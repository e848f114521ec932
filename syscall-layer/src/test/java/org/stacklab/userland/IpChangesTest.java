package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.sim.Time;
import org.stacklab.syscall.Processes;
import org.stacklab.syscall.RealHosts;
import org.stacklab.syscall.Task;

/** ip never fakes success: changes reach the kernel through rtnetlink requests, or ip says why not. */
class IpChangesTest {
    RealHosts net;

    @BeforeEach
    void hosts() { net = new RealHosts(3); }

    /** stdout, then stderr after "--stderr--" if any, then "[exit N]" if not 0. */
    String ip(Kernel k, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ip";
        System.arraycopy(args, 0, argv, 1, args.length);
        Task t = Processes.on(k).spawn("ip", Programs.lookup("ip"), argv);
        assertTrue(net.sched.runUntil(t::exited, Time.s(1)), "ip did not exit");
        return t.stdout() + (t.stderr().isEmpty() ? "" : "--stderr--\n" + t.stderr())
                + (t.exitStatus() == 0 ? "" : "[exit " + t.exitStatus() + "]\n");
    }

    boolean isLocal(Kernel k, String a) { return k.symbol(IpStack.class).isLocalAddress(Ip4.parse(a)); }

    @Test
    void addrAddAndDelReallyChangeTheAddresses() {
        assertEquals("", ip(net.h1, "addr", "add", "10.0.0.5/24", "dev", "eth0"));
        assertTrue(isLocal(net.h1, "10.0.0.5"));
        assertEquals("eth0             UP             10.0.0.1/24 10.0.0.5/24 \n", ip(net.h1, "-br", "a", "show", "eth0"));
        assertEquals("--stderr--\nRTNETLINK answers: File exists\n[exit 2]\n", ip(net.h1, "addr", "add", "10.0.0.5/24", "dev", "eth0"));
        assertEquals("", ip(net.h1, "address", "del", "10.0.0.5/24", "dev", "eth0"));
        assertTrue(!isLocal(net.h1, "10.0.0.5"));
        assertEquals("--stderr--\nRTNETLINK answers: Cannot assign requested address\n[exit 2]\n",
                ip(net.h1, "addr", "del", "10.0.0.5/24", "dev", "eth0"));
        assertEquals("--stderr--\nCannot find device \"eth9\"\n[exit 1]\n", ip(net.h1, "addr", "add", "10.0.0.6/24", "dev", "eth9"));
        assertEquals("--stderr--\nError: any valid prefix is expected rather than \"10.0.0/24\".\n[exit 1]\n",
                ip(net.h1, "addr", "add", "10.0.0/24", "dev", "eth0"));
    }

    @Test
    void anAddedAddressAnswersConnections() {
        ip(net.h2, "addr", "add", "10.0.0.22/24", "dev", "eth0");
        Task server = Processes.on(net.h2).spawn("nc", Programs.lookup("nc"), new String[] {"nc", "-l", "80"});
        server.console().openStdin();
        net.sched.runFor(Time.ms(1));
        Task client = Processes.on(net.h1).spawn("nc", Programs.lookup("nc"), new String[] {"nc", "10.0.0.22", "80"});
        client.console().openStdin().type("to the new address\n");
        net.sched.runFor(Time.ms(50));
        assertEquals("to the new address\n", server.stdout(), net.diagnostics());
    }

    @Test
    void linkSetDownAndUp() {
        assertEquals("", ip(net.h1, "link", "set", "eth0", "down"));
        assertTrue(!net.eth1.isUp());
        assertTrue(ip(net.h1, "-br", "link").contains("eth0             DOWN           02:00:00:00:00:01 <BROADCAST,MULTICAST> \n"),
                ip(net.h1, "-br", "link"));
        assertEquals("", ip(net.h1, "link", "set", "dev", "eth0", "up", "mtu", "1400"));
        assertTrue(net.eth1.isUp());
        assertEquals(1400, net.eth1.mtu());
        // "down" is a keyword, as iproute2 parses it: no device named.
        assertEquals("--stderr--\nNot enough of information: \"dev\" argument is required.\n[exit 255]\n", ip(net.h1, "link", "set", "down"));
        assertEquals("--stderr--\nRTNETLINK answers: Invalid argument\n[exit 2]\n", ip(net.h1, "link", "set", "eth0", "mtu", "20"));
    }

    @Test
    void routeGetPrintsTheRouteAsIproute2() {
        assertEquals("10.0.0.2 dev eth0 src 10.0.0.1 uid 0 \n    cache \n", ip(net.h1, "route", "get", "10.0.0.2"));
        assertEquals("local 10.0.0.1 dev lo src 10.0.0.1 uid 0 \n    cache <local> \n", ip(net.h1, "route", "get", "10.0.0.1"));
        assertEquals("--stderr--\nRTNETLINK answers: Network is unreachable\n[exit 2]\n", ip(net.h1, "route", "get", "8.8.8.8"));
        assertEquals("", ip(net.h1, "route", "add", "default", "via", "10.0.0.254"));
        assertEquals("8.8.8.8 via 10.0.0.254 dev eth0 src 10.0.0.1 uid 0 \n    cache \n", ip(net.h1, "r", "get", "8.8.8.8"));
        assertTrue(ip(net.h1, "route").contains("default via 10.0.0.254 dev eth0\n"), ip(net.h1, "route"));
        assertEquals("--stderr--\nRTNETLINK answers: File exists\n[exit 2]\n", ip(net.h1, "route", "add", "default", "via", "10.0.0.254"));
        assertEquals("", ip(net.h1, "route", "del", "default"));
        assertEquals("--stderr--\nRTNETLINK answers: No such process\n[exit 2]\n", ip(net.h1, "route", "del", "default"));
    }

    @Test
    void unsupportedCommandsSaySoAndFail() {
        String out = ip(net.h1, "link", "add", "dummy0", "type", "dummy");
        assertTrue(out.startsWith("--stderr--\nCommand \"add\" is unknown or not supported by StackLab's ip link"), out);
        assertTrue(out.endsWith("[exit 255]\n"), out);
        assertTrue(ip(net.h1, "route", "flush", "all").endsWith("[exit 255]\n"));
        assertTrue(ip(net.h1, "route", "show", "table", "local").endsWith("[exit 255]\n"));
        assertTrue(ip(net.h1, "neigh", "flush", "all").endsWith("[exit 255]\n"));
        assertTrue(ip(net.h1, "tunnel").endsWith("[exit 255]\n"));
        String help = ip(net.h1, "help");
        assertTrue(help.startsWith("--stderr--\nUsage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n") && !help.contains("[exit"), help);
    }
}
