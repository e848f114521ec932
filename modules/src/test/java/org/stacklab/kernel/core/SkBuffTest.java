package org.stacklab.kernel.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SkBuffTest {
    @Test
    void headersArePushedIntoHeadroomWithoutCopying() {
        SkBuff skb = SkBuff.allocWithHeadroom(100);
        assertEquals(SkBuff.DEFAULT_HEADROOM, skb.headroom());
        assertEquals(0, skb.len());
        int payload = skb.put(10);
        skb.buf()[payload] = 42;
        int tcp = skb.push(20);
        skb.resetTransportHeader();
        int ip = skb.push(20);
        skb.resetNetworkHeader();
        int eth = skb.push(14);
        assertEquals(SkBuff.DEFAULT_HEADROOM - 54, eth);
        assertEquals(64, skb.len());
        assertEquals(tcp, skb.transportHeader());
        assertEquals(ip, skb.networkHeader());
        skb.pull(14);
        assertEquals(ip, skb.data());
        assertEquals(42, skb.u8(payload));
    }

    @Test
    void boundsAreEnforced() {
        SkBuff skb = SkBuff.alloc(64);
        assertThrows(IllegalArgumentException.class, () -> skb.reserve(65));
        skb.reserve(16);
        assertThrows(IllegalStateException.class, () -> skb.push(17));
        assertThrows(IllegalStateException.class, () -> skb.put(49));
        assertThrows(IllegalStateException.class, () -> skb.pull(1));
        assertThrows(IllegalStateException.class, () -> skb.push(-1));
        skb.put(48);
        assertEquals(0, skb.tailroom());
        assertThrows(IllegalStateException.class, () -> skb.reserve(1));
        assertThrows(IllegalStateException.class, () -> skb.pull(49));
        skb.push(16);
        assertEquals(0, skb.headroom());
        assertEquals(64, skb.len());
        assertThrows(IllegalStateException.class, () -> skb.trim(65));
        skb.trim(10);
        assertEquals(10, skb.len());
    }

    @Test
    void fieldAccessIsBigEndianAndCopyIsDeep() {
        SkBuff skb = SkBuff.alloc(16);
        skb.put(8);
        skb.set16(0, 0x0800);
        skb.set32(2, 0x0A000001);
        assertEquals(0x08, skb.u8(0));
        assertEquals(0x0800, skb.u16(0));
        assertEquals(0x0A000001, skb.u32(2));
        SkBuff c = skb.copy();
        c.set8(0, 0xff);
        assertEquals(0x08, skb.u8(0));
        assertArrayEquals(new byte[] {8, 0, 10, 0, 0, 1, 0, 0}, skb.toByteArray());
    }

    @Test
    void wrapUsesTheFrameInPlace() {
        byte[] frame = new byte[60];
        SkBuff skb = SkBuff.wrap(frame, 42);
        assertEquals(42, skb.len());
        assertEquals(18, skb.tailroom());
        skb.set8(0, 7);
        assertEquals(7, frame[0]);
    }
}
