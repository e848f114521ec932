package org.stacklab.solutions.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteRingTest {
    @Test
    void wrapsAroundTheEndOfItsArray() {
        ByteRing r = new ByteRing(8);
        assertEquals(6, r.write("abcdef".getBytes(), 0, 6));
        byte[] out = new byte[4];
        assertEquals(4, r.read(out, 0, 4));
        assertArrayEquals("abcd".getBytes(), out);
        assertEquals(6, r.write("ghijklmn".getBytes(), 0, 8), "only the free space is taken");
        byte[] peek = new byte[3];
        r.peek(2, peek, 0, 3);
        assertArrayEquals("ghi".getBytes(), peek);
        byte[] all = new byte[8];
        assertEquals(8, r.read(all, 0, 8));
        assertArrayEquals("efghijkl".getBytes(), all);
        assertEquals(0, r.size());
    }

    @Test
    void resizeKeepsTheBytesInOrder() {
        ByteRing r = new ByteRing(4);
        r.write("ab".getBytes(), 0, 2);
        r.skip(1);
        r.write("cde".getBytes(), 0, 3);
        r.resize(16);
        byte[] all = new byte[4];
        r.read(all, 0, 4);
        assertArrayEquals("bcde".getBytes(), all);
        assertEquals(16, r.capacity());
    }
}
