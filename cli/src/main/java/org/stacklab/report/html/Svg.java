package org.stacklab.report.html;

import java.util.Locale;

/**
 * The little SVG this report needs, as strings: escaping and number formatting in one place, so every
 * drawing is well-formed XML (the tests parse it) and numbers never come out as {@code 1,5} in a
 * comma-decimal locale.
 */
final class Svg {
    private Svg() {}

    /** Text or attribute value, escaped for XML and HTML alike. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML 1.0; a frame's text never needs them.
                    if (c < 0x20 && c != '\n' && c != '\t') sb.append(' ');
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    /** A coordinate: at most one decimal, '.' as the separator. */
    static String n(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String text(double x, double y, String cls, String anchor, String s) {
        return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" class=\"" + cls + "\""
                + (anchor == null ? "" : " text-anchor=\"" + anchor + "\"") + ">" + esc(s) + "</text>";
    }

    static String line(double x1, double y1, double x2, double y2, String cls) {
        return "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2)
                + "\" class=\"" + cls + "\"/>";
    }

    /** Width of {@code s} in a monospace font of {@code px} (0.6 em per character): enough to lay out pills. */
    static double monoWidth(String s, double px) { return s.length() * px * 0.6; }
}
