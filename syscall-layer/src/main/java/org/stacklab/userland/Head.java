package org.stacklab.userland;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;

/**
 * {@code head [-n N | -N] [FILE...]} and {@code tail [-n N | -N] [FILE...]}: the first or last N
 * lines (10 by default), with coreutils' {@code ==> FILE <==} headers when more than one file is named.
 */
public final class Head implements Program {
    private final boolean tail;

    private Head(boolean tail) { this.tail = tail; }

    public static Head head() { return new Head(false); }

    public static Head tail() { return new Head(true); }

    @Override
    public int main(UserProcess proc, String[] argv) {
        String prog = tail ? "tail" : "head";
        int n = 10;
        List<String> files = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            if (a.startsWith("-") && a.length() > 1) {
                boolean separate = a.equals("-n");
                int c = TextFilter.count(a, i + 1 < argv.length ? argv[i + 1] : null);
                if (c < 0) {
                    proc.eprintln(prog + ": invalid number of lines: '" + (separate && i + 1 < argv.length ? argv[i + 1] : a) + "'");
                    return 1;
                }
                if (separate) i++;
                n = c;
                continue;
            }
            files.add(a);
        }
        int status = 0;
        List<TextFilter.Input> inputs = TextFilter.inputs(proc, prog, files);
        for (int k = 0; k < inputs.size(); k++) {
            TextFilter.Input in = inputs.get(k);
            if (in.text() == null) {
                status = 1;
                continue;
            }
            if (inputs.size() > 1) proc.print((k > 0 ? "\n" : "") + "==> " + in.name() + " <==\n");
            List<String> lines = TextFilter.lines(in.text());
            List<String> part = tail ? lines.subList(Math.max(0, lines.size() - n), lines.size())
                    : lines.subList(0, Math.min(n, lines.size()));
            for (String l : part) proc.print(l);
        }
        return status;
    }
}
