package org.stacklab.userland;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/**
 * {@code iptables}: shows and edits the firewall's rules ({@code -A/-I/-D/-L/-S/-F/-Z/-P},
 * {@code -t nat}, {@code -L -n -v} for counters).
 *
 * <p>Real iptables fetches the kernel's table with {@code getsockopt(IPT_SO_GET_ENTRIES)} on a raw
 * socket and writes it back with {@code setsockopt(IPT_SO_SET_REPLACE)}, a binary blob our
 * int-valued setsockopt cannot carry. This one writes its argv to the kernel's control file
 * {@value #CONTROL_FILE} (NUL-separated, like /proc/PID/cmdline) and reads back what to print; the
 * kernel parses and applies the command (org.stacklab.kernel.filter.IptablesControl describes the
 * file). A failed write returns -EINVAL for a parameter problem (exit status 2) or another -errno
 * (exit status 1), and the read then gives iptables' error message.
 */
public final class Iptables implements Program {
    /** The firewall's control file; the same path as IptablesControl.CONTROL_FILE on the kernel side. */
    public static final String CONTROL_FILE = "/dev/stacklab/iptables";
    static final String PROG = "iptables v1.8.7 (stacklab)";

    @Override
    public int main(UserProcess proc, String[] argv) {
        if (argv.length >= 2 && (argv[1].equals("-h") || argv[1].equals("--help"))) {
            proc.print(usage());
            return 0;
        }
        if (argv.length >= 2 && (argv[1].equals("-V") || argv[1].equals("--version"))) {
            proc.println(PROG);
            return 0;
        }
        Syscalls sys = proc.sys();
        int fd = sys.open(CONTROL_FILE, Syscalls.O_RDWR);
        if (fd < 0) {
            proc.eprintln(PROG + ": can't initialize iptables table `" + table(argv) + "': "
                    + (fd == Errno.ENOENT.neg() ? "Table does not exist (do you need to insmod?)" : UserFiles.strerror(fd)));
            proc.eprintln("Perhaps iptables or your kernel needs to be upgraded.");
            return 3;
        }
        try {
            byte[] request = encode(argv);
            int rc = sys.write(fd, request, 0, request.length);
            String reply = readAll(sys, fd);
            if (rc >= 0) {
                proc.print(reply);
                return 0;
            }
            proc.eprint(reply.isEmpty() ? "iptables: " + UserFiles.strerror(rc) + ".\n" : reply);
            return rc == Errno.EINVAL.neg() ? 2 : 1;
        } finally {
            sys.close(fd);
        }
    }

    /** argv without the program name, each word followed by NUL. */
    static byte[] encode(String[] argv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < argv.length; i++) sb.append(argv[i]).append('\0');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readAll(Syscalls sys, int fd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = sys.read(fd, buf, 0, buf.length)) > 0) out.write(buf, 0, n);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String table(String[] argv) {
        for (int i = 1; i + 1 < argv.length; i++) if (argv[i].equals("-t") || argv[i].equals("--table")) return argv[i + 1];
        return "filter";
    }

    private static String usage() {
        return PROG + "\n\n"
                + "Usage: iptables [-t table] -[AD] chain rule-specification [options]\n"
                + "       iptables [-t table] -I chain [rulenum] rule-specification [options]\n"
                + "       iptables [-t table] -D chain rulenum\n"
                + "       iptables [-t table] -[LS] [chain] [-n] [-v] [-x] [--line-numbers]\n"
                + "       iptables [-t table] -[FZ] [chain]\n"
                + "       iptables [-t table] -P chain target\n\n"
                + "Tables:   filter (INPUT, FORWARD, OUTPUT), nat (PREROUTING, OUTPUT)\n"
                + "Rule specification:\n"
                + "  -p tcp|udp|icmp|all      protocol\n"
                + "  -s ADDR[/PREFIX]         source;  -d ADDR[/PREFIX] destination\n"
                + "  -i DEV / -o DEV          input / output interface (eth+ is a wildcard)\n"
                + "  --sport P[:P] / --dport P[:P]   ports (after -p tcp or -p udp)\n"
                + "  -j ACCEPT|DROP|REJECT [--reject-with icmp-port-unreachable|tcp-reset]\n"
                + "     LOG [--log-prefix TEXT] | REDIRECT --to-ports PORT (nat table)\n";
    }
}
