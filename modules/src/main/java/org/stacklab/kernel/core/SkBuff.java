package org.stacklab.kernel.core;

/**
 * A socket buffer, as Linux's {@code struct sk_buff}: one packet's bytes plus the bookkeeping every
 * layer needs.
 *
 * <pre>
 *   head           data                  tail            end
 *    |  headroom    |   packet bytes      |   tailroom    |
 * </pre>
 *
 * A layer going down the stack {@link #push(int) pushes} its header into the headroom; a layer going
 * up {@link #pull(int) pulls} the header it has consumed. No bytes are copied between layers. All
 * offsets are absolute indexes into {@link #buf()}; the mac/network/transport header marks let a
 * higher layer look back at a lower one's header (TCP reading the IP source address, say).
 */
public final class SkBuff {
    /** Headroom that fits Ethernet + IPv4 + TCP with options, as LL_MAX_HEADER + MAX_HEADER. */
    public static final int DEFAULT_HEADROOM = 128;

    private final byte[] buf;
    private int data;
    private int tail;
    private int macHeader = -1;
    private int networkHeader = -1;
    private int transportHeader = -1;

    /** Device the packet arrived on or leaves by. */
    public NetDevice dev;
    /** Ethertype (host order), set by the receive path. */
    public int protocol;
    /** Packet class on receive: for us, broadcast, multicast, other host (Linux's PACKET_*). */
    public int pktType;
    /** Virtual time at which it entered the kernel. */
    public long tstamp;
    /** Netfilter mark (for the firewall lab). */
    public int mark;
    /** Owner socket for accounting (any object the transport chooses), or null. */
    public Object sk;
    /**
     * What is known about the transport checksum on receive (Linux's {@code ip_summed}):
     * {@link #CHECKSUM_NONE} means verify it; {@link #CHECKSUM_UNNECESSARY} means the device vouches
     * for the data, as loopback does for bytes that never left memory.
     */
    public int ipSummed;

    public static final int CHECKSUM_NONE = 0, CHECKSUM_UNNECESSARY = 1;

    public static final int PACKET_HOST = 0, PACKET_BROADCAST = 1, PACKET_MULTICAST = 2, PACKET_OTHERHOST = 3;

    private SkBuff(byte[] buf) {
        this.buf = buf;
    }

    /** A buffer of {@code size} bytes, data and tail at 0 (reserve headroom next). */
    public static SkBuff alloc(int size) {
        return new SkBuff(new byte[size]);
    }

    /** A buffer for {@code payload} bytes with the default headroom already reserved. */
    public static SkBuff allocWithHeadroom(int payload) {
        SkBuff skb = alloc(DEFAULT_HEADROOM + payload);
        skb.reserve(DEFAULT_HEADROOM);
        return skb;
    }

    /** Wraps received bytes {@code [0, len)} of {@code frame} without copying: data = 0, tail = len. */
    public static SkBuff wrap(byte[] frame, int len) {
        SkBuff skb = new SkBuff(frame);
        skb.tail = len;
        return skb;
    }

    public byte[] buf() { return buf; }
    public int data() { return data; }
    public int tail() { return tail; }
    public int end() { return buf.length; }
    public int len() { return tail - data; }
    public int headroom() { return data; }
    public int tailroom() { return buf.length - tail; }

    /** Moves data and tail forward on an empty buffer, making headroom (skb_reserve). */
    public void reserve(int n) {
        if (tail != data) throw new IllegalStateException("reserve on a non-empty skb");
        if (n < 0 || data + n > buf.length) throw new IllegalArgumentException("reserve " + n + " exceeds buffer");
        data += n;
        tail += n;
    }

    /** Extends the data at the front by {@code n} bytes; returns the new data offset (skb_push). */
    public int push(int n) {
        if (n < 0 || n > data) throw new IllegalStateException("skb_push " + n + " with only " + data + " bytes headroom");
        data -= n;
        return data;
    }

    /** Removes {@code n} bytes from the front; returns the new data offset (skb_pull). */
    public int pull(int n) {
        if (n < 0 || n > len()) throw new IllegalStateException("skb_pull " + n + " from " + len() + " bytes");
        data += n;
        return data;
    }

    /** Extends the data at the end by {@code n} bytes; returns the offset of the added area (skb_put). */
    public int put(int n) {
        if (n < 0 || n > tailroom()) throw new IllegalStateException("skb_put " + n + " with only " + tailroom() + " bytes tailroom");
        int at = tail;
        tail += n;
        return at;
    }

    /** Cuts the data to {@code len} bytes (skb_trim), e.g. to drop Ethernet padding. */
    public void trim(int len) {
        if (len < 0 || len > len()) throw new IllegalStateException("skb_trim to " + len + " of " + len());
        tail = data + len;
    }

    /** Appends bytes after tail. */
    public void putBytes(byte[] src, int off, int n) {
        int at = put(n);
        System.arraycopy(src, off, buf, at, n);
    }

    public void resetMacHeader() { macHeader = data; }
    public void resetNetworkHeader() { networkHeader = data; }
    public void resetTransportHeader() { transportHeader = data; }
    public void setMacHeader(int off) { macHeader = off; }
    public void setNetworkHeader(int off) { networkHeader = off; }
    public void setTransportHeader(int off) { transportHeader = off; }
    public int macHeader() { return macHeader; }
    public int networkHeader() { return networkHeader; }
    public int transportHeader() { return transportHeader; }

    // ---- big-endian field access at absolute offsets (network byte order) ----
    public int u8(int off) { return buf[off] & 0xff; }
    public int u16(int off) { return ((buf[off] & 0xff) << 8) | (buf[off + 1] & 0xff); }
    public int u32(int off) {
        return ((buf[off] & 0xff) << 24) | ((buf[off + 1] & 0xff) << 16) | ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
    }
    public void set8(int off, int v) { buf[off] = (byte) v; }
    public void set16(int off, int v) { buf[off] = (byte) (v >>> 8); buf[off + 1] = (byte) v; }
    public void set32(int off, int v) {
        buf[off] = (byte) (v >>> 24); buf[off + 1] = (byte) (v >>> 16); buf[off + 2] = (byte) (v >>> 8); buf[off + 3] = (byte) v;
    }

    /** A deep copy with the same offsets (skb_copy), for retransmission queues and duplicates. */
    public SkBuff copy() {
        SkBuff c = new SkBuff(buf.clone());
        c.data = data; c.tail = tail;
        c.macHeader = macHeader; c.networkHeader = networkHeader; c.transportHeader = transportHeader;
        c.dev = dev; c.protocol = protocol; c.pktType = pktType; c.tstamp = tstamp; c.mark = mark; c.sk = sk; c.ipSummed = ipSummed;
        return c;
    }

    /** The data bytes as a new array (for tests and traces; not for the hot path). */
    public byte[] toByteArray() {
        byte[] out = new byte[len()];
        System.arraycopy(buf, data, out, 0, out.length);
        return out;
    }

    @Override
    public String toString() {
        return "SkBuff[len=" + len() + " headroom=" + data + " tailroom=" + tailroom()
                + (dev == null ? "" : " dev=" + dev.name()) + "]";
    }
}
