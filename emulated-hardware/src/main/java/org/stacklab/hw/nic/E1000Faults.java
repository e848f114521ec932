package org.stacklab.hw.nic;

import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stacklab.hw.bus.HardwareFault;
import org.stacklab.hw.bus.e1000.E1000Desc;

/**
 * The rules a driver must keep and the report when it breaks one. A fault names the register and the
 * rule, gives a hint, dumps the registers and the last 10 register writes, stops the device, is
 * recorded and goes to the listener; the caller throws the returned exception, so a fault caused by
 * an MMIO write surfaces in the driver's own stack.
 */
final class E1000Faults {
    private final E1000 dev;
    private final List<HardwareFault> faults = new ArrayList<>();
    private Consumer<HardwareFault> listener;

    E1000Faults(E1000 dev) {
        this.dev = dev;
    }

    void setListener(Consumer<HardwareFault> listener) { this.listener = listener; }

    List<HardwareFault> all() { return List.copyOf(faults); }

    void checkRingLength(int off, int len) {
        String which = off == RDLEN ? "RX" : "TX";
        if (len % E1000Desc.RING_ALIGN != 0 || len < 0) {
            throw fault(String.format("%s=%d is not a multiple of 128", name(off), len),
                    String.format("the %s ring length is in bytes and must be a multiple of 128 (8 descriptors of 16 bytes)", which),
                    String.format("write %s = number of descriptors * 16, with a descriptor count that is a multiple of 8", name(off)));
        }
    }

    void checkIndex(int off, int value) {
        boolean rxRing = off == RDH || off == RDT;
        int n = dev.ringSize(rxRing ? RDLEN : TDLEN);
        if (n == 0 ? value != 0 : (value < 0 || value >= n)) {
            boolean tail = off == RDT || off == TDT;
            String lenReg = rxRing ? "RDLEN" : "TDLEN";
            throw fault(String.format("%s=%d is past the end of the %s ring", name(off), value, rxRing ? "RX" : "TX"),
                    n == 0 ? String.format("%s is 0: program the ring (base and %s) before its head and tail", lenReg, lenReg)
                           : String.format("the %s must lie in 0..(%s/16 - 1) = 0..%d", tail ? "tail" : "head", lenReg, n - 1),
                    tail ? "advance the tail with (tail + 1) % ring size" : "the driver sets the head only to 0, at init");
        }
    }

    /** The ring at (BAL/BAH, LEN) must be 16-byte aligned and lie inside installed memory. */
    void checkRingInMemory(String which, int balReg, int lenReg) {
        long base = dev.ringBase(balReg);
        long len = dev.regs[lenReg >> 2] & 0xFFFF_FFFFL;
        if (len == 0) return;
        int low = dev.regs[balReg >> 2];
        if ((low & 0xF) != 0) {
            throw fault(String.format("%s=0x%08x is not 16-byte aligned", name(balReg), low),
                    "descriptors are 16 bytes and the ring must start on a 16-byte boundary (the device ignores bits 3:0)",
                    "allocate the ring with 16-byte (better: 128-byte) alignment");
        }
        if (base + len > dev.dma.size()) {
            String bal = name(balReg);
            String where = base > 0xFFFF_FFFFL ? name(balReg + 4) + ":" + bal : bal;
            throw fault(String.format("the %s ring (%s=0x%08x, %s=%d) ends at 0x%x, outside installed memory 0x0..0x%x",
                            which, where, base, name(lenReg), len, base + len - 1, dev.dma.size() - 1),
                    String.format("the whole ring, %s .. %s + %s - 1, must lie in physical memory", name(balReg), name(balReg), name(lenReg)),
                    "allocate the ring from DMA memory and write its physical address to " + name(balReg));
        }
    }

    /** Records a fault, stops the device, tells the listener, and returns the exception to throw. */
    HardwareFault fault(String what, String rule, String hint) {
        HardwareFault f = new HardwareFault(dev.deviceName(),
                what + "\n  rule: " + rule + "\n  hint: " + hint, registerDump());
        dev.stop();
        faults.add(f);
        if (listener != null) listener.accept(f);
        return f;
    }

    /** A bus error while the device moved data: the driver gave it an address outside memory. */
    HardwareFault dmaFault(String what, RuntimeException busError, String field) {
        return fault(what + ": " + busError.getMessage(),
                "every buffer address in a descriptor (" + field + ") must point into installed memory",
                "write the physical address of a buffer you allocated, and the ring base to its BAL/BAH");
    }

    String registerDump() {
        int[] r = dev.regs;
        return String.format("  registers: CTRL=0x%08x STATUS=0x%08x ICR=0x%08x IMS=0x%08x ITR=%d%n"
                        + "             RCTL=0x%08x RDBAL=0x%08x RDBAH=0x%08x RDLEN=0x%08x RDH=%d RDT=%d%n"
                        + "             TCTL=0x%08x TDBAL=0x%08x TDBAH=0x%08x TDLEN=0x%08x TDH=%d TDT=%d%n"
                        + "  the NIC has stopped until reset (CTRL.RST); the last %d register writes:%n%s",
                r[CTRL >> 2], dev.status(), dev.interrupts.icr, dev.interrupts.ims, dev.interrupts.itr,
                r[RCTL >> 2], r[RDBAL >> 2], r[RDBAH >> 2], r[RDLEN >> 2], r[RDH >> 2], r[RDT >> 2],
                r[TCTL >> 2], r[TDBAL >> 2], r[TDBAH >> 2], r[TDLEN >> 2], r[TDH >> 2], r[TDT >> 2],
                RegisterWriteLog.CAPACITY, dev.writes.format("    ")).stripTrailing();
    }
}
