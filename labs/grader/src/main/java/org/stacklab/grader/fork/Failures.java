package org.stacklab.grader.fork;

/** Turns a test's throwable into the text a student reads: the message, then where it happened. */
public final class Failures {
    private static final int FRAMES = 6;

    private Failures() {}

    public static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        String msg = t.getMessage();
        if (msg != null && msg.length() > 16 * 1024) msg = msg.substring(0, 16 * 1024) + " … (cut)";
        // An assertion's message is the explanation; for anything else the type matters too.
        if (t instanceof AssertionError && msg != null && !msg.isBlank()) sb.append(msg.strip());
        else sb.append(t.getClass().getName()).append(msg == null ? "" : ": " + msg);
        appendFrames(sb, t);
        Throwable c = t.getCause();
        for (int depth = 0; c != null && c != t && depth < 3; depth++, c = c.getCause()) {
            String cm = c.getMessage();
            if (cm != null && cm.length() > 4096) cm = cm.substring(0, 4096) + " … (cut)";
            sb.append("\ncaused by: ").append(c.getClass().getName()).append(cm == null ? "" : ": " + cm);
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
