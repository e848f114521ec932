package org.stacklab.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stacklab.scenario.Frames;

class TcpdumpFormatTest {
    static final long MAC1 = MacAddr.parse("52:54:00:12:34:55");
    static final long MAC2 = MacAddr.parse("52:54:00:12:34:56");
    static final int A = Ip4.parse("10.0.0.1");
    static final int B = Ip4.parse("10.0.0.2");

    static String d(byte[] f) { return TcpdumpFormat.describe(f); }

    @Test
    void arpRequestAndReply() {
        assertEquals("ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28", d(Frames.arpRequest(MAC1, A, B)));
        assertEquals("ARP, Reply 10.0.0.2 is-at 52:54:00:12:34:56, length 28", d(Frames.arpReply(MAC2, B, MAC1, A)));
    }

    @Test
    void arpPaddedToMinimumFrameShowsTheLengthOnTheWire() {
        byte[] f = Arrays.copyOf(Frames.arpRequest(MAC1, A, B), 60);
        assertEquals("ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 46", d(f));
    }

    @Test
    void icmpEcho() {
        assertEquals("IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64",
                d(Frames.icmpEcho(MAC2, MAC1, A, B, true, 7, 1, 56, 64)));
        assertEquals("IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 7, seq 1, length 64",
                d(Frames.icmpEcho(MAC1, MAC2, B, A, false, 7, 1, 56, 64)));
    }

    @Test
    void icmpErrorsNameTheQuotedDatagram() {
        byte[] udp = Frames.udp(MAC2, MAC1, A, 5000, B, 53, new byte[5]);
        byte[] quoted = Arrays.copyOfRange(udp, 14, 14 + 28);
        assertEquals("IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 53 unreachable, length 36",
                d(icmpError(3, 3, quoted)));
        assertEquals("IP 10.0.0.2 > 10.0.0.1: ICMP time exceeded in-transit, length 36", d(icmpError(11, 0, quoted)));
        assertEquals("IP 10.0.0.2 > 10.0.0.1: ICMP host 10.0.0.2 unreachable, length 36", d(icmpError(3, 1, quoted)));
        assertEquals("IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 protocol 17 unreachable, length 36", d(icmpError(3, 2, quoted)));
    }

    static byte[] icmpError(int type, int code, byte[] quoted) {
        byte[] icmp = new byte[8 + quoted.length];
        icmp[0] = (byte) type;
        icmp[1] = (byte) code;
        System.arraycopy(quoted, 0, icmp, 8, quoted.length);
        Frames.put16(icmp, 2, Checksum.compute(icmp, 0, icmp.length));
        return Frames.ipv4(MAC1, MAC2, B, A, 1, 64, 0, 0, icmp);
    }

    @Test
    void udp() {
        assertEquals("IP 10.0.0.1.5000 > 10.0.0.2.53: UDP, length 5",
                d(Frames.udp(MAC2, MAC1, A, 5000, B, 53, "hello".getBytes())));
    }

    @Test
    void tcpSynAckWithOptionsAbsoluteSequenceNumbers() {
        byte[] opts = {2, 4, 0x05, (byte) 0xb4, 1, 3, 3, 7};
        byte[] f = Frames.tcp(MAC1, MAC2, A, 40000, B, 80, 7702, 3912, 0x12, 65160, opts, new byte[0]);
        assertEquals("IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S.], seq 7702, ack 3912, win 65160, "
                + "options [mss 1460,nop,wscale 7], length 0", d(f));
    }

    @Test
    void tcpDataShowsTheSequenceRange() {
        byte[] f = Frames.tcp(MAC1, MAC2, A, 40000, B, 80, 1, 7703, 0x18, 502, new byte[0], new byte[1460]);
        assertEquals("IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:1461, ack 7703, win 502, length 1460", d(f));
        byte[] ack = Frames.tcp(MAC1, MAC2, A, 40000, B, 80, 1, 7703, 0x10, 502, new byte[0], new byte[0]);
        assertEquals("IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 7703, win 502, length 0", d(ack));
        byte[] fin = Frames.tcp(MAC1, MAC2, A, 40000, B, 80, 4000000000L, 9, 0x11, 502, new byte[0], new byte[0]);
        assertEquals("IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 4000000000, ack 9, win 502, length 0", d(fin));
    }

    @Test
    void tcpTimestampsSackAndRst() {
        byte[] opts = {1, 1, 8, 10, 0, 0, 0, 5, 0, 0, 0, 6, 1, 1, 5, 10, 0, 0, 0, 10, 0, 0, 0, 20};
        byte[] f = Frames.tcp(MAC1, MAC2, A, 1, B, 2, 100, 50, 0x10, 1000, opts, new byte[0]);
        assertEquals("IP 10.0.0.1.1 > 10.0.0.2.2: Flags [.], ack 50, win 1000, "
                + "options [nop,nop,TS val 5 ecr 6,nop,nop,sack 1 {10:20}], length 0", d(f));
        byte[] rst = Frames.tcp(MAC1, MAC2, A, 1, B, 2, 100, 0, 0x04, 0, new byte[0], new byte[0]);
        assertEquals("IP 10.0.0.1.1 > 10.0.0.2.2: Flags [R], seq 100, win 0, length 0", d(rst));
    }

    @Test
    void truncatedAndBadHeaders() {
        byte[] tcp = Frames.tcp(MAC1, MAC2, A, 40000, B, 80, 1, 2, 0x10, 100, new byte[0], new byte[0]);
        // Cut inside the TCP header, keep the IP total length: tcpdump marks the capture truncated.
        byte[] cut = Arrays.copyOf(tcp, 14 + 20 + 10);
        assertEquals("IP truncated-ip - 10 bytes missing! 10.0.0.1.40000 > 10.0.0.2.80: [|tcp]", d(cut));
        byte[] badOff = tcp.clone();
        badOff[14 + 20 + 12] = 0x30; // data offset 3 words
        assertEquals("IP 10.0.0.1.40000 > 10.0.0.2.80: tcp [bad hdr length 12 - too short, < 20]", d(badOff));
        assertEquals("IP [|ip]", d(Arrays.copyOf(tcp, 14 + 10)));
        assertEquals("[|ether] truncated frame, length 5", d(new byte[5]));
        byte[] v6 = tcp.clone();
        v6[14] = 0x65;
        assertEquals("IP, wrong version 6, length 40", d(v6));
        byte[] udpShort = Frames.udp(MAC2, MAC1, A, 5000, B, 53, new byte[0]);
        assertEquals("IP 10.0.0.1 > 10.0.0.2: [|udp]", d(Arrays.copyOf(udpShort, 14 + 20 + 4)).replace("truncated-ip - 4 bytes missing! ", ""));
    }

    @Test
    void badIpChecksumIsMarked() {
        byte[] f = Frames.icmpEcho(MAC2, MAC1, A, B, true, 7, 1, 56, 64);
        int stored = Frames.get16(f, 24);
        f[24] ^= 0x01;
        String s = d(f);
        assertTrue(s.startsWith("IP (bad cksum " + Integer.toHexString(stored ^ 0x100) + " (->" + Integer.toHexString(stored) + ")!) 10.0.0.1 > 10.0.0.2: ICMP echo request"), s);
    }

    @Test
    void fragments() {
        byte[] first = Frames.ipv4(MAC2, MAC1, A, B, 17, 64, 4321, 0x2000, new byte[1480]);
        Frames.put16(first, 14 + 20, 5000);
        Frames.put16(first, 14 + 20 + 2, 53);
        Frames.put16(first, 14 + 20 + 4, 3008);
        assertEquals("IP 10.0.0.1.5000 > 10.0.0.2.53: UDP, bad length 3008 > 1472 (frag 4321:1480@0+)", d(first));
        byte[] last = Frames.ipv4(MAC2, MAC1, A, B, 17, 64, 4321, 185, new byte[1528]);
        assertEquals("IP 10.0.0.1 > 10.0.0.2: ip-proto-17 (frag 4321:1528@1480)", d(last));
    }

    @Test
    void otherEthertypesAndProtocols() {
        byte[] f = new byte[60];
        Frames.ether(f, MacAddr.BROADCAST, MAC1, 0x88b5);
        assertEquals("ethertype Unknown (0x88b5), length 60", d(f));
        byte[] gre = Frames.ipv4(MAC2, MAC1, A, B, 47, 64, 0, 0, new byte[12]);
        assertEquals("IP 10.0.0.1 > 10.0.0.2: ip-proto-47 12", d(gre));
    }

    @Test
    void loopbackFramesCarryAZeroEthernetHeader() {
        byte[] f = Frames.icmpEcho(0, 0, Ip4.LOOPBACK, Ip4.LOOPBACK, true, 1, 1, 56, 64);
        assertEquals("IP 127.0.0.1 > 127.0.0.1: ICMP echo request, id 1, seq 1, length 64",
                TcpdumpFormat.describe(f, 0, f.length, NetDevice.ARPHRD_LOOPBACK));
    }

    @Test
    void randomAndMutatedBytesNeverThrow() {
        SplittableRandom r = new SplittableRandom(42);
        byte[][] seeds = {
            Frames.tcp(MAC1, MAC2, A, 1, B, 2, 1, 2, 0x12, 3, new byte[] {2, 4, 5, (byte) 0xb4}, new byte[10]),
            Frames.udp(MAC2, MAC1, A, 5000, B, 53, new byte[5]),
            Frames.icmpEcho(MAC2, MAC1, A, B, true, 7, 1, 56, 64),
            Frames.arpRequest(MAC1, A, B),
        };
        for (int i = 0; i < 20_000; i++) {
            byte[] f;
            if (i % 2 == 0) {
                f = new byte[r.nextInt(0, 120)];
                r.nextBytes(f);
                if (f.length > 14 && r.nextBoolean()) { f[12] = 8; f[13] = (byte) (r.nextBoolean() ? 0 : 6); }
            } else {
                byte[] s = seeds[r.nextInt(seeds.length)];
                f = Arrays.copyOf(s, r.nextInt(0, s.length + 8));
                for (int k = r.nextInt(1, 6); k > 0 && f.length > 0; k--) f[r.nextInt(f.length)] = (byte) r.nextInt(256);
            }
            String s = TcpdumpFormat.describe(f, 0, f.length, NetDevice.ARPHRD_ETHER);
            assertTrue(!s.isEmpty());
        }
    }
}
