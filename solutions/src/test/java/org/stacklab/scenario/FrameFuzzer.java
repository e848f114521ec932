package org.stacklab.scenario;

import org.stacklab.kernel.core.Checksum;
import org.stacklab.sim.SeededRandom;

/**
 * Makes the frames of the fuzz test: well-formed seeds (ARP, ICMP, UDP, TCP, fragments, options,
 * broadcasts) mutated in ways that reach different depths of the stack, and frames of random bytes.
 * Every frame is addressed to {@code dstMac} (or broadcast) so the NIC's filter lets it in, and is
 * 14..1514 bytes long so the wire carries it.
 */
final class FrameFuzzer {
    static final long FUZZER_MAC = 0x0200_0000_0099L;
    private final SeededRandom rnd;
    private final long dstMac;
    private final int self;
    private final int target;
    private final byte[][] seeds;

    FrameFuzzer(SeededRandom rnd, long dstMac, int self, int target) {
        this.rnd = rnd;
        this.dstMac = dstMac;
        this.self = self;
        this.target = target;
        byte[] udp = Frames.udp(dstMac, FUZZER_MAC, self, 5000, target, 53, new byte[12]);
        byte[] quoted = java.util.Arrays.copyOfRange(udp, 14, 14 + 28);
        this.seeds = new byte[][] {
            Frames.arpRequest(FUZZER_MAC, self, target),
            Frames.arpReply(FUZZER_MAC, self, dstMac, target),
            Frames.arpRequest(FUZZER_MAC, self, self),
            Frames.icmpEcho(dstMac, FUZZER_MAC, self, target, true, 7, 1, 56, 64),
            Frames.icmpEcho(dstMac, FUZZER_MAC, self, target, true, 8, 2, 1400, 64),
            Frames.icmpEcho(dstMac, FUZZER_MAC, self, target, false, 9, 3, 8, 64),
            icmpError(3, 3, quoted),
            icmpError(11, 0, quoted),
            udp,
            Frames.tcp(dstMac, FUZZER_MAC, self, 40000, target, 80, 1000, 0, 0x02, 65535,
                    new byte[] {2, 4, 5, (byte) 0xb4}, new byte[0]),
            Frames.ipv4(dstMac, FUZZER_MAC, self, target, 1, 64, 77, 0x2000, new byte[1000]),
            Frames.ipv4(dstMac, FUZZER_MAC, self, target, 1, 64, 77, 125, new byte[200]),
            Frames.ipv4(dstMac, FUZZER_MAC, self, target | 0xff, 17, 64, 0, 0, new byte[20]),
            Frames.ipv4(dstMac, FUZZER_MAC, self, 0x0B000001, 1, 64, 0, 0, new byte[20]),
            withOptions(Frames.icmpEcho(dstMac, FUZZER_MAC, self, target, true, 10, 4, 16, 64)),
        };
    }

    byte[] next() {
        byte[] f;
        int kind = rnd.nextInt(10);
        if (kind < 2) {
            f = new byte[rnd.nextInt(14, 1515)];
            rnd.nextBytes(f);
            if (rnd.chance(0.6)) {
                f[12] = 0x08;
                f[13] = (byte) (rnd.chance(0.7) ? 0x00 : 0x06);
            }
        } else {
            f = seeds[rnd.nextInt(seeds.length)].clone();
            int rounds = 1 + rnd.nextInt(3);
            for (int i = 0; i < rounds; i++) f = mutate(f);
        }
        Frames.ether(f, rnd.chance(0.8) ? dstMac : 0xFFFF_FFFF_FFFFL, FUZZER_MAC, Frames.get16(f, 12));
        return f;
    }

    private byte[] mutate(byte[] f) {
        switch (rnd.nextInt(6)) {
            case 0 -> {
                for (int k = 1 + rnd.nextInt(8); k > 0; k--) f[12 + rnd.nextInt(f.length - 12)] = (byte) rnd.nextInt(256);
            }
            case 1 -> f = java.util.Arrays.copyOf(f, rnd.nextInt(14, f.length + 1));
            case 2 -> {
                int n = Math.min(1514, f.length + 1 + rnd.nextInt(100));
                byte[] g = java.util.Arrays.copyOf(f, n);
                for (int i = f.length; i < n; i++) g[i] = (byte) rnd.nextInt(256);
                f = g;
            }
            case 3, 4 -> {
                if (f.length >= 34 && Frames.get16(f, 12) == 0x0800) {
                    ipField(f);
                    if (rnd.chance(0.7)) Frames.fixIpChecksum(f);
                    if (rnd.chance(0.5)) fixIcmp(f);
                }
            }
            default -> {
                // An ICMP or transport byte changed with checksums made right again: reaches the protocols.
                if (f.length > 38) {
                    f[34 + rnd.nextInt(f.length - 34)] = (byte) rnd.nextInt(256);
                    fixIcmp(f);
                }
            }
        }
        return f;
    }

    /** One IPv4 header field set to an edge value. */
    private void ipField(byte[] f) {
        int o = 14;
        switch (rnd.nextInt(7)) {
            case 0 -> f[o] = (byte) (rnd.chance(0.5) ? 0x40 | rnd.nextInt(16) : rnd.nextInt(256));
            case 1 -> Frames.put16(f, o + 2, edge16(f.length - 14));
            case 2 -> Frames.put16(f, o + 6, rnd.chance(0.5) ? rnd.nextInt(65536) : 0x2000 | rnd.nextInt(200));
            case 3 -> f[o + 8] = (byte) rnd.nextInt(3);
            case 4 -> f[o + 9] = (byte) rnd.nextInt(256);
            case 5 -> Frames.put32(f, o + 12, rnd.chance(0.5) ? 0xFFFFFFFF : rnd.nextInt());
            default -> Frames.put32(f, o + 16, rnd.chance(0.3) ? 0x7F000001 : rnd.chance(0.5) ? target : rnd.nextInt());
        }
    }

    private int edge16(int actual) {
        int[] c = {0, 1, 19, 20, 21, actual - 1, actual, actual + 1, 65535, rnd.nextInt(65536)};
        return c[rnd.nextInt(c.length)] & 0xffff;
    }

    /** Recomputes the ICMP checksum when the datagram is ICMP and its lengths are sane. */
    private static void fixIcmp(byte[] f) {
        if (f.length < 34 || Frames.get16(f, 12) != 0x0800 || f[23] != 1) return;
        int ihl = (f[14] & 0xf) * 4;
        int total = Frames.get16(f, 16);
        if (ihl < 20 || total < ihl + 4 || 14 + total > f.length) return;
        int at = 14 + ihl;
        Frames.put16(f, at + 2, 0);
        Frames.put16(f, at + 2, Checksum.compute(f, at, total - ihl));
    }

    private byte[] icmpError(int type, int code, byte[] quoted) {
        byte[] icmp = new byte[8 + quoted.length];
        icmp[0] = (byte) type;
        icmp[1] = (byte) code;
        System.arraycopy(quoted, 0, icmp, 8, quoted.length);
        Frames.put16(icmp, 2, Checksum.compute(icmp, 0, icmp.length));
        return Frames.ipv4(dstMac, FUZZER_MAC, self, target, 1, 64, 0, 0, icmp);
    }

    /** The same datagram with a 4-byte IP option (a NOP and an end-of-list... padded). */
    private static byte[] withOptions(byte[] f) {
        byte[] g = new byte[f.length + 4];
        System.arraycopy(f, 0, g, 0, 34);
        g[34] = 1;
        g[35] = 1;
        g[36] = 1;
        g[37] = 0;
        System.arraycopy(f, 34, g, 38, f.length - 34);
        g[14] = 0x46;
        Frames.put16(g, 16, Frames.get16(f, 16) + 4);
        Frames.fixIpChecksum(g);
        return g;
    }
}
