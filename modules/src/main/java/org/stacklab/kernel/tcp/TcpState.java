package org.stacklab.kernel.tcp;

/**
 * The eleven connection states of RFC 9293 §3.3.2, with the names Linux's {@code ss} and
 * /proc/net/tcp use ({@link #linuxName()}).
 */
public enum TcpState {
    CLOSED("CLOSE"),
    LISTEN("LISTEN"),
    SYN_SENT("SYN_SENT"),
    SYN_RECEIVED("SYN_RECV"),
    ESTABLISHED("ESTABLISHED"),
    FIN_WAIT_1("FIN_WAIT1"),
    FIN_WAIT_2("FIN_WAIT2"),
    CLOSE_WAIT("CLOSE_WAIT"),
    CLOSING("CLOSING"),
    LAST_ACK("LAST_ACK"),
    TIME_WAIT("TIME_WAIT");

    private final String linuxName;

    TcpState(String linuxName) { this.linuxName = linuxName; }

    /** The name as Linux spells it in {@code ss} and /proc/net/tcp (SYN_RECV, FIN_WAIT1, CLOSE). */
    public String linuxName() { return linuxName; }

    /** RFC 9293's hyphenated name: SYN-RECEIVED, FIN-WAIT-1, TIME-WAIT. */
    public String rfcName() { return name().replace('_', '-'); }

    /** States after the handshake in which both sequence spaces are known (RFC 9293 §3.5.2 "synchronized"). */
    public boolean isSynchronized() {
        return this != CLOSED && this != LISTEN && this != SYN_SENT;
    }

    /** States in which the user may still queue data to send. */
    public boolean canSend() { return this == ESTABLISHED || this == CLOSE_WAIT; }
}
