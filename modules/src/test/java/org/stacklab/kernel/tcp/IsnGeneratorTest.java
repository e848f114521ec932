package org.stacklab.kernel.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** RFC 6528 §3: ISN = M + F(four-tuple, secret), M a timer ticking every 4 µs. */
class IsnGeneratorTest {
    static final int A = 0x0a4d0002, B = 0x0a4d0001;

    static byte[] secret(int b) {
        byte[] s = new byte[16];
        java.util.Arrays.fill(s, (byte) b);
        return s;
    }

    final IsnGenerator g = new IsnGenerator(secret(7));

    @Test
    void theClockPartTicksEveryFourMicroseconds() {
        int at0 = g.isn(0, A, 40000, B, 80);
        assertEquals(at0, g.isn(3_999, A, 40000, B, 80), "still the same 4 µs tick");
        assertEquals(at0 + 1, g.isn(4_000, A, 40000, B, 80));
        assertEquals(at0 + 250_000, g.isn(1_000_000_000L, A, 40000, B, 80), "250 000 ticks a second");
        // The 32-bit space wraps after 2^32 * 4 µs (about 4.77 hours), as RFC 9293 §3.4.1 says.
        assertEquals(at0, g.isn((1L << 32) * IsnGenerator.TICK_NS, A, 40000, B, 80));
    }

    @Test
    void eachFourTupleHasItsOwnOffset() {
        int base = g.isn(0, A, 40000, B, 80);
        assertNotEquals(base, g.isn(0, A, 40001, B, 80), "another local port");
        assertNotEquals(base, g.isn(0, A, 40000, B, 81), "another remote port");
        assertNotEquals(base, g.isn(0, B, 40000, A, 80), "addresses swapped");
    }

    @Test
    void theSecretDecidesTheOffsetAndTheSameSecretReplays() {
        assertEquals(g.isn(123_456_789L, A, 40000, B, 80), new IsnGenerator(secret(7)).isn(123_456_789L, A, 40000, B, 80));
        assertNotEquals(g.isn(0, A, 40000, B, 80), new IsnGenerator(secret(8)).isn(0, A, 40000, B, 80));
    }

    @Test
    void theTimestampOffsetIsPerAddressPairAndPerSecret() {
        assertEquals(g.tsOffset(A, B), new IsnGenerator(secret(7)).tsOffset(A, B));
        assertNotEquals(g.tsOffset(A, B), g.tsOffset(B, A));
        assertNotEquals(g.tsOffset(A, B), new IsnGenerator(secret(8)).tsOffset(A, B), "a fresh run, a fresh TSval clock");
    }
}
