package org.stacklab.userland;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/**
 * What grep, head, tail and wc share: their input is the named files, or standard input when none
 * is named (or the name is {@code -}), read with read(2) to the end, as coreutils read it.
 */
final class TextFilter {
    private TextFilter() {}

    /** One input: its name as the tool prints it and its text; text is null if it could not be read. */
    record Input(String name, String text) {}

    static List<Input> inputs(UserProcess proc, String prog, List<String> files) {
        List<Input> out = new ArrayList<>();
        if (files.isEmpty()) files = List.of("-");
        for (String f : files) out.add(new Input(f.equals("-") ? "(standard input)" : f, readAll(proc, prog, f)));
        return out;
    }

    /** The whole of {@code path} ({@code -}: fd 0), or null after "PROG: PATH: strerror" on stderr. */
    static String readAll(UserProcess proc, String prog, String path) {
        Syscalls sys = proc.sys();
        int fd = path.equals("-") ? 0 : sys.open(path, Syscalls.O_RDONLY);
        if (fd < 0) {
            proc.eprintln(prog + ": " + path + ": " + UserFiles.strerror(fd));
            return null;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = sys.read(fd, buf, 0, buf.length)) > 0) b.write(buf, 0, n);
        if (fd != 0) sys.close(fd);
        if (n < 0) {
            proc.eprintln(prog + ": " + path + ": " + UserFiles.strerror(n));
            return null;
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** The text's lines, each with its newline (the last may lack one). */
    static List<String> lines(String text) {
        List<String> l = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                l.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) l.add(text.substring(start));
        return l;
    }

    /** {@code -n N}, {@code -nN} or {@code -N}: the count head and tail take; -1 if {@code a} is none of them. */
    static int count(String a, String next) {
        String v = a.startsWith("-n") ? (a.length() > 2 ? a.substring(2) : next) : a.substring(1);
        try {
            return v == null ? -2 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -2;
        }
    }
}
