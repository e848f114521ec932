package org.stacklab.solutions.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.sim.SeededRandom;

/** The wire format: round trip, checksum, and the incremental TTL update against a full recomputation. */
class Ipv4HeaderTest {
    @Test
    void writesAndParsesTheSameHeader() {
        byte[] b = new byte[20];
        Ipv4Header h = Ipv4Header.of(0x10, 84, 0xbeef, Ipv4Header.DF, 64, 1, Ip4.parse("10.0.0.1"), Ip4.parse("10.0.0.2"));
        h.writeTo(b, 0);
        assertEquals("45100054beef40004001", java.util.HexFormat.of().formatHex(b, 0, 10));
        Ipv4Header p = Ipv4Header.parse(b, 0);
        assertEquals(h, new Ipv4Header(p.version(), p.ihl(), p.tos(), p.totalLength(), p.id(), p.flags(), p.fragOffset(),
                p.ttl(), p.protocol(), 0, p.saddr(), p.daddr()), "every field but the checksum round-trips");
        assertEquals(org.stacklab.kernel.core.Checksum.compute(java.util.Arrays.copyOf(zeroChecksum(b), 20), 0, 20), p.checksum());
        assertEquals(h.saddr(), p.saddr());
        assertEquals(h.daddr(), p.daddr());
        assertTrue(p.dontFragment());
        assertFalse(p.isFragment());
        assertTrue(Ipv4Header.checksumOk(b, 0, 20));
        b[8] = 1;
        assertFalse(Ipv4Header.checksumOk(b, 0, 20));
    }

    private static byte[] zeroChecksum(byte[] b) {
        byte[] c = b.clone();
        c[10] = 0;
        c[11] = 0;
        return c;
    }

    @Test
    void fragmentOffsetIsInUnitsOfEight() {
        byte[] b = new byte[20];
        Ipv4Header.of(0, 100, 1, 0, 64, 17, 1, 2).withFragment(Ipv4Header.MF, 1480).writeTo(b, 0);
        assertEquals(0x20b9, ((b[6] & 0xff) << 8) | (b[7] & 0xff), "MF | 1480/8 = 185");
        Ipv4Header p = Ipv4Header.parse(b, 0);
        assertEquals(1480, p.fragOffset());
        assertTrue(p.moreFragments() && p.isFragment());
    }

    @Test
    void incrementalTtlDecrementMatchesAFullChecksum() {
        SeededRandom rnd = new SeededRandom(7);
        byte[] b = new byte[20];
        byte[] c = new byte[20];
        for (int i = 0; i < 20_000; i++) {
            Ipv4Header.of(rnd.nextInt(256), rnd.nextInt(20, 65536), rnd.nextInt(65536), 0, rnd.nextInt(2, 256),
                    rnd.nextInt(256), rnd.nextInt(), rnd.nextInt()).writeTo(b, 0);
            System.arraycopy(b, 0, c, 0, 20);
            Ipv4Header.decrementTtl(b, 0);
            c[8]--;
            Ipv4Header.updateChecksum(c, 0);
            assertTrue(Ipv4Header.checksumOk(b, 0, 20), "header " + i);
            // Ones' complement has two zeros (0x0000, 0xffff); both verify, so compare validity and the rest.
            assertEquals(java.util.HexFormat.of().formatHex(c, 0, 10), java.util.HexFormat.of().formatHex(b, 0, 10));
        }
    }
}
