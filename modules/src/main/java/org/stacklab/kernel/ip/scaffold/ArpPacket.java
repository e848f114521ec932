package org.stacklab.kernel.ip.scaffold;

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
        int htype = u16(b, off);
        int ptype = u16(b, off + 2);
        int hlen = b[off + 4] & 0xff;
        int plen = b[off + 5] & 0xff;
        int op = u16(b, off + 6);
        if (htype != HTYPE_ETHER || ptype != Ethernet.P_IP || hlen != 6 || plen != 4) return null;
        if (op != REQUEST && op != REPLY) return null;
        return new ArpPacket(op, MacAddr.read(b, off + 8), u32(b, off + 14),
                MacAddr.read(b, off + 18), u32(b, off + 24));
    }

    public void writeTo(byte[] b, int off) {
        put16(b, off, HTYPE_ETHER);
        put16(b, off + 2, Ethernet.P_IP);
        b[off + 4] = 6;
        b[off + 5] = 4;
        put16(b, off + 6, op);
        MacAddr.write(sha, b, off + 8);
        put32(b, off + 14, spa);
        MacAddr.write(tha, b, off + 18);
        put32(b, off + 24, tpa);
    }

    /** A gratuitous ARP announces the sender's own binding: sender and target protocol addresses are equal. */
    public boolean isGratuitous() { return spa == tpa; }

    private static int u16(byte[] b, int off) { return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff); }

    private static int u32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    private static void put16(byte[] b, int off, int v) { b[off] = (byte) (v >>> 8); b[off + 1] = (byte) v; }

    private static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24); b[off + 1] = (byte) (v >>> 16); b[off + 2] = (byte) (v >>> 8); b[off + 3] = (byte) v;
    }
}
