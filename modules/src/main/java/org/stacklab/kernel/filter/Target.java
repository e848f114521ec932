package org.stacklab.kernel.filter;

/**
 * What a matching rule does ({@code -j TARGET}). ACCEPT and DROP end the chain (and are the only
 * policies a built-in chain may have); LOG writes a kernel log line and lets the chain go on;
 * REJECT drops and tells the sender (ICMP port unreachable, or a TCP RST with
 * {@code --reject-with tcp-reset}); REDIRECT (nat table only) sends the packet to a local port.
 */
public enum Target {
    ACCEPT, DROP, REJECT, LOG, REDIRECT;

    /** Whether the target ends the traversal of the chain (LOG does not). */
    public boolean terminal() { return this != LOG; }

    /** Parses {@code ACCEPT}/{@code DROP}/...; null for anything else. */
    public static Target byName(String name) {
        for (Target t : values()) if (t.name().equals(name)) return t;
        return null;
    }
}
