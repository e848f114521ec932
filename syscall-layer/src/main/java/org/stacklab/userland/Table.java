package org.stacklab.userland;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table laid out the way ss lays out its columns: each column as wide as its widest cell
 * (header included), cells left- or right-aligned, columns separated by their leading delimiter.
 */
final class Table {
    private final boolean[] right;
    private final String[] delims;
    private final List<String[]> rows = new ArrayList<>();

    Table(boolean[] rightAligned, String[] leadingDelims) {
        this.right = rightAligned;
        this.delims = leadingDelims;
    }

    void add(String... cells) { rows.add(cells); }

    List<String> render() {
        int n = right.length;
        int[] w = new int[n];
        for (String[] r : rows) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], r[i].length());
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(delims[i]);
                String c = r[i];
                String padding = " ".repeat(w[i] - c.length());
                if (right[i]) sb.append(padding).append(c);
                else sb.append(c).append(i == n - 1 ? "" : padding);
            }
            out.add(sb.toString().stripTrailing());
        }
        return out;
    }
}
