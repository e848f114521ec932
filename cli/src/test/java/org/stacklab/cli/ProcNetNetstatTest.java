package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.tcp.TcpFlags;
import org.stacklab.kernel.tcp.TcpHeader;
import org.stacklab.syscall.procfs.ProcFs;
import org.stacklab.testkit.tcp.TcpHarness;

/** /proc/net/netstat shows the TcpExt counters, the new TCPBadOptions among them, under their names. */
class ProcNetNetstatTest {
    @Test
    void aSegmentWithAZeroLengthOptionIsCountedInTcpExt() {
        TcpHarness h = TcpHarness.create(3);
        h.listenOn(80);
        byte[] b = new byte[24];
        TcpHeader.of(40000, 80, 1, 0, TcpFlags.SYN, 1000).writeTo(b, 0);
        b[12] = (byte) (6 << 4);
        b[20] = 2;  // MSS kind, length 0: malformed (RFC 9293 §3.1)
        TcpHeader.setChecksum(b, 0, Checksum.transport(TcpHarness.PEER, TcpHarness.LOCAL, IpStack.PROTO_TCP, b, 0, b.length));
        h.ip().inject(IpStack.PROTO_TCP, TcpHarness.PEER, TcpHarness.LOCAL, b);
        h.after(0);
        h.expectNothingSent();

        List<String> l = ProcFs.of(h.kernel()).generate("/proc/net/netstat").lines().toList();
        assertEquals(2, l.size(), l.toString());
        List<String> names = List.of(l.get(0).split(" ")), values = List.of(l.get(1).split(" "));
        assertEquals("TcpExt:", names.get(0));
        assertEquals("1", values.get(names.indexOf("TCPBadOptions")), l.toString());
        assertEquals("0", values.get(names.indexOf("ListenOverflows")), l.toString());
    }
}
