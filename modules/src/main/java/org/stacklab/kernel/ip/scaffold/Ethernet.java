package org.stacklab.kernel.ip.scaffold;

import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.SkBuff;

/** The Ethernet II header IP and ARP put in front of their packets ({@code eth_header}). */
public final class Ethernet {
    public static final int HLEN = 14;
    public static final int P_IP = 0x0800;
    public static final int P_ARP = 0x0806;

    private Ethernet() {}

    /** Pushes destination, source and ethertype in front of {@code skb.data()}; leaves data at the MAC header. */
    public static void push(SkBuff skb, long dst, long src, int ethertype) {
        int off = skb.push(HLEN);
        MacAddr.write(dst, skb.buf(), off);
        MacAddr.write(src, skb.buf(), off + 6);
        skb.set16(off + 12, ethertype);
        skb.setMacHeader(off);
    }

    /** The multicast MAC an IPv4 group maps to: 01:00:5e plus the low 23 bits (RFC 1112 §6.4). */
    public static long multicastMac(int group) {
        return 0x01005e000000L | (group & 0x7fffff);
    }
}
