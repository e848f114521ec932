package org.stacklab.grader.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;

/**
 * One architecture rule with the words a student needs: {@code title} says which boundary was
 * crossed ("the TCP module reached into the driver"), {@code why} why the boundary exists and what
 * to do instead. The ArchUnit rule carries {@code why} as its {@code because}.
 */
public record Boundary(String id, String title, String why, ArchRule rule) {

    /** The rule's verdict on {@code classes}: empty when kept, else the explanation for a student. */
    public java.util.Optional<String> check(JavaClasses classes) {
        EvaluationResult r = rule.evaluate(classes);
        if (!r.hasViolation()) return java.util.Optional.empty();
        return java.util.Optional.of(explain(r.getFailureReport().getDetails()));
    }

    /** The message of EXAMPLES.md: what was broken, where (at most 10 places), and why the rule exists. */
    public String explain(List<String> details) {
        StringBuilder sb = new StringBuilder("Architecture rule broken: ").append(title).append(".\n");
        int n = 0;
        for (String d : details) {
            if (n++ == 10) {
                sb.append("  … and ").append(details.size() - 10).append(" more\n");
                break;
            }
            sb.append("  ").append(d).append('\n');
        }
        return sb.append(wrap("Why the rule exists: " + why, 96)).toString();
    }

    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String word : text.split(" ")) {
            if (col > 0 && col + 1 + word.length() > width) {
                out.append('\n');
                col = 0;
            } else if (col > 0) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
        }
        return out.toString();
    }
}
