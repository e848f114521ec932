package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;

/** ping's iputils output: the banner, one line per reply, the statistics and rtt summary. */
class PingTest {
    private final Lab lab = new Lab();

    private void pingSocket(java.util.function.IntToLongFunction rtt, java.util.function.IntPredicate lost) {
        InetSockets.of(lab.h1).register(new FakeProto(Sock.SOCK_DGRAM, Sock.IPPROTO_ICMP,
                () -> new FakePingSock(lab.h1, rtt, lost)));
    }

    @Test
    void fiveRepliesAndTheSummary() {
        // RTTs 100, 200, ..., 500 microseconds.
        pingSocket(seq -> seq * 100_000L, seq -> false);
        assertEquals(String.join("\n",
                "PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.",
                "64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.100 ms",
                "64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=0.200 ms",
                "64 bytes from 10.0.0.2: icmp_seq=3 ttl=64 time=0.300 ms",
                "64 bytes from 10.0.0.2: icmp_seq=4 ttl=64 time=0.400 ms",
                "64 bytes from 10.0.0.2: icmp_seq=5 ttl=64 time=0.500 ms",
                "",
                "--- 10.0.0.2 ping statistics ---",
                "5 packets transmitted, 5 received, 0% packet loss, time 4000ms",
                // avg 300us; mdev = sqrt(mean(t^2) - avg^2) = sqrt(110000 - 90000) = 141us
                "rtt min/avg/max/mdev = 0.100/0.300/0.500/0.141 ms",
                ""), DirectProcess.run(lab.h1, "ping", "-c", "5", "10.0.0.2"));
    }

    @Test
    void lossIsCountedAndPrintedLikeCsPercentG() {
        pingSocket(seq -> 2_500_000L, seq -> seq == 2);
        String out = DirectProcess.run(lab.h1, "ping", "-c", "3", "-i", "0.2", "-W", "1", "10.0.0.2");
        assertTrue(out.contains("64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=2.50 ms\n"), out);
        assertTrue(!out.contains("icmp_seq=2 "), out);
        assertTrue(out.contains("3 packets transmitted, 2 received, 33.3333% packet loss, time 400ms\n"), out);
        assertTrue(out.contains("rtt min/avg/max/mdev = 2.500/2.500/2.500/0.000 ms\n"), out);
    }

    @Test
    void noReplyAtAllExitsOneWithoutRttLine() {
        pingSocket(seq -> 0, seq -> true);
        String out = DirectProcess.run(lab.h1, "ping", "-c", "2", "-W", "2", "10.0.0.9");
        assertTrue(out.contains("2 packets transmitted, 0 received, 100% packet loss, time 1000ms\n"), out);
        assertTrue(!out.contains("rtt"), out);
        assertTrue(out.endsWith("[exit 1]\n"), out);
    }

    @Test
    void sizeChangesTheBannerAndReplyLength() {
        pingSocket(seq -> 15_000_000L, seq -> false);
        String out = DirectProcess.run(lab.h1, "ping", "-c", "1", "-s", "100", "10.0.0.2");
        assertTrue(out.startsWith("PING 10.0.0.2 (10.0.0.2) 100(128) bytes of data.\n"
                + "108 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=15.0 ms\n"), out);
    }

    @Test
    void hostNamesResolveThroughEtcHosts() {
        pingSocket(seq -> 100_000L, seq -> false);
        org.stacklab.syscall.procfs.ProcFs.of(lab.h1).register("/etc/hosts", k -> "127.0.0.1\tlocalhost\n10.0.0.2\th2\n");
        String out = DirectProcess.run(lab.h1, "ping", "-c", "1", "h2");
        assertTrue(out.startsWith("PING h2 (10.0.0.2) 56(84) bytes of data.\n64 bytes from h2 (10.0.0.2): icmp_seq=1"), out);
        assertTrue(out.contains("--- h2 ping statistics ---"), out);
        assertEquals("ping: nohost: Name or service not known\n[exit 2]\n", DirectProcess.run(lab.h1, "ping", "nohost"));
    }

    @Test
    void flagsGroupAndTakeAttachedValuesAsGetoptDoes() {
        pingSocket(seq -> 100_000L, seq -> false);
        org.stacklab.syscall.procfs.ProcFs.of(lab.h1).register("/etc/hosts", k -> "10.0.0.2\th2\n");
        String out = DirectProcess.run(lab.h1, "ping", "-c1", "-n", "-4", "h2");
        assertTrue(out.startsWith("PING h2 (10.0.0.2) 56(84) bytes of data.\n64 bytes from 10.0.0.2: icmp_seq=1"), out);
        assertTrue(out.contains("1 packets transmitted, 1 received"), out);
        assertTrue(DirectProcess.run(lab.h1, "ping", "-4nc", "1", "10.0.0.2").contains("1 packets transmitted"));
        assertTrue(DirectProcess.run(lab.h1, "ping", "-x", "10.0.0.2").startsWith("ping: invalid option -- 'x'\n"));
    }

    @Test
    void deadlineStopsAnEndlessPingAndQuietPrintsOnlyTheSummary() {
        pingSocket(seq -> 100_000L, seq -> false);
        String out = DirectProcess.run(lab.h1, "ping", "-q", "-w", "3", "10.0.0.2");
        assertEquals(String.join("\n",
                "PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.",
                "",
                "--- 10.0.0.2 ping statistics ---",
                "3 packets transmitted, 3 received, 0% packet loss, time 2000ms",
                "rtt min/avg/max/mdev = 0.100/0.100/0.100/0.000 ms",
                ""), out);
    }

    @Test
    void tripTimePrecisionFollowsIputils() {
        assertEquals("0.123 ms", Ping.formatTrip(123));
        assertEquals("1.23 ms", Ping.formatTrip(1234));
        assertEquals("12.3 ms", Ping.formatTrip(12_345));
        assertEquals("123 ms", Ping.formatTrip(123_456));
        assertEquals("33.3333", Ping.formatG(100.0 / 3));
        assertEquals("20", Ping.formatG(20.0));
    }
}
