package org.stacklab.hw.nic;

import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.util.List;
import java.util.function.Consumer;
import org.stacklab.hw.bus.DmaMemory;
import org.stacklab.hw.bus.HardwareFault;
import org.stacklab.hw.bus.IrqLine;
import org.stacklab.hw.bus.Mmio;
import org.stacklab.hw.bus.PciDevice;
import org.stacklab.hw.irq.InterruptController;
import org.stacklab.hw.link.LinkEnd;
import org.stacklab.hw.link.Port;
import org.stacklab.hw.mem.PhysicalMemory;
import org.stacklab.sim.EventLoop;

/**
 * The Intel 82540EM gigabit Ethernet controller (e1000), as QEMU emulates it and xv6's lab drives it,
 * with the parts a teaching driver uses: the register file at its real MMIO offsets, legacy RX/TX
 * descriptor rings in physical memory, DMA, interrupt causes with mask and throttling, address
 * filtering, statistics and link status. Offsets and bits come from {@link org.stacklab.hw.bus.e1000.E1000Regs}.
 *
 * <p>The driver sees it only as a {@link PciDevice}; the machine plugs its {@link #port()} into a link.
 * The link is up ({@code STATUS.LU}) when a cable is connected and the driver has set {@code CTRL.SLU};
 * every change raises LSC.
 *
 * <p>A misprogrammed device (see {@link #faults()}) stops and reports a {@link HardwareFault} naming
 * the register and rule broken, with a register dump and the last 10 register writes. When an MMIO
 * write caused it, the write throws it, so the driver's stack trace points at the mistake. Only
 * {@code CTRL.RST} brings a stopped device back.
 */
public final class E1000 implements PciDevice {
    /** Largest frame the 82540EM transmits or receives (manual 3.3: 16288 bytes). */
    public static final int MAX_JUMBO = 16288;

    final EventLoop loop;
    final String slot;
    final long mac;
    final DmaMemory dma;
    final InterruptController.Line irq;
    final E1000Interrupts interrupts;
    final E1000Stats stats = new E1000Stats();
    final RegisterWriteLog writes = new RegisterWriteLog();
    private final E1000Faults faults = new E1000Faults(this);
    /** Plain read/write registers, indexed by offset / 4, up to the receive-address table. */
    final int[] regs = new int[(RAH0 + 16 * 8) >> 2];
    private final E1000Transmitter tx;
    private final E1000Receiver rx;
    private final NicPort port = new NicPort();
    private final Mmio mmio = new Mmio() {
        @Override public int read32(int offset) { return readRegister(offset); }
        @Override public void write32(int offset, int value) { writeRegister(offset, value); }
    };
    private String deviceName;
    /** Host-qualified name for traces and the port, e.g. {@code h1 e1000 0000:00:03.0}. */
    final String traceName;
    LinkEnd link;
    private boolean linkUp;
    boolean stopped;

    /**
     * A device in {@code slot} with permanent address {@code mac} (48 bits, first octet most
     * significant), doing DMA into {@code memory} and signalling on {@code irq}.
     */
    public E1000(EventLoop loop, String slot, long mac, PhysicalMemory memory, InterruptController.Line irq) {
        this(loop, null, slot, mac, memory, irq);
    }

    /** As above, on host {@code host} (which names the device in traces: {@code h1 e1000 0000:00:03.0}). */
    public E1000(EventLoop loop, String host, String slot, long mac, PhysicalMemory memory, InterruptController.Line irq) {
        this.loop = loop;
        this.traceName = (host == null ? "" : host + " ") + "e1000 " + slot;
        this.slot = slot;
        this.mac = mac;
        this.dma = memory.view("e1000 " + slot + " DMA");
        this.irq = irq;
        this.deviceName = "e1000 " + slot;
        this.interrupts = new E1000Interrupts(loop, irq, traceName);
        this.tx = new E1000Transmitter(this);
        this.rx = new E1000Receiver(this);
        reset();
    }

    // ---- PciDevice ----

    @Override public String slot() { return slot; }
    @Override public int vendorId() { return VENDOR_INTEL; }
    @Override public int deviceId() { return DEVICE_82540EM; }
    @Override public Mmio mmio() { return mmio; }
    @Override public DmaMemory memory() { return dma; }
    @Override public IrqLine irq() { return irq; }

    // ---- the machine's side ----

    /** The Ethernet port a cable plugs into. */
    public Port port() { return port; }

    /** The permanent MAC address (what the EEPROM holds and a reset loads into RAL0/RAH0). */
    public long macAddress() { return mac; }

    /** Names the device in fault messages, e.g. {@code e1000[eth0]} once the kernel named it. */
    public void setDeviceName(String name) { this.deviceName = name; }

    public String deviceName() { return deviceName; }

    /** Called with every hardware fault, as it happens (the kernel logs it). */
    public void setFaultListener(Consumer<HardwareFault> listener) { faults.setListener(listener); }

    /** Faults so far, oldest first. */
    public List<HardwareFault> faults() { return faults.all(); }

    /** True after a fault, until {@code CTRL.RST}. */
    public boolean isStopped() { return stopped; }

    public boolean isLinkUp() { return linkUp; }

    /** Interrupts the device has raised (line assertions), for measuring moderation. */
    public long interruptsRaised() { return interrupts.assertions; }

    // ---- MMIO ----

    private int readRegister(int off) {
        checkOffset(off);
        switch (off) {
            case CTRL: return regs[CTRL >> 2] & ~CTRL_RST;
            case STATUS: return status();
            case ICR: return interrupts.readAndClear();
            case IMS: return interrupts.ims;
            case ICS: case IMC: return 0; // write-only
            case ITR: return interrupts.itr;
            case EERD: return eerdRead();
            default:
                if (E1000Stats.isStat(off)) return stats.read(off);
                return (off >> 2) < regs.length ? regs[off >> 2] : 0;
        }
    }

    private void writeRegister(int off, int value) {
        checkOffset(off);
        writes.record(loop.now(), off, value);
        switch (off) {
            case CTRL:
                if ((value & CTRL_RST) != 0) { reset(); return; }
                regs[CTRL >> 2] = value;
                updateLink();
                return;
            case STATUS: return; // read-only
            case ICR: interrupts.writeIcr(value); return;
            case ICS: interrupts.raise(value); return;
            case IMS: interrupts.writeIms(value); return;
            case IMC: interrupts.writeImc(value); return;
            case ITR: interrupts.writeItr(value); return;
            case EERD: regs[EERD >> 2] = value; return;
            case RCTL: {
                boolean wasOn = (regs[RCTL >> 2] & RCTL_EN) != 0;
                regs[RCTL >> 2] = value;
                if (!wasOn && (value & RCTL_EN) != 0) rx.checkRing();
                return;
            }
            case TCTL: {
                boolean wasOn = (regs[TCTL >> 2] & TCTL_EN) != 0;
                regs[TCTL >> 2] = value;
                if (!wasOn && (value & TCTL_EN) != 0) { tx.checkRing(); tx.kick(); }
                return;
            }
            case RDLEN: case TDLEN:
                regs[off >> 2] = value;
                faults.checkRingLength(off, value);
                return;
            case RDH: case RDT: case TDH: case TDT:
                regs[off >> 2] = value;
                faults.checkIndex(off, value);
                if (off == RDT && (regs[RCTL >> 2] & RCTL_EN) != 0) rx.checkRing();
                if (off == TDT && (regs[TCTL >> 2] & TCTL_EN) != 0) { tx.checkRing(); tx.kick(); }
                return;
            default:
                if (E1000Stats.isStat(off)) return; // read-only counters
                if ((off >> 2) < regs.length) regs[off >> 2] = value;
        }
    }

    /** Register dump for fault reports. */
    String registerDump() { return faults.registerDump(); }

    private void checkOffset(int off) {
        if ((off & 3) != 0 || off < 0 || off >= MMIO_SIZE) {
            throw new IllegalArgumentException(String.format(
                    "%s: MMIO access at offset 0x%x: registers are 32-bit, at 4-byte aligned offsets in 0x0..0x%x",
                    deviceName, off, MMIO_SIZE - 4));
        }
    }

    int status() {
        return STATUS_FD | STATUS_SPEED_1000 | (linkUp ? STATUS_LU : 0);
    }

    /** EEPROM read (EERD): words 0..2 hold the MAC address; word 0x3F makes words 0..0x3F sum to 0xBABA. */
    private int eerdRead() {
        int v = regs[EERD >> 2];
        if ((v & EERD_START) == 0) return v;
        int word = (v >>> EERD_ADDR_SHIFT) & 0xFF;
        return (v & ~EERD_DATA_MASK) | EERD_DONE | (eepromWord(word) << EERD_DATA_SHIFT);
    }

    int eepromWord(int word) {
        switch (word) {
            case 0: return (int) (((mac >>> 32) & 0xFF00) >>> 8 | ((mac >>> 32) & 0xFF) << 8);
            case 1: return (int) (((mac >>> 16) & 0xFF00) >>> 8 | ((mac >>> 16) & 0xFF) << 8);
            case 2: return (int) ((mac & 0xFF00) >>> 8 | (mac & 0xFF) << 8);
            case 0x3F: return (0xBABA - eepromWord(0) - eepromWord(1) - eepromWord(2)) & 0xFFFF;
            default: return 0;
        }
    }

    /** CTRL.RST: back to power-on state; RAL0/RAH0 reload the MAC from the EEPROM (manual 14.3). */
    private void reset() {
        java.util.Arrays.fill(regs, 0);
        interrupts.reset();
        stats.clear();
        tx.reset();
        rx.reset();
        stopped = false;
        int ral = (int) (((mac >>> 40) & 0xFF) | ((mac >>> 32) & 0xFF) << 8 | ((mac >>> 24) & 0xFF) << 16 | ((mac >>> 16) & 0xFF) << 24);
        int rah = (int) (((mac >>> 8) & 0xFF) | (mac & 0xFF) << 8) | RAH_AV;
        regs[RAL0 >> 2] = ral;
        regs[RAH0 >> 2] = rah;
        linkUp = false;
    }

    private void updateLink() {
        boolean up = link != null && (regs[CTRL >> 2] & CTRL_SLU) != 0;
        if (up != linkUp) {
            linkUp = up;
            interrupts.raise(ICR_LSC);
            if (up) tx.kick();
        }
    }

    // ---- ring geometry ----

    int ringSize(int lenReg) { return regs[lenReg >> 2] >>> 4; }

    long ringBase(int lowReg) {
        return (regs[lowReg >> 2] & 0xFFFF_FFF0L) | ((long) regs[(lowReg + 4) >> 2] << 32);
    }

    // ---- faults (the rules and the report live in E1000Faults) ----

    HardwareFault fault(String what, String rule, String hint) { return faults.fault(what, rule, hint); }

    HardwareFault dmaFault(String what, RuntimeException busError, String field) {
        return faults.dmaFault(what, busError, field);
    }

    void checkRingInMemory(String which, int balReg, int lenReg) { faults.checkRingInMemory(which, balReg, lenReg); }

    void checkIndex(int reg, int value) { faults.checkIndex(reg, value); }

    /** Stops DMA after a fault, until reset. */
    void stop() {
        stopped = true;
        tx.stop();
    }

    @Override
    public String toString() {
        return deviceName + " [8086:100e] mac=" + org.stacklab.hw.link.Frames.formatMac(mac)
                + (linkUp ? " link up" : " link down") + (stopped ? " STOPPED" : "");
    }

    /** The NIC's Ethernet port. */
    private final class NicPort implements Port {
        @Override public String name() { return traceName; }

        @Override
        public void plugged(LinkEnd l) {
            link = l;
            updateLink();
        }

        @Override
        public void unplugged() {
            link = null;
            updateLink();
        }

        @Override
        public void receive(byte[] frame) {
            rx.receive(frame);
        }
    }
}
