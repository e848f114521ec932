package org.stacklab.hw.tap;

import java.io.IOException;

/**
 * A TAP device could not be opened. The message is one line for a person: what is missing and
 * how to fix it ("run as root", "modprobe tun", "another process holds tap0").
 */
public final class TapException extends IOException {
    /** Why: lets a caller choose an exit status without parsing the message. */
    public enum Reason { NO_TUN_DEVICE, PERMISSION, BUSY, BAD_NAME, NO_NATIVE_ACCESS, OTHER }

    private final Reason reason;

    public TapException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
