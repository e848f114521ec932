package org.stacklab.hw.bus;

/** An access to a physical address where no memory is installed. Names who accessed what. */
public class BusError extends RuntimeException {
    private final String initiator;
    private final long address;

    public BusError(String initiator, long address, int length, long memorySize) {
        super(String.format("bus error: %s accessed %d byte(s) at physical address 0x%x, "
                + "outside installed memory 0x0..0x%x", initiator, length, address, memorySize - 1));
        this.initiator = initiator;
        this.address = address;
    }

    public String initiator() { return initiator; }

    public long address() { return address; }
}
