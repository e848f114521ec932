package org.stacklab.userland;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/**
 * sysctl(8), as procps has it: reads and writes kernel tunables through their files under
 * {@code /proc/sys} (a name's dots are the path's slashes), and nothing else.
 *
 * <pre>
 * sysctl [-n] [-q] NAME...                 print: net.ipv4.conf.all.rp_filter = 0
 * sysctl [-q] -w NAME=VALUE...             write (-w may be left out when the argument has =)
 * </pre>
 */
public final class Sysctl implements Program {
    private UserProcess p;
    private Syscalls sys;
    private boolean valuesOnly, quiet;

    @Override
    public int main(UserProcess proc, String[] argv) {
        this.p = proc;
        this.sys = proc.sys();
        List<String> args = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            switch (argv[i]) {
                case "-n" -> valuesOnly = true;
                case "-q" -> quiet = true;
                case "-w" -> { }
                default -> {
                    if (argv[i].startsWith("-")) return usage();
                    args.add(argv[i]);
                }
            }
        }
        if (args.isEmpty()) return usage();
        int status = 0;
        for (String a : args) {
            int eq = a.indexOf('=');
            status |= eq < 0 ? read(a) : write(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
        }
        return status;
    }

    private int usage() {
        p.eprintln("usage: sysctl [-n] [-q] name...    sysctl [-q] -w name=value...");
        return 1;
    }

    private static String path(String name) { return "/proc/sys/" + name.replace('.', '/'); }

    private static String dotted(String name) { return name.replace('/', '.'); }

    private int read(String name) {
        int fd = sys.open(path(name), Syscalls.O_RDONLY);
        if (fd < 0) {
            p.eprintln("sysctl: cannot stat " + path(name) + ": " + UserFiles.strerror(fd));
            return 1;
        }
        byte[] buf = new byte[256];
        int n = sys.read(fd, buf, 0, buf.length);
        sys.close(fd);
        if (n < 0) {
            p.eprintln("sysctl: reading key \"" + dotted(name) + "\": " + UserFiles.strerror(n));
            return 1;
        }
        String value = new String(buf, 0, n, StandardCharsets.US_ASCII).trim();
        p.println(valuesOnly ? value : dotted(name) + " = " + value);
        return 0;
    }

    private int write(String name, String value) {
        int fd = sys.open(path(name), Syscalls.O_WRONLY);
        if (fd < 0) {
            p.eprintln("sysctl: cannot stat " + path(name) + ": " + UserFiles.strerror(fd));
            return 1;
        }
        byte[] b = (value + "\n").getBytes(StandardCharsets.US_ASCII);
        int n = sys.write(fd, b, 0, b.length);
        sys.close(fd);
        if (n < 0) {
            p.eprintln("sysctl: setting key \"" + dotted(name) + "\": " + UserFiles.strerror(n));
            return 1;
        }
        if (!quiet) p.println(valuesOnly ? value : dotted(name) + " = " + value);
        return 0;
    }
}
