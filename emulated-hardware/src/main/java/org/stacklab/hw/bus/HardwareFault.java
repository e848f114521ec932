package org.stacklab.hw.bus;

/**
 * A device stopped because it was misprogrammed: a ring outside memory, a tail past the ring, a
 * zero-length buffer. The message names the register and the rule broken and carries a register
 * dump; a device in fault stops moving data rather than corrupt memory.
 */
public class HardwareFault extends RuntimeException {
    private final String device;
    private final String registerDump;

    public HardwareFault(String device, String message, String registerDump) {
        super(device + " hardware fault: " + message + (registerDump.isEmpty() ? "" : "\n" + registerDump));
        this.device = device;
        this.registerDump = registerDump;
    }

    public String device() { return device; }

    public String registerDump() { return registerDump; }
}
