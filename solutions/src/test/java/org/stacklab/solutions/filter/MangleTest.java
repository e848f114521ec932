package org.stacklab.solutions.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.SeededRandom;

/** RFC 1624 incremental updates give the same checksums a full recomputation would. */
class MangleTest {
    static SkBuff segment(SeededRandom r, int proto, int payload) {
        int tlen = (proto == 6 ? 20 : 8) + payload;
        SkBuff skb = SkBuff.allocWithHeadroom(20 + tlen);
        int nh = skb.put(20 + tlen);
        skb.setNetworkHeader(nh);
        for (int i = nh; i < skb.tail(); i++) skb.set8(i, r.nextInt(256));
        skb.set8(nh, 0x45);
        skb.set16(nh + 2, 20 + tlen);
        skb.set16(nh + 6, 0);
        skb.set8(nh + 9, proto);
        int t = nh + 20;
        if (proto == 6) skb.set8(t + 12, 5 << 4);
        else skb.set16(t + 4, tlen);
        skb.set16(nh + 10, 0);
        skb.set16(nh + 10, Checksum.compute(skb.buf(), nh, 20));
        int c = t + (proto == 6 ? 16 : 6);
        skb.set16(c, 0);
        int sum = Checksum.transport(skb.u32(nh + 12), skb.u32(nh + 16), proto, skb.buf(), t, tlen);
        skb.set16(c, proto == 17 && sum == 0 ? 0xffff : sum);
        return skb;
    }

    static boolean valid(SkBuff s) {
        int nh = s.networkHeader();
        int tlen = s.u16(nh + 2) - 20;
        boolean ip = Checksum.compute(s.buf(), nh, 20) == 0;
        boolean tr = Checksum.finish(Checksum.add(Checksum.pseudoHeader(s.u32(nh + 12), s.u32(nh + 16), s.u8(nh + 9), tlen), s.buf(), nh + 20, tlen)) == 0;
        return ip && tr;
    }

    @Test
    void incrementalUpdatesMatchRecomputation() {
        SeededRandom r = EventLoop.virtual(5).random().fork("mangle");
        for (int i = 0; i < 500; i++) {
            int proto = i % 2 == 0 ? 6 : 17;
            SkBuff skb = segment(r, proto, r.nextInt(60));
            assertTrue(valid(skb));
            Ipv4Packet p = new Ipv4Packet();
            assertTrue(p.parse(skb));
            Mangle.setAddress(p, r.nextInt(2) == 0, r.nextInt());
            Mangle.setPort(p, r.nextInt(2) == 0, r.nextInt(65536));
            assertTrue(valid(skb), "checksums after rewrite #" + i);
        }
    }

    @Test
    void udpWithoutChecksumStaysWithout() {
        SkBuff skb = segment(EventLoop.virtual(1).random(), 17, 10);
        int c = skb.networkHeader() + 26;
        skb.set16(c, 0);
        Ipv4Packet p = new Ipv4Packet();
        p.parse(skb);
        Mangle.setPort(p, true, 9999);
        Mangle.setAddress(p, true, 0x0a000001);
        assertEquals(0, skb.u16(c), "RFC 768: 0 means the sender computed no checksum");
        assertEquals(9999, skb.u16(skb.networkHeader() + 22));
    }
}
