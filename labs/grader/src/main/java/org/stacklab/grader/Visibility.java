package org.stacklab.grader;

/** When a student sees a test's result on Gradescope (its {@code visibility} field). */
public enum Visibility {
    /** Always shown. */
    VISIBLE("visible"),
    /** Never shown to the student (the score still counts). */
    HIDDEN("hidden"),
    /** Shown once the due date has passed. */
    AFTER_DUE_DATE("after_due_date"),
    /** Shown once the instructor publishes grades. */
    AFTER_PUBLISHED("after_published");

    private final String json;

    Visibility(String json) { this.json = json; }

    /** The value Gradescope expects in results.json. */
    public String json() { return json; }

    public static Visibility fromJson(String s) {
        for (Visibility v : values()) if (v.json.equals(s) || v.name().equalsIgnoreCase(s)) return v;
        throw new IllegalArgumentException("unknown visibility '" + s + "'");
    }
}
