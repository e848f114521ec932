package org.stacklab.userland;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/** What libc's fopen/fread give a program: a whole file read through open/read/close. */
public final class UserFiles {
    private UserFiles() {}

    /** The result of reading a file: its text, or the negative errno of the call that failed. */
    public record Content(String text, int errno) {
        public boolean ok() { return text != null; }
    }

    public static Content read(UserProcess proc, String path) {
        Syscalls sys = proc.sys();
        int fd = sys.open(path, Syscalls.O_RDONLY);
        if (fd < 0) return new Content(null, fd);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            while (true) {
                int n = sys.read(fd, buf, 0, buf.length);
                if (n < 0) return new Content(null, n);
                if (n == 0) break;
                out.write(buf, 0, n);
            }
        } finally {
            sys.close(fd);
        }
        return new Content(out.toString(StandardCharsets.UTF_8), 0);
    }

    /** strerror text of a negative return: "No such file or directory". */
    public static String strerror(int rc) {
        try {
            return Errno.of(rc).message;
        } catch (IllegalArgumentException e) {
            return "Unknown error " + (-rc);
        }
    }

    /** Lines of a file, or null after printing "PROG: PATH: strerror" to stderr. */
    public static List<String> lines(UserProcess proc, String prog, String path) {
        Content c = read(proc, path);
        if (!c.ok()) {
            proc.eprintln(prog + ": " + path + ": " + strerror(c.errno()));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String l : c.text().split("\n")) if (!l.isEmpty()) out.add(l);
        return out;
    }

    /** One netlink-dump record ("a=1 b=2 owner=rest of line") as an ordered map. */
    public static Map<String, String> record(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        int i = 0;
        while (i < line.length()) {
            int eq = line.indexOf('=', i);
            if (eq < 0) break;
            String key = line.substring(i, eq);
            if (key.equals("owner")) {
                m.put(key, line.substring(eq + 1));
                break;
            }
            int sp = line.indexOf(' ', eq);
            if (sp < 0) sp = line.length();
            m.put(key, line.substring(eq + 1, sp));
            i = sp + 1;
        }
        return m;
    }
}
