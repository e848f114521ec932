package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ss's filters, columns, state names and service names. */
class SsTest {
    private final Lab lab = new Lab();

    @BeforeEach
    void sockets() {
        lab.tcp1.socks.add(FakeSock.tcp("LISTEN", 1, 128, "0.0.0.0:80", "0.0.0.0:0", 1));
        lab.tcp1.socks.add(FakeSock.tcp("ESTABLISHED", 0, 1448, "10.0.0.1:80", "10.0.0.2:40000", 2));
        lab.tcp1.socks.add(FakeSock.tcp("TIME_WAIT", 0, 0, "10.0.0.1:80", "10.0.0.2:39999", 3));
        lab.tcp1.socks.add(FakeSock.tcp("SYN_SENT", 0, 1, "10.0.0.1:41000", "10.0.0.3:22", 4));
        lab.tcp1.socks.add(FakeSock.tcp("CLOSED", 0, 0, "0.0.0.0:5000", "0.0.0.0:0", 6)); // bound, never listened: not shown
        lab.udp1.socks.add(FakeSock.udp("UNCONN", "0.0.0.0:53", "0.0.0.0:0", 5));
    }

    @Test
    void listeningTcpNumeric() {
        assertEquals(String.join("\n",
                "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
                "LISTEN 1      128          0.0.0.0:80        0.0.0.0:*",
                ""), DirectProcess.run(lab.h1, "ss", "-tln"));
    }

    @Test
    void allTcpShowsEveryState() {
        assertEquals(String.join("\n",
                "State     Recv-Q Send-Q Local Address:Port  Peer Address:Port  Process",
                "LISTEN    1      128          0.0.0.0:80         0.0.0.0:*",
                "ESTAB     0      1448        10.0.0.1:80        10.0.0.2:40000",
                "TIME-WAIT 0      0           10.0.0.1:80        10.0.0.2:39999",
                "SYN-SENT  0      1           10.0.0.1:41000     10.0.0.3:22",
                ""), DirectProcess.run(lab.h1, "ss", "-tan"));
    }

    @Test
    void defaultFilterShowsConnectedSocketsWithServiceNames() {
        // Without -a: no LISTEN, no TIME-WAIT; without -n: ports by name.
        assertEquals(String.join("\n",
                "State    Recv-Q Send-Q Local Address:Port  Peer Address:Port  Process",
                "ESTAB    0      1448        10.0.0.1:http      10.0.0.2:40000",
                "SYN-SENT 0      1           10.0.0.1:41000     10.0.0.3:ssh",
                ""), DirectProcess.run(lab.h1, "ss", "-t"));
    }

    @Test
    void tcpAndUdpTogetherAddNetid() {
        assertEquals(String.join("\n",
                "Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
                "tcp   LISTEN 1      128          0.0.0.0:80        0.0.0.0:*",
                "udp   UNCONN 0      0            0.0.0.0:53        0.0.0.0:*",
                ""), DirectProcess.run(lab.h1, "ss", "-tuln"));
    }

    @Test
    void udpListening() {
        assertEquals(String.join("\n",
                "State  Recv-Q Send-Q Local Address:Port   Peer Address:Port Process",
                "UNCONN 0      0            0.0.0.0:domain      0.0.0.0:*",
                ""), DirectProcess.run(lab.h1, "ss", "-ul"));
    }

    @Test
    void numbersAreFormattedAsCPrintfPercentG() {
        assertEquals("0.104", Ss.g(0.104, 6));
        assertEquals("204", Ss.g(204, 6));
        assertEquals("10.05", Ss.g(10.05, 6));
        assertEquals("1e-05", Ss.g(0.00001, 6));
        assertEquals("22.3M", Ss.bw(22_345_678));
        assertEquals("1G", Ss.bw(1e9));
        assertEquals("118K", Ss.bw(117_900));
        assertEquals("999", Ss.bw(999));
    }
}
