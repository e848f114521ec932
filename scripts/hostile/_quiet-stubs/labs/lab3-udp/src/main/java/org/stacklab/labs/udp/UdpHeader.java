package org.stacklab.labs.udp;

import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.SkBuff;

/**
 * The 8-byte UDP header of RFC 768, read and written in place in an {@link SkBuff}:
 *
 * <pre>
 *  0      7 8     15 16    23 24    31
 * +--------+--------+--------+--------+
 * |     Source      |   Destination   |
 * |      Port       |      Port       |
 * +--------+--------+--------+--------+
 * |     Length      |    Checksum     |
 * +--------+--------+--------+--------+
 * </pre>
 *
 * Length counts header and data. The checksum covers a pseudo-header (source and destination
 * address, protocol 17, UDP length), the header and the data; a transmitted zero means "no
 * checksum", so a computed zero is sent as all ones (RFC 768, "Fields").
 */
public final class UdpHeader {
    public static final int LEN = 8;
    /** The largest payload one IPv4 datagram can carry: 65535 - 20 (IPv4) - 8 (UDP). */
    public static final int MAX_PAYLOAD = 65535 - 20 - LEN;

    private UdpHeader() {}

    public static int sourcePort(SkBuff skb, int off) { return skb.u16(off); }

    public static int destPort(SkBuff skb, int off) { return skb.u16(off + 2); }

    public static int length(SkBuff skb, int off) { return skb.u16(off + 4); }

    public static int checksum(SkBuff skb, int off) { return skb.u16(off + 6); }

    /**
     * Writes a header at {@code off} in front of {@code payloadLen} bytes already in place after it,
     * and fills in the checksum over the pseudo-header.
     */
    public static void write(SkBuff skb, int off, int sport, int dport, int payloadLen, int saddr, int daddr) {
        // TODO(1): ports, length (header + data), checksum over the pseudo-header; a computed 0 is sent as 0xffff (RFC 768 "Fields")
        return;
    }

    /**
     * Whether the datagram at {@code off} ({@code ulen} bytes) passes its checksum. A zero checksum
     * field means the sender computed none, which RFC 768 allows for IPv4.
     */
    public static boolean checksumOk(SkBuff skb, int off, int ulen, int saddr, int daddr) {
        // TODO(1): a zero field means "no checksum" (allowed on IPv4); otherwise the sum over pseudo-header + datagram must verify
        return false;
    }
}
