package org.stacklab.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.stacklab.grader.Lab;
import org.stacklab.grader.LabCatalog;
import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.ModuleSet;

/**
 * Checks a {@code --use COMPONENT=IMPL,…} value before anything runs: every component must be one
 * the kernel knows (a provider's name or a module that holds some), every implementation one that
 * exists for it ({@code student} for the components a lab asks for). A typo gets a "did you mean"
 * and the list of valid names, never a stack trace or a silent no-op.
 */
public final class UseOption {
    private UseOption() {}

    /** Null when {@code use} is valid (or absent), else the message to print. */
    public static String check(String use, LabCatalog catalog) {
        if (use == null || use.isBlank()) return null;
        TreeMap<String, Set<String>> impls = new TreeMap<>();
        for (ComponentProvider p : Components.all()) {
            String c = p.component();
            for (String prefix = c; ; prefix = prefix.substring(0, prefix.lastIndexOf('.'))) {
                impls.computeIfAbsent(prefix, k -> new TreeSet<>(List.of(ModuleSet.REFERENCE, ModuleSet.NONE))).add(p.impl());
                if (prefix.indexOf('.') < 0) break;
            }
        }
        for (Lab l : catalog.all()) {
            for (String c : l.components()) {
                for (String prefix = c; ; prefix = prefix.substring(0, prefix.lastIndexOf('.'))) {
                    impls.computeIfAbsent(prefix, k -> new TreeSet<>(List.of(ModuleSet.REFERENCE, ModuleSet.NONE))).add(ModuleSet.STUDENT);
                    if (prefix.indexOf('.') < 0) break;
                }
            }
        }
        for (String part : use.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                return "bad --use entry '" + p + "': write COMPONENT=IMPL, e.g. --use udp=student,ip=reference";
            }
            String component = p.substring(0, eq).trim();
            String impl = p.substring(eq + 1).trim();
            Set<String> known = impls.get(component);
            if (known == null) {
                return "--use: there is no component '" + component + "'" + suggest(component, impls.keySet())
                        + "\n  components: " + String.join(", ", impls.keySet());
            }
            if (!known.contains(impl)) {
                return "--use: component '" + component + "' has no implementation '" + impl + "'" + suggest(impl, known)
                        + "\n  implementations of " + component + ": " + String.join(", ", known);
            }
        }
        return null;
    }

    static String suggest(String word, Set<String> names) {
        return names.stream().min(Comparator.comparingInt(n -> distance(word, n)))
                .filter(n -> distance(word, n) <= Math.max(2, word.length() / 3))
                .map(n -> "; did you mean '" + n + "'?").orElse("");
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit (tpc → tcp). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    static List<String> names(String use) {
        List<String> out = new ArrayList<>();
        if (use != null) for (String p : use.split(",")) if (p.contains("=")) out.add(p.substring(0, p.indexOf('=')).trim());
        return out;
    }
}
