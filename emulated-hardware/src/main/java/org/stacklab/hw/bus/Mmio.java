package org.stacklab.hw.bus;

/** A device's register file, reached by 32-bit reads and writes at byte offsets (BAR0). */
public interface Mmio {
    int read32(int offset);

    void write32(int offset, int value);
}
