package org.stacklab.labs.ip;

import org.stacklab.kernel.core.MacAddr;

/**
 * An ARP packet for IPv4 over Ethernet (RFC 826): hardware type 1, protocol type 0x0800, address
 * lengths 6 and 4; the fields that vary are the operation and the four addresses.
 *
 * @param sha sender hardware address   @param spa sender protocol address
 * @param tha target hardware address   @param tpa target protocol address
 */
public record ArpPacket(int op, long sha, int spa, long tha, int tpa) {
    public static final int LENGTH = 28;
    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    public static final int HTYPE_ETHER = 1;

    /**
     * Parses the 28 bytes at {@code off}, or returns null if they are not an Ethernet/IPv4 ARP
     * packet with a known operation (the caller drops and counts those).
     */
    public static ArpPacket parse(byte[] b, int off, int len) {
        if (len < LENGTH) return null;
        int htype = Ipv4Header.u16(b, off);
        int ptype = Ipv4Header.u16(b, off + 2);
        int hlen = b[off + 4] & 0xff;
        int plen = b[off + 5] & 0xff;
        int op = Ipv4Header.u16(b, off + 6);
        if (htype != HTYPE_ETHER || ptype != Ethernet.P_IP || hlen != 6 || plen != 4) return null;
        if (op != REQUEST && op != REPLY) return null;
        return new ArpPacket(op, MacAddr.read(b, off + 8), Ipv4Header.u32(b, off + 14),
                MacAddr.read(b, off + 18), Ipv4Header.u32(b, off + 24));
    }

    public void writeTo(byte[] b, int off) {
        Ipv4Header.put16(b, off, HTYPE_ETHER);
        Ipv4Header.put16(b, off + 2, Ethernet.P_IP);
        b[off + 4] = 6;
        b[off + 5] = 4;
        Ipv4Header.put16(b, off + 6, op);
        MacAddr.write(sha, b, off + 8);
        Ipv4Header.put32(b, off + 14, spa);
        MacAddr.write(tha, b, off + 18);
        Ipv4Header.put32(b, off + 24, tpa);
    }

    /** A gratuitous ARP announces the sender's own binding: sender and target protocol addresses are equal. */
    public boolean isGratuitous() { return spa == tpa; }
}
