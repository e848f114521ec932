package org.stacklab.syscall.procfs;

import java.util.Locale;

/**
 * Socket states as the kernel numbers them in /proc/net/tcp and sock_diag (include/net/tcp_states.h):
 * TCP_ESTABLISHED = 1 ... TCP_CLOSING = 11. UDP sockets use ESTABLISHED (connected) and CLOSE.
 */
public final class TcpStates {
    private TcpStates() {}

    public static final int ESTABLISHED = 1, SYN_SENT = 2, SYN_RECV = 3, FIN_WAIT1 = 4, FIN_WAIT2 = 5,
            TIME_WAIT = 6, CLOSE = 7, CLOSE_WAIT = 8, LAST_ACK = 9, LISTEN = 10, CLOSING = 11;

    /**
     * The number for a {@link org.stacklab.kernel.socket.SockInfo#state()} name, in any of the
     * spellings transports use (RFC 9293's SYN-RECEIVED, Linux's SYN_RECV, ss's ESTAB, UDP's UNCONN).
     */
    public static int code(String state) {
        if (state == null) return CLOSE;
        String s = state.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        switch (s) {
            case "ESTABLISHED": case "ESTAB": return ESTABLISHED;
            case "SYN_SENT": return SYN_SENT;
            case "SYN_RECV": case "SYN_RECEIVED": case "SYN_RCVD": return SYN_RECV;
            case "FIN_WAIT1": case "FIN_WAIT_1": return FIN_WAIT1;
            case "FIN_WAIT2": case "FIN_WAIT_2": return FIN_WAIT2;
            case "TIME_WAIT": return TIME_WAIT;
            case "CLOSE_WAIT": return CLOSE_WAIT;
            case "LAST_ACK": return LAST_ACK;
            case "LISTEN": return LISTEN;
            case "CLOSING": return CLOSING;
            default: return CLOSE; // CLOSED, CLOSE, UNCONN
        }
    }
}
