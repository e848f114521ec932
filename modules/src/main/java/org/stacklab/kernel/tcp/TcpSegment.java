package org.stacklab.kernel.tcp;

import org.stacklab.kernel.core.Ip4;

/**
 * One received segment as the TCP input path hands it to the components: the parsed header, the
 * addresses from the IPv4 header, and where its data lies in the received buffer (no copy is made;
 * the buffer belongs to this segment until TCP is done with it).
 */
public final class TcpSegment {
    public final TcpHeader header;
    public final int saddr, daddr;
    public final byte[] buf;
    /** Offset and length of the data in {@link #buf}; trimming moves these. */
    public int dataOff, dataLen;
    /** Sequence number of the first data byte (after trimming); SYN occupies {@code header.seq()}. */
    public int dataSeq;

    public TcpSegment(TcpHeader header, int saddr, int daddr, byte[] buf, int dataOff, int dataLen) {
        this.header = header;
        this.saddr = saddr;
        this.daddr = daddr;
        this.buf = buf;
        this.dataOff = dataOff;
        this.dataLen = dataLen;
        this.dataSeq = header.seq() + (header.syn() ? 1 : 0);
    }

    public int seq() { return header.seq(); }
    public int ack() { return header.ack(); }
    public int flags() { return header.flags(); }
    public boolean syn() { return header.syn(); }
    public boolean fin() { return header.fin(); }
    public boolean rst() { return header.rst(); }
    public boolean hasAck() { return header.hasAck(); }

    /** SEG.LEN of RFC 9293: data bytes plus one for SYN and one for FIN. */
    public int segLen() { return dataLen + (syn() ? 1 : 0) + (fin() ? 1 : 0); }

    @Override
    public String toString() {
        return Ip4.format(saddr) + "." + header.srcPort() + " > " + Ip4.format(daddr) + "." + header.dstPort() + ": "
                + header.describe(dataLen);
    }
}
