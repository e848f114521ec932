package org.stacklab.userland;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;

/**
 * {@code wc [-lwc] [FILE...]}: newline, word and byte counts, as coreutils prints them: one count
 * alone is printed bare for standard input; otherwise each is right-aligned, 7 wide for standard
 * input and as wide as the largest count for files, followed by the name (and a total line).
 */
public final class Wc implements Program {
    @Override
    public int main(UserProcess proc, String[] argv) {
        boolean l = false, w = false, c = false;
        List<String> files = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            if (a.startsWith("-") && a.length() > 1) {
                for (char ch : a.substring(1).toCharArray()) {
                    switch (ch) {
                        case 'l' -> l = true;
                        case 'w' -> w = true;
                        case 'c' -> c = true;
                        default -> {
                            proc.eprintln("wc: invalid option -- '" + ch + "'");
                            return 1;
                        }
                    }
                }
            } else {
                files.add(a);
            }
        }
        if (!l && !w && !c) l = w = c = true;
        List<TextFilter.Input> inputs = TextFilter.inputs(proc, "wc", files);
        List<long[]> rows = new ArrayList<>();
        long[] total = new long[3];
        int status = 0;
        for (TextFilter.Input in : inputs) {
            if (in.text() == null) {
                status = 1;
                rows.add(null);
                continue;
            }
            long[] r = count(in.text());
            for (int k = 0; k < 3; k++) total[k] += r[k];
            rows.add(r);
        }
        boolean[] show = {l, w, c};
        int shown = (l ? 1 : 0) + (w ? 1 : 0) + (c ? 1 : 0);
        boolean stdinOnly = files.isEmpty();
        int width = stdinOnly ? (shown == 1 ? 1 : 7) : Math.max(1, Long.toString(Math.max(total[2], Math.max(total[0], total[1]))).length());
        for (int k = 0; k < inputs.size(); k++) {
            if (rows.get(k) == null) continue;
            proc.print(line(rows.get(k), show, width) + (stdinOnly ? "" : " " + inputs.get(k).name()) + "\n");
        }
        if (inputs.size() > 1) proc.print(line(total, show, width) + " total\n");
        return status;
    }

    private static String line(long[] r, boolean[] show, int width) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            if (!show[k]) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(String.format("%" + width + "d", r[k]));
        }
        return sb.toString();
    }

    /** Newlines, words (runs of non-blanks) and bytes. */
    static long[] count(String text) {
        long lines = 0, words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\n') lines++;
            boolean blank = Character.isWhitespace(ch);
            if (!blank && !inWord) words++;
            inWord = !blank;
        }
        return new long[] {lines, words, text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length};
    }
}
