package org.stacklab.hw.bus.e1000;

/**
 * Layout of the legacy 16-byte descriptors (82540EM manual, 3.2.3 receive and 3.3.3 transmit).
 * Offsets are within one descriptor; descriptors sit back to back in a ring whose base and length
 * the driver writes to RDBAL/RDLEN and TDBAL/TDLEN.
 */
public final class E1000Desc {
    private E1000Desc() {}

    public static final int SIZE = 16;
    /** RDLEN and TDLEN must be multiples of this (8 descriptors). */
    public static final int RING_ALIGN = 128;

    // ---- transmit descriptor ----
    public static final int TX_ADDR = 0;      // 8 bytes: buffer address
    public static final int TX_LENGTH = 8;    // 2 bytes
    public static final int TX_CSO = 10;      // 1 byte: checksum offset
    public static final int TX_CMD = 11;      // 1 byte
    public static final int TX_STATUS = 12;   // 1 byte (low nibble), reserved high nibble
    public static final int TX_CSS = 13;      // 1 byte: checksum start
    public static final int TX_SPECIAL = 14;  // 2 bytes

    public static final int TXD_CMD_EOP = 0x01;   // end of packet
    public static final int TXD_CMD_IFCS = 0x02;  // insert FCS
    public static final int TXD_CMD_IC = 0x04;    // insert checksum
    public static final int TXD_CMD_RS = 0x08;    // report status: write DD back
    public static final int TXD_CMD_RPS = 0x10;
    public static final int TXD_CMD_DEXT = 0x20;  // extended descriptor: not supported (legacy only)
    public static final int TXD_CMD_VLE = 0x40;
    public static final int TXD_CMD_IDE = 0x80;
    public static final int TXD_STAT_DD = 0x01;   // descriptor done

    // ---- receive descriptor ----
    public static final int RX_ADDR = 0;      // 8 bytes
    public static final int RX_LENGTH = 8;    // 2 bytes
    public static final int RX_CSUM = 10;     // 2 bytes: packet checksum
    public static final int RX_STATUS = 12;   // 1 byte
    public static final int RX_ERRORS = 13;   // 1 byte
    public static final int RX_SPECIAL = 14;  // 2 bytes

    public static final int RXD_STAT_DD = 0x01;   // descriptor done
    public static final int RXD_STAT_EOP = 0x02;  // end of packet

    /** Largest standard frame without FCS: 14 header + 1500 payload. */
    public static final int MAX_FRAME = 1514;
    /** With FCS (what ROC counts against when long packets are off). */
    public static final int MAX_FRAME_FCS = 1518;
    /** Runts are padded to this (without FCS). */
    public static final int MIN_FRAME = 60;
}
