package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.scenario.Topology;
import org.stacklab.sim.Time;
import org.stacklab.syscall.Processes;
import org.stacklab.syscall.Scheduler;
import org.stacklab.syscall.Task;

/** The network programs on the full machine: e1000 NICs, a switch, the reference modules, names from /etc/hosts. */
class ProgramsOnTopologyTest {
    final Topology topo = Topology.twoHostsOnSwitch(5);
    final Scheduler sched = Scheduler.of(topo.loop());

    {
        EtcHosts.fill(topo);
    }

    Task run(String host, String... argv) {
        return Processes.on(topo.host(host).kernel()).spawn(argv[0], Programs.lookup(argv[0]), argv);
    }

    @AfterEach
    void clean() {
        sched.killAll();
        assertEquals("[]", topo.oopses().toString(), topo.report());
    }

    @Test
    void httpGetFetchesAMegabyteThroughTheRings() {
        Task httpd = run("h2", "httpd", "-c", "1");
        Task get = run("h1", "http-get", "-s", "http://h2/bytes/1000000");
        assertTrue(sched.runUntilAllExit(Time.s(30)), topo.report());
        assertEquals(0, get.exitStatus(), get.stderr() + topo.report());
        assertTrue(get.stdout().startsWith("HTTP 200, 1000000 bytes in "), get.stdout());
        assertTrue(httpd.stdout().contains("10.0.0.1 \"GET /bytes/1000000 HTTP/1.0\" 200 1000000"), httpd.stdout());
    }

    @Test
    void ncOverUdpAndTcpByName() {
        Task udpServer = run("h2", "nc", "-u", "-l", "-w", "1", "9000");
        Task udpClient = run("h1", "nc", "-u", "h2", "9000");
        udpClient.console().openStdin().type("over udp\n").closeStdin();
        Task tcpServer = run("h2", "nc", "-l", "80");
        Task tcpClient = run("h1", "nc", "h2", "80");
        tcpClient.console().openStdin().type("over tcp\n").closeStdin();
        assertTrue(sched.runUntilAllExit(Time.s(30)), topo.report());
        assertEquals("over udp\n", udpServer.stdout());
        assertEquals("over tcp\n", tcpServer.stdout());
        assertEquals(0, tcpClient.exitStatus() | tcpServer.exitStatus() | udpClient.exitStatus() | udpServer.exitStatus());
    }
}
