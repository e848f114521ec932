package org.stacklab.kernel.filter;

/**
 * The reply a REJECT rule sends ({@code --reject-with}). As in Linux, the default is ICMP port
 * unreachable for every protocol; {@code tcp-reset} (only with {@code -p tcp}) answers with a RST
 * as a closed port would (RFC 9293 §3.10.7.1), which makes a connect() fail at once with
 * ECONNREFUSED instead of after ICMP handling.
 */
public enum RejectWith {
    ICMP_PORT_UNREACHABLE("icmp-port-unreachable", 3),
    ICMP_HOST_UNREACHABLE("icmp-host-unreachable", 1),
    ICMP_NET_UNREACHABLE("icmp-net-unreachable", 0),
    ICMP_ADMIN_PROHIBITED("icmp-admin-prohibited", 13),
    TCP_RESET("tcp-reset", -1);

    private final String label;
    private final int icmpCode;

    RejectWith(String label, int icmpCode) {
        this.label = label;
        this.icmpCode = icmpCode;
    }

    public String label() { return label; }

    /** The ICMP destination-unreachable code (RFC 792, RFC 1812 §5.2.7.1), or -1 for tcp-reset. */
    public int icmpCode() { return icmpCode; }

    public static RejectWith byLabel(String s) {
        for (RejectWith r : values()) if (r.label.equals(s)) return r;
        // iptables also accepts the short forms.
        if ("port-unreach".equals(s)) return ICMP_PORT_UNREACHABLE;
        if ("host-unreach".equals(s)) return ICMP_HOST_UNREACHABLE;
        if ("net-unreach".equals(s)) return ICMP_NET_UNREACHABLE;
        if ("admin-prohib".equals(s)) return ICMP_ADMIN_PROHIBITED;
        return null;
    }
}
