package org.stacklab.userland;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;
import org.stacklab.syscall.procfs.NetlinkDump;
import org.stacklab.syscall.procfs.TcpStates;

/**
 * {@code ss [-t] [-u] [-l] [-a] [-n] [-p] [-i] [-s] [-h]}: socket statistics, from a SOCK_DIAG_BY_FAMILY dump
 * (see {@link NetlinkDump}), with iproute2's columns and state names. Without -l or -a it shows
 * connected sockets only (not LISTEN, UNCONN, TIME-WAIT or SYN-RECV, as ss's default filter);
 * -l shows listening (TCP LISTEN, UDP UNCONN) sockets; -a shows all. For a LISTEN socket, Recv-Q
 * is the accept queue and Send-Q the backlog. Without -n, well-known ports print as service names.
 *
 * <p>{@code -i} adds, under each TCP socket, the line iproute2's tcp_show_info prints from the
 * socket's {@code struct tcp_info} (the dump's {@code tcpi_*} attributes): congestion control,
 * window scales, rto, rtt/rttvar, mss, cwnd, ssthresh, byte and segment counts, the send rate
 * (cwnd × mss × 8 / rtt), unacked and retrans. {@code -s} prints the summary ss builds from
 * /proc/net/sockstat and the CurrEstab counter of /proc/net/snmp.
 *
 * <p>Columns are as wide as their widest cell; Linux's ss additionally spreads the table over the
 * terminal's width, which is left out so the output does not depend on a terminal.
 */
public final class Ss implements Program {
    private static final String[] STATE_NAMES = {"UNKNOWN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1",
        "FIN-WAIT-2", "TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING"};

    @Override
    public int main(UserProcess proc, String[] argv) {
        boolean tcp = false, udp = false, listening = false, all = false, numeric = false, processes = false;
        boolean info = false, summary = false;
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--help")) return help(proc);
            if (a.equals("--info")) { info = true; continue; }
            if (a.equals("--summary")) { summary = true; continue; }
            if (a.equals("--processes")) { processes = true; continue; }
            if (a.equals("--tcp")) { tcp = true; continue; }
            if (a.equals("--udp")) { udp = true; continue; }
            if (a.equals("--listening")) { listening = true; continue; }
            if (a.equals("--all")) { all = true; continue; }
            if (a.equals("--numeric")) { numeric = true; continue; }
            if (!a.startsWith("-") || a.startsWith("--")) {
                proc.eprintln("ss: unsupported argument '" + a + "'");
                return 1;
            }
            for (char c : a.substring(1).toCharArray()) {
                switch (c) {
                    case 't': tcp = true; break;
                    case 'u': udp = true; break;
                    case 'l': listening = true; break;
                    case 'a': all = true; break;
                    case 'n': numeric = true; break;
                    case 'p': processes = true; break;
                    case 'i': info = true; break;
                    case 's': summary = true; break;
                    case 'h': return help(proc);
                    case '4': break;
                    default:
                        proc.eprintln("ss: invalid option -- '" + c + "'");
                        return 1;
                }
            }
        }
        if (summary) return summary(proc);
        if (!tcp && !udp) tcp = udp = true;
        List<String> dump = UserFiles.lines(proc, "ss", NetlinkDump.SOCK_DIAG);
        if (dump == null) return 1;

        boolean netid = tcp && udp;
        Table t = new Table(new boolean[] {false, false, false, false, true, false, true, false, false},
                new String[] {"", netid ? " " : "", " ", " ", " ", "", " ", "", " "});
        t.add(netid ? "Netid" : "", "State", "Recv-Q", "Send-Q", "Local Address:", "Port", "Peer Address:", "Port", "Process");
        List<String> infoLines = new ArrayList<>();
        for (String line : dump) {
            Map<String, String> r = UserFiles.record(line);
            int proto = Integer.parseInt(r.get("protocol"));
            if (proto == 6 ? !tcp : proto == 17 ? !udp : true) continue;
            int st = Integer.parseInt(r.get("state"));
            boolean isListen = st == TcpStates.LISTEN || st == TcpStates.CLOSE;
            if (!all) {
                if (listening != isListen) continue;
                if (!listening && (st == TcpStates.TIME_WAIT || st == TcpStates.SYN_RECV)) continue;
            }
            String state = st >= 0 && st < STATE_NAMES.length ? STATE_NAMES[st] : "UNKNOWN";
            String owner = r.getOrDefault("owner", "");
            t.add(netid ? (proto == 6 ? "tcp" : "udp") : "", state, r.get("rqueue"), r.get("wqueue"),
                    r.get("src") + ":", port(r.get("sport"), proto, numeric),
                    r.get("dst") + ":", port(r.get("dport"), proto, numeric),
                    processes ? process(owner) : "");
            infoLines.add(info && r.containsKey("cong") ? tcpInfoLine(r) : null);
        }
        List<String> out = new ArrayList<>(t.render());
        for (int i = 0; i < out.size(); i++) {
            proc.println(out.get(i));
            String il = i == 0 ? null : infoLines.get(i - 1);
            if (il != null) proc.println(il);
        }
        return 0;
    }

    /**
     * iproute2's tcp_show_info and tcp_stats_print: fields in their order, each printed only when
     * non-zero, times in ms with C's %g, the line opened by a tab and each field by a space.
     */
    static String tcpInfoLine(Map<String, String> r) {
        StringBuilder sb = new StringBuilder("\t");
        long opts = num(r, "tcpi_options");
        // "ts" and "sack" are printed only with -o/-e (show_options), which this ss does not have.
        sb.append(' ').append(r.get("cong"));
        if ((opts & NetlinkDump.TCPI_OPT_WSCALE) != 0) {
            sb.append(" wscale:").append(num(r, "tcpi_snd_wscale")).append(',').append(num(r, "tcpi_rcv_wscale"));
        }
        long rtoUs = num(r, "tcpi_rto");
        if (rtoUs != 0 && rtoUs != 3_000_000) sb.append(" rto:").append(g(rtoUs / 1000.0, 6)); // ss hides the 3 s default
        if (num(r, "tcpi_backoff") != 0) sb.append(" backoff:").append(num(r, "tcpi_backoff"));
        long rtt = num(r, "tcpi_rtt");
        if (rtt != 0) sb.append(" rtt:").append(g(rtt / 1000.0, 6)).append('/').append(g(num(r, "tcpi_rttvar") / 1000.0, 6));
        long mss = num(r, "tcpi_snd_mss");
        if (mss != 0) sb.append(" mss:").append(mss);
        if (num(r, "tcpi_advmss") != 0) sb.append(" advmss:").append(num(r, "tcpi_advmss"));
        long cwnd = num(r, "tcpi_snd_cwnd");
        if (cwnd != 0) sb.append(" cwnd:").append(cwnd);
        long ssthresh = num(r, "tcpi_snd_ssthresh");
        if (ssthresh != 0 && ssthresh < 0xFFFF) sb.append(" ssthresh:").append(ssthresh);
        for (String[] f : new String[][] {{"tcpi_bytes_sent", "bytes_sent"}, {"tcpi_bytes_acked", "bytes_acked"},
                {"tcpi_bytes_received", "bytes_received"}, {"tcpi_segs_out", "segs_out"}, {"tcpi_segs_in", "segs_in"}}) {
            if (num(r, f[0]) != 0) sb.append(' ').append(f[1]).append(':').append(num(r, f[0]));
        }
        if (rtt > 0 && mss != 0 && cwnd != 0) sb.append(" send ").append(bw(cwnd * mss * 8_000_000.0 / rtt)).append("bps");
        long unacked = num(r, "tcpi_unacked");
        if (unacked != 0) sb.append(" unacked:").append(unacked);
        long retrans = num(r, "tcpi_retrans"), total = num(r, "tcpi_total_retrans");
        if (retrans != 0 || total != 0) sb.append(" retrans:").append(retrans).append('/').append(total);
        if (num(r, "tcpi_rcv_space") != 0) sb.append(" rcv_space:").append(num(r, "tcpi_rcv_space"));
        if (num(r, "tcpi_notsent_bytes") != 0) sb.append(" notsent:").append(num(r, "tcpi_notsent_bytes"));
        if (num(r, "tcpi_snd_wnd") != 0) sb.append(" snd_wnd:").append(num(r, "tcpi_snd_wnd")); // iproute2 5.10+
        return sb.toString();
    }

    private static long num(Map<String, String> r, String key) {
        String v = r.get(key);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** iproute2's sprint_bw: three significant digits and a K/M/G/T suffix. */
    static String bw(double bps) {
        if (bps >= 1e12) return g(bps / 1e12, 3) + "T";
        if (bps >= 1e9) return g(bps / 1e9, 3) + "G";
        if (bps >= 1e6) return g(bps / 1e6, 3) + "M";
        if (bps >= 1e3) return g(bps / 1e3, 3) + "K";
        return g(bps, 6);
    }

    /** C's printf {@code %.Pg} for the magnitudes ss prints: P significant digits, trailing zeros dropped. */
    static String g(double v, int precision) {
        if (v == 0) return "0";
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(precision));
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= precision) {
            String m = d.unscaledValue().abs().toString().replaceAll("0+$", "");
            String mant = m.length() > 1 ? m.charAt(0) + "." + m.substring(1) : m;
            return (v < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String s = d.toPlainString();
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    /** ss -s: iproute2's print_summary, from /proc/net/sockstat and /proc/net/snmp's CurrEstab. */
    private static int summary(UserProcess proc) {
        List<String> sockstat = UserFiles.lines(proc, "ss", "/proc/net/sockstat");
        List<String> snmp = UserFiles.lines(proc, "ss", "/proc/net/snmp");
        if (sockstat == null || snmp == null) return 1;
        Map<String, Long> st = new java.util.HashMap<>();
        for (String l : sockstat) {
            String[] w = l.trim().split("\\s+");
            String group = w[0].replace(":", "");
            for (int i = 1; i + 1 < w.length; i += 2) st.put(group + "." + w[i], Long.parseLong(w[i + 1]));
        }
        long estab = 0;
        for (int i = 0; i + 1 < snmp.size(); i++) {
            if (!snmp.get(i).startsWith("Tcp:")) continue;
            List<String> names = List.of(snmp.get(i).split("\\s+"));
            String[] values = snmp.get(i + 1).split("\\s+");
            int at = names.indexOf("CurrEstab");
            if (at > 0 && at < values.length) estab = Long.parseLong(values[at]);
            break;
        }
        long tcpTotal = st.getOrDefault("TCP.alloc", 0L), tcp4 = st.getOrDefault("TCP.inuse", 0L);
        long tw = st.getOrDefault("TCP.tw", 0L), udp4 = st.getOrDefault("UDP.inuse", 0L);
        long raw4 = st.getOrDefault("RAW.inuse", 0L), frag4 = st.getOrDefault("FRAG.inuse", 0L);
        proc.println("Total: " + st.getOrDefault("sockets.used", 0L));
        proc.println("TCP:   " + (tcpTotal + tw) + " (estab " + estab + ", closed " + (tcpTotal - (tcp4 - tw))
                + ", orphaned " + st.getOrDefault("TCP.orphan", 0L) + ", timewait " + tw + ")");
        proc.println("");
        proc.println("Transport Total     IP        IPv6");
        proc.println(String.format("RAW\t  %-9d %-9d %-9d", raw4, raw4, 0));
        proc.println(String.format("UDP\t  %-9d %-9d %-9d", udp4, udp4, 0));
        proc.println(String.format("TCP\t  %-9d %-9d %-9d", tcp4, tcp4, 0));
        proc.println(String.format("INET\t  %-9d %-9d %-9d", raw4 + udp4 + tcp4, raw4 + udp4 + tcp4, 0));
        proc.println(String.format("FRAG\t  %-9d %-9d %-9d", frag4, frag4, 0));
        proc.println("");
        return 0;
    }

    /** ss -h: the usage, on stdout with status 0 as iproute2 prints it; only the options StackLab's ss has. */
    private static int help(UserProcess proc) {
        proc.println(String.join("\n",
                "Usage: ss [ OPTIONS ]",
                "       ss [ OPTIONS ] [ FILTER ]",
                "   -h, --help          this message",
                "   -n, --numeric       don't resolve service names",
                "   -a, --all           display all sockets",
                "   -l, --listening     display listening sockets",
                "   -i, --info          show internal TCP information",
                "   -p, --processes     show process using socket",
                "   -s, --summary       show socket usage summary",
                "   -4, --ipv4          display only IP version 4 sockets",
                "   -t, --tcp           display only TCP sockets",
                "   -u, --udp           display only UDP sockets"));
        return 0;
    }

    private static String process(String owner) {
        if (owner.isEmpty()) return "";
        return owner.startsWith("users:") ? owner : "users:((\"" + owner + "\"))";
    }

    static String port(String p, int proto, boolean numeric) {
        if (p.equals("0")) return "*";
        if (numeric) return p;
        return Services.name(Integer.parseInt(p), proto == 6 ? "tcp" : "udp");
    }
}
