package org.stacklab.labs.firewall;

import org.stacklab.kernel.core.NetDevice;

/**
 * The LOG target writes one kernel log line per packet ({@code kernel.log().warn(line)}: LOG logs at level 4, warning), in the
 * layout of Linux's nf_log_ipv4, for example
 * <pre>
 * WEB: IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=TCP SPT=40000 DPT=80 WINDOW=64240 RES=0x00 SYN URGP=0
 * </pre>
 * README.md lists the fields for UDP and ICMP.
 */
final class LogLine {
    private LogLine() {}

    static String format(String prefix, PacketHeaders p, NetDevice in, NetDevice out) {
        // TODO(5)
        throw new UnsupportedOperationException("TODO: LogLine.format (lab 7, step 5)");
    }
}
