package org.stacklab.userland;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;

/**
 * {@code grep [-vicnFE] PATTERN [FILE...]}: the lines that match, as GNU grep prints them (a
 * {@code FILE:} prefix when more than one file is named, {@code N:} with -n, a count with -c).
 * Exit status 0 if a line was selected, 1 if none, 2 on an error, as POSIX says. The pattern is a
 * basic regular expression (BRE) unless -E (extended) or -F (fixed string).
 */
public final class Grep implements Program {
    @Override
    public int main(UserProcess proc, String[] argv) {
        boolean invert = false, ignoreCase = false, count = false, number = false, fixed = false, extended = false;
        String pattern = null;
        List<String> files = new ArrayList<>();
        boolean opts = true;
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            if (opts && a.equals("--")) { opts = false; continue; }
            if (opts && a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 'v' -> invert = true;
                        case 'i' -> ignoreCase = true;
                        case 'c' -> count = true;
                        case 'n' -> number = true;
                        case 'F' -> fixed = true;
                        case 'E' -> extended = true;
                        default -> {
                            proc.eprintln("grep: invalid option -- '" + c + "'");
                            proc.eprintln("Usage: grep [OPTION]... PATTERNS [FILE]...");
                            return 2;
                        }
                    }
                }
                continue;
            }
            if (pattern == null) pattern = a;
            else files.add(a);
        }
        if (pattern == null) {
            proc.eprintln("Usage: grep [OPTION]... PATTERNS [FILE]...");
            return 2;
        }
        Pattern p;
        try {
            String re = fixed ? Pattern.quote(pattern) : extended ? pattern : breToJava(pattern);
            p = Pattern.compile(re, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            proc.eprintln("grep: Invalid regular expression");
            return 2;
        }
        boolean any = false, error = false;
        List<TextFilter.Input> inputs = TextFilter.inputs(proc, "grep", files);
        for (TextFilter.Input in : inputs) {
            if (in.text() == null) {
                error = true;
                continue;
            }
            String prefix = inputs.size() > 1 ? in.name() + ":" : "";
            int n = 0, matched = 0;
            for (String line : TextFilter.lines(in.text())) {
                n++;
                String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
                if (p.matcher(body).find() == invert) continue;
                matched++;
                if (!count) proc.print(prefix + (number ? n + ":" : "") + body + "\n");
            }
            if (count) proc.print(prefix + matched + "\n");
            any |= matched > 0;
        }
        return error ? 2 : any ? 0 : 1;
    }

    /**
     * POSIX BRE to Java: {@code + ? | ( ) { }} are ordinary characters unless escaped (GNU's
     * {@code \+ \? \| \( \)} are the operators), everything else reads the same.
     */
    static String breToJava(String bre) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bre.length(); i++) {
            char c = bre.charAt(i);
            if (c == '\\' && i + 1 < bre.length()) {
                char d = bre.charAt(++i);
                if ("+?|(){}".indexOf(d) >= 0) sb.append(d);
                else sb.append('\\').append(d);
            } else if ("+?|(){}".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
