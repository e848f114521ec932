package org.stacklab.kernel.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeqNumTest {
    @Test
    void comparisonsHoldAcrossTheWrap() {
        int before = 0xFFFFFFF0, after = 0x00000010;
        assertTrue(SeqNum.lt(before, after), "0x10 lies 32 after 0xFFFFFFF0");
        assertTrue(SeqNum.leq(before, after));
        assertTrue(SeqNum.gt(after, before));
        assertTrue(SeqNum.geq(after, before));
        assertFalse(SeqNum.lt(after, before));
        assertEquals(32, SeqNum.diff(after, before));
        assertEquals(-32, SeqNum.diff(before, after));
        assertEquals(after, SeqNum.add(before, 32));
        assertEquals(after, SeqNum.max(before, after));
        assertEquals(before, SeqNum.min(before, after));
    }

    @Test
    void windowMembershipAcrossTheWrap() {
        int lo = 0xFFFFFF00;
        int hi = lo + 0x200; // 0x00000100
        assertTrue(SeqNum.inWindow(0xFFFFFFFF, lo, hi));
        assertTrue(SeqNum.inWindow(0, lo, hi));
        assertTrue(SeqNum.inWindow(0xFF, lo, hi));
        assertFalse(SeqNum.inWindow(0x100, lo, hi), "the right edge is outside");
        assertFalse(SeqNum.inWindow(0xFFFFFEFF, lo, hi));
    }

    @Test
    void equalNumbersAndHalfTheSpace() {
        assertTrue(SeqNum.leq(5, 5) && SeqNum.geq(5, 5) && !SeqNum.lt(5, 5) && !SeqNum.gt(5, 5));
        assertTrue(SeqNum.lt(0, 0x7FFFFFFF), "just under 2^31 ahead is later");
        assertEquals("4294967295", SeqNum.toString(-1));
    }
}
