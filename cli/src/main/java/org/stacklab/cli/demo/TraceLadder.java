package org.stacklab.cli.demo;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.kernel.tcp.TcpHeader;

/**
 * Draws the packet ladder of one TCP connection from a host's trace: the handshake diagram of the
 * course text, but made from frames that really crossed the wire.
 */
final class TraceLadder {
    private TraceLadder() {}

    /** The ladder of every TCP segment between {@code client} and {@code server}:{@code port} that {@code entries} saw. */
    static String draw(List<PacketTrace.Entry> entries, String clientName, int client, String serverName, int server, int port) {
        List<String> rows = new ArrayList<>();
        for (PacketTrace.Entry e : entries) {
            byte[] f = e.frame();
            if (f.length < 14 + 20 || (f[12] & 0xff) != 0x08 || f[13] != 0) continue;
            int ihl = (f[14] & 0x0f) * 4;
            if ((f[14 + 9] & 0xff) != 6 || f.length < 14 + ihl + 20) continue;
            int src = u32(f, 14 + 12);
            int dst = u32(f, 14 + 16);
            int t = 14 + ihl;
            int totalLen = u16(f, 16);
            if (totalLen - ihl < 20 || 14 + totalLen > f.length) continue;
            TcpHeader th = TcpHeader.parse(f, t, totalLen - ihl);   // the one TCP codec (data offset as sent)
            if (th == null) continue;
            int sport = th.srcPort();
            int dport = th.dstPort();
            boolean rightward = src == client && dst == server && dport == port;
            boolean leftward = src == server && dst == client && sport == port;
            if (!rightward && !leftward) continue;
            int dataLen = totalLen - ihl - th.length();
            rows.add(row(rightward, label(th.flags(), dataLen)));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("   %-26s%s%n", clientName + " (" + Ip4.format(client) + ")", serverName + " (" + Ip4.format(server) + ")"));
        for (String r : rows) sb.append(r).append('\n');
        return sb.toString();
    }

    private static String label(int flags, int dataLen) {
        boolean syn = (flags & 0x02) != 0, ack = (flags & 0x10) != 0, fin = (flags & 0x01) != 0, rst = (flags & 0x04) != 0;
        String s;
        if (rst) s = "RST";
        else if (syn) s = ack ? "SYN-ACK" : "SYN";
        else if (fin) s = ack ? "FIN-ACK" : "FIN";
        else s = "ACK";
        if (dataLen > 0) s += " + " + dataLen + " bytes";
        return s;
    }

    private static String row(boolean rightward, String label) {
        int width = 26;
        String dashes = "-".repeat(Math.max(2, width - label.length() - 6));
        return rightward
                ? "      | ---- " + label + " " + dashes + "> |"
                : "      | <--- " + label + " " + dashes + "- |";
    }

    private static int u16(byte[] b, int o) { return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff); }

    private static int u32(byte[] b, int o) { return (u16(b, o) << 16) | u16(b, o + 2); }
}
