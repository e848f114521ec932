package org.stacklab.grader.fork;

/** Test names for people: {@code fastRetransmitAfter3DupAcks} → "fast retransmit after 3 dup acks". */
public final class Names {
    private Names() {}

    public static String humanize(String method) {
        if (method == null || method.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        char prev = 0;
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            char next = i + 1 < method.length() ? method.charAt(i + 1) : 0;
            if (c == '_') { sb.append(' '); prev = ' '; continue; }
            boolean boundary = i > 0 && prev != ' ' && (
                    (Character.isUpperCase(c) && (Character.isLowerCase(prev) || Character.isDigit(prev)
                            || (Character.isUpperCase(prev) && Character.isLowerCase(next))))
                    || (Character.isDigit(c) && Character.isLetter(prev))
                    || (Character.isLetter(c) && Character.isDigit(prev)));
            if (boundary) sb.append(' ');
            // Keep acronyms (ACK, RTO, TCP) as written; lower-case ordinary words.
            boolean acronym = Character.isUpperCase(c) && (Character.isUpperCase(next) || (next == 0 && Character.isUpperCase(prev)));
            sb.append(acronym ? c : Character.toLowerCase(c));
            prev = c;
        }
        return sb.toString().trim();
    }
}
