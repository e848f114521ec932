package org.stacklab.kernel.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Checksum;

class TcpHeaderTest {
    @Test
    void writeThenParseKeepsEveryFieldAndOption() {
        TcpHeader h = TcpHeader.of(40000, 80, 0xFFFFFFF0, 12345, TcpFlags.SYN | TcpFlags.ACK, 65535)
                .withMss(1460).withWscale(7).withTimestamps(0xFFFFFFFEL, 42);
        byte[] b = new byte[h.length()];
        assertEquals(20 + 4 + 4 + 12, h.writeTo(b, 0));
        TcpHeader p = TcpHeader.parse(b, 0, b.length);
        assertEquals(40000, p.srcPort());
        assertEquals(80, p.dstPort());
        assertEquals(0xFFFFFFF0, p.seq());
        assertEquals(12345, p.ack());
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, p.flags());
        assertEquals(65535, p.window());
        assertEquals(1460, p.mss());
        assertEquals(7, p.wscale());
        assertEquals(0xFFFFFFFEL, p.tsVal());
        assertEquals(42, p.tsEcr());
        assertEquals(h.length(), p.length());
    }

    @Test
    void optionsAreParsedWhateverTheOrderAndUnknownOnesSkipped() {
        byte[] b = new byte[32];
        TcpHeader.of(1, 2, 3, 4, TcpFlags.SYN, 5).writeTo(b, 0);
        b[12] = (byte) (8 << 4);                 // 32-byte header
        int i = 20;
        b[i++] = 4; b[i++] = 2;                  // SACK permitted
        b[i++] = 30; b[i++] = 3; b[i++] = 9;     // an unknown 3-byte option
        b[i++] = 2; b[i++] = 4; b[i++] = 0x02; b[i++] = 0x18; // MSS 536
        b[i++] = 1;                              // NOP
        b[i++] = 0;                              // EOL
        TcpHeader p = TcpHeader.parse(b, 0, b.length);
        assertTrue(p.sackPermitted());
        assertEquals(536, p.mss());
        assertEquals(-1, p.wscale());
    }

    @Test
    void windowScaleAbove14IsCapped() {
        TcpHeader h = TcpHeader.of(1, 2, 3, 4, TcpFlags.SYN, 5).withWscale(14);
        byte[] b = new byte[h.length()];
        h.writeTo(b, 0);
        b[23] = 20;
        assertEquals(14, TcpHeader.parse(b, 0, b.length).wscale());
    }

    @Test
    void malformedHeadersAreRejected() {
        byte[] b = new byte[24];
        TcpHeader.of(1, 2, 3, 4, TcpFlags.ACK, 5).writeTo(b, 0);
        assertNull(TcpHeader.parse(b, 0, 19), "shorter than 20 bytes");
        b[12] = (byte) (4 << 4);
        assertNull(TcpHeader.parse(b, 0, 24), "data offset below 5");
        b[12] = (byte) (7 << 4);
        assertNull(TcpHeader.parse(b, 0, 24), "data offset past the segment");
        b[12] = (byte) (6 << 4);
        b[20] = 2; b[21] = 8;                    // an MSS option claiming 8 bytes in a 4-byte area
        assertNull(TcpHeader.parse(b, 0, 24), "option past the header");
    }

    @Test
    void checksumOverPseudoHeaderVerifiesToZero() {
        TcpHeader h = TcpHeader.of(40000, 80, 1, 2, TcpFlags.ACK | TcpFlags.PSH, 1000);
        byte[] b = new byte[h.length() + 5];
        h.writeTo(b, 0);
        System.arraycopy("hello".getBytes(), 0, b, 20, 5);
        int saddr = 0x0A000001, daddr = 0x0A000002;
        TcpHeader.setChecksum(b, 0, Checksum.transport(saddr, daddr, 6, b, 0, b.length));
        assertEquals(0, Checksum.transport(saddr, daddr, 6, b, 0, b.length));
        b[22] ^= 0x10;
        assertTrue(Checksum.transport(saddr, daddr, 6, b, 0, b.length) != 0, "a flipped bit is caught");
    }

    @Test
    void describesLikeTcpdump() {
        TcpHeader h = TcpHeader.of(40000, 80, 1000, 0, TcpFlags.SYN, 65535).withMss(1460);
        assertEquals("Flags [S], seq 1000, win 65535, options [mss 1460], length 0", h.describe(0));
        assertEquals("Flags [P.], seq 1:6, ack 9, win 10, length 5",
                TcpHeader.of(1, 2, 1, 9, TcpFlags.PSH | TcpFlags.ACK, 10).describe(5));
        assertEquals("SYN_RECV", TcpState.SYN_RECEIVED.linuxName());
        assertEquals("FIN-WAIT-1", TcpState.FIN_WAIT_1.rfcName());
    }

    /** Linux's default SYN: mss, sackOK, TS, nop, wscale — 20 option bytes, data offset 10. */
    static byte[] linuxSyn() {
        byte[] b = new byte[40 + 3];
        TcpHeader.of(40000, 80, 1000, 0, TcpFlags.SYN, 64240).writeTo(b, 0);
        b[12] = (byte) (10 << 4);
        byte[] o = {2, 4, 0x05, (byte) 0xb4, 4, 2, 8, 10, 0, 0, 0, 7, 0, 0, 0, 0, 1, 3, 3, 7};
        System.arraycopy(o, 0, b, 20, o.length);
        b[40] = 'a'; b[41] = 'b'; b[42] = 'c';
        return b;
    }

    @Test
    void theDataOffsetOnTheWireSaysWhereTheDataStarts() {
        byte[] b = linuxSyn();
        TcpHeader p = TcpHeader.parse(b, 0, b.length);
        assertEquals(10, p.dataOffset());
        assertEquals(40, p.length(), "the header ends at the data offset, not where our own layout would end it");
        assertEquals(1460, p.mss());
        assertTrue(p.sackPermitted());
        assertEquals(7, p.tsVal());
        assertEquals(7, p.wscale());
    }

    @Test
    void aParsedHeaderIsWrittenBackByteForByte() {
        byte[] b = linuxSyn();
        TcpHeader p = TcpHeader.parse(b, 0, b.length);
        byte[] out = new byte[p.length()];
        assertEquals(40, p.writeTo(out, 0));
        byte[] want = java.util.Arrays.copyOf(b, 40);
        want[16] = 0; want[17] = 0;              // writeTo leaves the checksum to the sender
        assertArrayEquals(want, out);
        // Changing a fixed field keeps the layout; changing an option lays the options out anew.
        assertEquals(40, p.withAck(5).length());
        assertEquals(20 + 4 + 4 + 4 + 12, p.withMss(536).length());
    }

    @Test
    void sackBlocksAreParsedAndWritten() {
        TcpHeader h = TcpHeader.of(1, 2, 3, 4, TcpFlags.ACK, 5).withTimestamps(9, 8).withSack(100, 200, 300, 400);
        assertEquals(20 + 12 + 4 + 16, h.length());
        byte[] b = new byte[h.length()];
        h.writeTo(b, 0);
        TcpHeader p = TcpHeader.parse(b, 0, b.length);
        assertEquals(2, p.sackBlocks());
        assertEquals(100, p.sackLeft(0));
        assertEquals(200, p.sackRight(0));
        assertEquals(300, p.sackLeft(1));
        assertEquals(400, p.sackRight(1));
        assertEquals(9, p.tsVal());
        assertTrue(p.describe(0).contains("sack 2 {100:200} {300:400}"), p.describe(0));
    }

    @Test
    void eachMalformationHasItsReason() {
        byte[] b = new byte[24];
        TcpHeader.of(1, 2, 3, 4, TcpFlags.ACK, 5).writeTo(b, 0);
        assertEquals(TcpHeader.Malformed.TRUNCATED, TcpHeader.malformed(b, 0, 19));
        b[12] = (byte) (4 << 4);
        assertEquals(TcpHeader.Malformed.BAD_DATA_OFFSET, TcpHeader.malformed(b, 0, 24));
        b[12] = (byte) (7 << 4);
        assertEquals(TcpHeader.Malformed.BAD_DATA_OFFSET, TcpHeader.malformed(b, 0, 24));
        b[12] = (byte) (6 << 4);
        b[20] = 30; b[21] = 0;                   // length 0
        assertEquals(TcpHeader.Malformed.BAD_OPTION, TcpHeader.malformed(b, 0, 24));
        b[21] = 1;                               // length 1
        assertEquals(TcpHeader.Malformed.BAD_OPTION, TcpHeader.malformed(b, 0, 24));
        b[20] = 1; b[21] = 1; b[22] = 1; b[23] = 8; // a kind with no room for its length byte
        assertEquals(TcpHeader.Malformed.BAD_OPTION, TcpHeader.malformed(b, 0, 24));
        b[23] = 0;                               // EOL: the rest is padding
        assertNull(TcpHeader.malformed(b, 0, 24));
    }
}
