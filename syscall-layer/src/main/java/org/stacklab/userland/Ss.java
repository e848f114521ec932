package org.stacklab.userland;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;
import org.stacklab.syscall.procfs.NetlinkDump;
import org.stacklab.syscall.procfs.TcpStates;

/**
 * {@code ss [-t] [-u] [-l] [-a] [-n] [-p]}: socket statistics, from a SOCK_DIAG_BY_FAMILY dump
 * (see {@link NetlinkDump}), with iproute2's columns and state names. Without -l or -a it shows
 * connected sockets only (not LISTEN, UNCONN, TIME-WAIT or SYN-RECV, as ss's default filter);
 * -l shows listening (TCP LISTEN, UDP UNCONN) sockets; -a shows all. For a LISTEN socket, Recv-Q
 * is the accept queue and Send-Q the backlog. Without -n, well-known ports print as service names.
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
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
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
                    case '4': break;
                    default:
                        proc.eprintln("ss: invalid option -- '" + c + "'");
                        return 1;
                }
            }
        }
        if (!tcp && !udp) tcp = udp = true;
        List<String> dump = UserFiles.lines(proc, "ss", NetlinkDump.SOCK_DIAG);
        if (dump == null) return 1;

        boolean netid = tcp && udp;
        Table t = new Table(new boolean[] {false, false, false, false, true, false, true, false, false},
                new String[] {"", netid ? " " : "", " ", " ", " ", "", " ", "", " "});
        t.add(netid ? "Netid" : "", "State", "Recv-Q", "Send-Q", "Local Address:", "Port", "Peer Address:", "Port", "Process");
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
        }
        List<String> out = new ArrayList<>(t.render());
        for (String l : out) proc.println(l);
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
