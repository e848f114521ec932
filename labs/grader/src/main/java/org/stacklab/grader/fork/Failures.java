package org.stacklab.grader.fork;

/** Turns a test's throwable into the text a student reads: the message, then where it happened. */
public final class Failures {
    private static final int FRAMES = 6;

    private Failures() {}

    public static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        String msg = t.getMessage();
        // An assertion's message is the explanation; for anything else the type matters too.
        if (t instanceof AssertionError && msg != null && !msg.isBlank()) sb.append(msg.strip());
        else sb.append(t);
        appendFrames(sb, t);
        Throwable c = t.getCause();
        for (int depth = 0; c != null && c != t && depth < 3; depth++, c = c.getCause()) {
            sb.append("\ncaused by: ").append(c);
            appendFrames(sb, c);
        }
        return sb.toString();
    }

    private static void appendFrames(StringBuilder sb, Throwable t) {
        int shown = 0;
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (c.startsWith("org.junit.") || c.startsWith("java.") || c.startsWith("jdk.")
                    || c.startsWith("sun.") || c.startsWith("org.opentest4j.")
                    || c.startsWith("org.stacklab.grader.fork.")) continue;
            sb.append("\n    at ").append(e);
            if (++shown == FRAMES) break;
        }
    }
}
