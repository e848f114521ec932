package org.stacklab.hw.bus.e1000;

/**
 * Register offsets and bits of the Intel 82540EM (e1000), from its Software Developer's Manual
 * (section 13, "Register Descriptions"). Both the emulated device and the driver read from this one
 * datasheet, as Linux's e1000_hw.h and QEMU's e1000_regs.h mirror the same manual.
 */
public final class E1000Regs {
    private E1000Regs() {}

    public static final int VENDOR_INTEL = 0x8086;
    public static final int DEVICE_82540EM = 0x100E;

    // ---- general ----
    public static final int CTRL = 0x0000;
    public static final int STATUS = 0x0008;
    public static final int EECD = 0x0010;
    public static final int CTRL_EXT = 0x0018;
    /** EEPROM read: write START and a word address, read DONE and the data (manual 13.4.4). */
    public static final int EERD = 0x0014;
    public static final int EERD_START = 1 << 0;
    public static final int EERD_DONE = 1 << 4;
    public static final int EERD_ADDR_SHIFT = 8;
    public static final int EERD_DATA_SHIFT = 16;
    public static final int EERD_DATA_MASK = 0xFFFF << 16;
    /** EEPROM words 0..2 hold the MAC address, first octet in the low byte of word 0. */
    public static final int EEPROM_MAC_WORDS = 3;

    public static final int CTRL_FD = 1 << 0;          // full duplex
    public static final int CTRL_ASDE = 1 << 5;        // auto-speed detection
    public static final int CTRL_SLU = 1 << 6;         // set link up
    public static final int CTRL_RST = 1 << 26;        // device reset, self-clearing

    public static final int STATUS_FD = 1 << 0;
    public static final int STATUS_LU = 1 << 1;        // link up
    public static final int STATUS_SPEED_10 = 0 << 6;
    public static final int STATUS_SPEED_100 = 1 << 6;
    public static final int STATUS_SPEED_1000 = 2 << 6;
    public static final int STATUS_SPEED_MASK = 3 << 6;

    // ---- interrupts ----
    public static final int ICR = 0x00C0;              // cause read; read clears; write 1 clears
    public static final int ITR = 0x00C4;              // throttle: minimum gap, 256 ns units
    public static final int ICS = 0x00C8;              // cause set (software-raised)
    public static final int IMS = 0x00D0;              // mask set: writes OR into the mask
    public static final int IMC = 0x00D8;              // mask clear

    public static final int ICR_TXDW = 1 << 0;         // transmit descriptor written back
    public static final int ICR_TXQE = 1 << 1;         // transmit queue empty
    public static final int ICR_LSC = 1 << 2;          // link status change
    public static final int ICR_RXSEQ = 1 << 3;
    public static final int ICR_RXDMT0 = 1 << 4;       // rx descriptors minimum threshold
    public static final int ICR_RXO = 1 << 6;          // receiver overrun
    public static final int ICR_RXT0 = 1 << 7;         // receiver timer (a frame arrived)
    public static final int ITR_UNIT_NS = 256;

    // ---- receive ----
    public static final int RCTL = 0x0100;
    public static final int RCTL_EN = 1 << 1;
    public static final int RCTL_SBP = 1 << 2;
    public static final int RCTL_UPE = 1 << 3;         // unicast promiscuous
    public static final int RCTL_MPE = 1 << 4;         // multicast promiscuous
    public static final int RCTL_LPE = 1 << 5;         // long packets (> 1518 bytes)
    public static final int RCTL_RDMTS_HALF = 0 << 8;   // RXDMT0 when free descriptors <= RDLEN/2
    public static final int RCTL_RDMTS_QUARTER = 1 << 8;
    public static final int RCTL_RDMTS_EIGHTH = 2 << 8;
    public static final int RCTL_MO_SHIFT = 12;        // which multicast address bits index the MTA
    public static final int RCTL_BAM = 1 << 15;        // accept broadcast
    public static final int RCTL_BSIZE_2048 = 0 << 16;
    public static final int RCTL_BSIZE_1024 = 1 << 16;
    public static final int RCTL_BSIZE_512 = 2 << 16;
    public static final int RCTL_BSIZE_256 = 3 << 16;
    public static final int RCTL_BSIZE_MASK = 3 << 16;
    public static final int RCTL_BSEX = 1 << 25;       // buffer size extension (x16)
    public static final int RCTL_SECRC = 1 << 26;      // strip the Ethernet CRC

    public static final int RDBAL = 0x2800;
    public static final int RDBAH = 0x2804;
    public static final int RDLEN = 0x2808;
    public static final int RDH = 0x2810;
    public static final int RDT = 0x2818;
    public static final int RDTR = 0x2820;

    // ---- transmit ----
    public static final int TCTL = 0x0400;
    public static final int TCTL_EN = 1 << 1;
    public static final int TCTL_PSP = 1 << 3;         // pad short packets
    public static final int TCTL_CT_SHIFT = 4;
    public static final int TCTL_COLD_SHIFT = 12;
    public static final int TIPG = 0x0410;

    public static final int TDBAL = 0x3800;
    public static final int TDBAH = 0x3804;
    public static final int TDLEN = 0x3808;
    public static final int TDH = 0x3810;
    public static final int TDT = 0x3818;

    // ---- addresses ----
    public static final int MTA = 0x5200;              // multicast table, 128 x 32 bits
    public static final int MTA_END = 0x53FC;
    public static final int RAL0 = 0x5400;
    public static final int RAH0 = 0x5404;
    public static final int RAH_AV = 1 << 31;          // address valid
    /** Receive-address table entries (RAL0/RAH0 .. RAL15/RAH15). */
    public static final int RA_ENTRIES = 16;

    /** RAL of receive-address entry {@code n}. */
    public static int RAL(int n) { return RAL0 + 8 * n; }

    /** RAH of receive-address entry {@code n}. */
    public static int RAH(int n) { return RAH0 + 8 * n; }

    // ---- statistics (clear on read) ----
    public static final int CRCERRS = 0x4000;
    public static final int MPC = 0x4010;              // missed packets (no descriptor)
    public static final int GPRC = 0x4074;             // good packets received
    public static final int GPTC = 0x4080;             // good packets transmitted
    public static final int GORCL = 0x4088;            // good octets received (low)
    public static final int GORCH = 0x408C;
    public static final int GOTCL = 0x4090;            // good octets transmitted (low)
    public static final int GOTCH = 0x4094;
    public static final int RNBC = 0x40A0;             // receive no buffers
    public static final int RUC = 0x40A4;              // receive undersize
    public static final int ROC = 0x40AC;              // receive oversize
    public static final int TPR = 0x40D0;              // total packets received
    public static final int TPT = 0x40D4;              // total packets transmitted

    /** Size of the register window (BAR0). */
    public static final int MMIO_SIZE = 0x20000;

    /** Human name of a register offset, for fault messages and traces. */
    public static String name(int offset) {
        switch (offset) {
            case CTRL: return "CTRL";
            case STATUS: return "STATUS";
            case ICR: return "ICR";
            case ITR: return "ITR";
            case ICS: return "ICS";
            case IMS: return "IMS";
            case IMC: return "IMC";
            case RCTL: return "RCTL";
            case TCTL: return "TCTL";
            case TIPG: return "TIPG";
            case RDBAL: return "RDBAL";
            case RDBAH: return "RDBAH";
            case RDLEN: return "RDLEN";
            case RDH: return "RDH";
            case RDT: return "RDT";
            case RDTR: return "RDTR";
            case TDBAL: return "TDBAL";
            case TDBAH: return "TDBAH";
            case TDLEN: return "TDLEN";
            case TDH: return "TDH";
            case TDT: return "TDT";
            case EERD: return "EERD";
            case CTRL_EXT: return "CTRL_EXT";
            case CRCERRS: return "CRCERRS";
            case GORCH: return "GORCH";
            case GOTCH: return "GOTCH";
            case RUC: return "RUC";
            case MPC: return "MPC";
            case GPRC: return "GPRC";
            case GPTC: return "GPTC";
            case GORCL: return "GORCL";
            case GOTCL: return "GOTCL";
            case RNBC: return "RNBC";
            case ROC: return "ROC";
            case TPR: return "TPR";
            case TPT: return "TPT";
            default:
                if (offset >= MTA && offset <= MTA_END) return "MTA[" + ((offset - MTA) / 4) + "]";
                if (offset >= RAL0 && offset < RAL0 + 8 * RA_ENTRIES) {
                    return ((offset & 4) == 0 ? "RAL" : "RAH") + ((offset - RAL0) / 8);
                }
                return String.format("0x%05x", offset);
        }
    }
}
